package io.portdoc.lab;

import static io.portdoc.lab.LabNet.OUTSIDE_CLIENT_IP;
import static io.portdoc.lab.LabNet.OUTSIDE_SERVER_IP;
import static io.portdoc.lab.LabNet.SERVER_IP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code diagnose --ssh} against a real OpenSSH server in the server namespace, portdoc running in
 * a client namespace: what the real client gets (curl's status, nc's connect) is the ground truth
 * for the report read over SSH.
 */
@ExtendWith(Lab.class)
class SshLabTest {
    /** The seed's config: only the LAN and localhost get in. */
    static final String SEED = """
            Listen 80
            TypesConfig /etc/mime.types
            <Directory "@DOCROOT@">
            Order Deny,Allow
            Deny from all
            Allow from 10.0.0
            Allow from localhost
            </Directory>
            """;

    private static List<String> args(SshServer ssh, String... more) {
        List<String> a = new ArrayList<>(List.of("diagnose"));
        a.addAll(ssh.sshOptions());
        a.addAll(List.of(more));
        a.addAll(List.of("--format", "json"));
        return a;
    }

    private static PortdocRun portdoc(LabNet net, String ns, SshServer ssh, String... more) {
        return net.portdoc(ns, args(ssh, more).toArray(String[]::new));
    }

    private static boolean hasLocation(JsonNode step) {
        for (JsonNode e : step.path("evidence")) {
            if (e.path("location").asText().matches(".+:\\d+")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theSeedsDeniedClientIsFoundOverSsh(LabNet net) {
        SshServer ssh = SshServer.start(net, null, null);
        Apache apache = net.startApache(net.server(), SEED);
        assertEquals(403, net.httpStatus(net.outside(), "http://" + SERVER_IP + "/"), "the real client");
        PortdocRun r = portdoc(
                net,
                net.outside(),
                ssh,
                "--ssh",
                SERVER_IP,
                "--service",
                apache.processName(),
                "--port",
                "80",
                "--config",
                apache.conf().toString());
        assertEquals(1, r.exit(), r.toString());
        assertEquals("PASS", r.verdict("daemon"), r.toString());
        assertEquals("FAIL", r.verdict("config"), r.toString());
        assertTrue(hasLocation(r.step("config")), "config FAIL with file:line\n" + r);
        assertEquals("PASS", r.verdict("probe"), "the TCP connection itself succeeds\n" + r);
        JsonNode v = r.json().path("vantage");
        assertEquals(OUTSIDE_CLIENT_IP, r.json().path("target").path("client").asText(), r.toString());
        assertEquals(OUTSIDE_CLIENT_IP, v.path("clientSeenByServer").asText(), r.toString());
        assertEquals(OUTSIDE_CLIENT_IP, v.path("clientRouteSource").asText(), r.toString());
        assertFalse(v.path("nat").asBoolean(), r.toString());
        assertEquals("client", r.step("probe").path("vantage").asText());
        assertEquals("server", r.step("config").path("vantage").asText());
        for (String format : List.of("text", "markdown")) {
            List<String> a = new ArrayList<>(List.of("diagnose"));
            a.addAll(ssh.sshOptions());
            a.addAll(List.of("--ssh", "root@" + SERVER_IP, "--service", apache.processName(), "--port", "80"));
            a.addAll(List.of("--config", apache.conf().toString(), "--format", format));
            PortdocRun t = net.portdoc(net.outside(), a.toArray(String[]::new));
            assertTrue(t.out().contains("over SSH (root@" + SERVER_IP + ")"), t.toString());
            System.out.println("[ssh sample " + format + "]\n" + t.out());
        }
    }

    @Test
    void aFirewallDropOnTheServer(LabNet net) {
        SshServer ssh = SshServer.start(net, null, null);
        Proc webd = net.startDaemon(net.server(), "webd", "0.0.0.0", 8080);
        net.nft(net.server(), """
                table inet f {
                  chain in { type filter hook input priority 0; policy accept;
                    tcp dport 8080 ip saddr 172.16.5.0/24 drop
                  }
                }
                """);
        assertEquals("timeout", net.probeFrom(net.outside(), SERVER_IP, 8080).state(), "the real client");
        PortdocRun r =
                portdoc(net, net.outside(), ssh, "--ssh", SERVER_IP, "--service", webd.processName(), "--port", "8080");
        assertEquals("PASS", r.verdict("daemon"), r.toString());
        assertEquals("PASS", r.verdict("listening"), r.toString());
        assertEquals("FAIL", r.verdict("firewall"), r.toString());
        assertEquals("FAIL", r.verdict("probe"), r.toString());
        assertTrue(r.said("probe").contains("timeout"), r.toString());
        assertEquals(1, r.exit(), r.toString());
    }

    @Test
    void behindNatTheServerJudgesTheAddressItSees(LabNet net) {
        SshServer ssh = SshServer.start(net, null, null);
        Apache apache = net.startApache(net.server(), SEED);
        try (NatClient nat = NatClient.add(net)) {
            assertEquals(403, net.httpStatus(nat.namespace(), "http://" + SERVER_IP + "/"), "the real client");
            PortdocRun r = portdoc(
                    net,
                    nat.namespace(),
                    ssh,
                    "--ssh",
                    SERVER_IP,
                    "--service",
                    apache.processName(),
                    "--port",
                    "80",
                    "--config",
                    apache.conf().toString());
            JsonNode v = r.json().path("vantage");
            assertTrue(v.path("nat").asBoolean(), r.toString());
            assertEquals(NatClient.CLIENT_IP, v.path("clientRouteSource").asText(), r.toString());
            assertEquals(NatClient.ROUTER_IP, v.path("clientSeenByServer").asText(), r.toString());
            assertEquals(
                    NatClient.ROUTER_IP, r.json().path("target").path("client").asText(), r.toString());
            assertEquals("FAIL", r.verdict("config"), r.toString());
            assertTrue(r.said("config").contains(NatClient.ROUTER_IP), r.toString());
            assertTrue(r.step("probe").path("hintKeys").toString().contains("hint.nat"), "the probe says NAT\n" + r);
        }
    }

    @Test
    void sudoAsANonRootUser(LabNet net) throws Exception {
        Lab.require(Files.isExecutable(Path.of("/usr/bin/sudo")), "sudo is not installed (Debian: sudo)");
        String passwd = Files.readString(Path.of("/etc/passwd"))
                .replaceAll("(?m)^(daemon:[^:]*:[^:]*:[^:]*:[^:]*:[^:]*:).*$", "$1/bin/sh");
        Proc webd = net.startDaemon(net.server(), "webd", "0.0.0.0", 8080);
        String[] target = {"--ssh", "daemon@" + SERVER_IP, "--service", webd.processName(), "--port", "8080"};

        SshServer withPassword = SshServer.start(net, passwd, "root ALL=(ALL:ALL) ALL\n");
        PortdocRun asked = portdoc(net, net.outside(), withPassword, concat(target, "--sudo"));
        assertEquals(3, asked.exit(), asked.toString());
        for (String step : List.of("daemon", "config", "listening", "firewall", "probe")) {
            assertEquals("UNKNOWN", asked.verdict(step), asked.toString());
        }
        assertTrue(asked.said("daemon").contains("needs a password"), asked.toString());
        PortdocRun plain = portdoc(net, net.outside(), withPassword, target);
        assertFalse(plain.json().path("host").path("privileged").asBoolean(), plain.toString());
        assertEquals("daemon", plain.json().path("host").path("user").asText(), plain.toString());
        withPassword.proc().stop();

        SshServer passwordless = SshServer.start(net, passwd, "daemon ALL=(ALL:ALL) NOPASSWD: ALL\n");
        PortdocRun r = portdoc(net, net.outside(), passwordless, concat(target, "--sudo"));
        assertTrue(r.json().path("host").path("privileged").asBoolean(), r.toString());
        assertEquals("PASS", r.verdict("daemon"), r.toString());
        assertEquals("PASS", r.verdict("listening"), r.toString());
        assertEquals("PASS", r.verdict("probe"), r.toString());
    }

    @Test
    void severalHostsGiveOneCombinedReportAndTheWorstExitCode(LabNet net) {
        SshServer ssh = SshServer.start(net, null, null);
        Apache apache = net.startApache(net.server(), SEED);
        PortdocRun r = portdoc(
                net,
                net.outside(),
                ssh,
                "--ssh",
                SERVER_IP + "," + OUTSIDE_SERVER_IP,
                "--service",
                apache.processName(),
                "--port",
                "80",
                "--config",
                apache.conf().toString());
        assertEquals("portdoc/reports/v1", r.json().path("schema").asText(), r.toString());
        JsonNode reports = r.json().path("reports");
        assertEquals(2, reports.size(), r.toString());
        for (JsonNode report : reports) {
            assertEquals("FAIL", report.path("conclusion").path("verdict").asText(), r.toString());
        }
        assertEquals(
                OUTSIDE_SERVER_IP, reports.get(1).path("vantage").path("server").asText(), r.toString());
        assertEquals(1, r.exit(), r.toString());

        // one host that cannot be reached: exit 2, one line, no stack trace
        PortdocRun down = portdoc(net, net.outside(), ssh, "--ssh", LabNet.ABSENT_IP, "--port", "80");
        assertEquals(2, down.exit(), down.toString());
        assertEquals(1, down.err().strip().lines().count(), down.toString());
        assertTrue(down.err().contains("ssh " + LabNet.ABSENT_IP + ": "), down.toString());
    }

    private static String[] concat(String[] a, String... b) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
    }
}
