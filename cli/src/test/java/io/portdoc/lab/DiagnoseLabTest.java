package io.portdoc.lab;

import static io.portdoc.lab.LabNet.CLIENT_IP;
import static io.portdoc.lab.LabNet.SERVER_IP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The seed's checklist failures on a real server namespace: what a real client gets, and what
 * {@code portdoc diagnose} (the real entry point, run in the server namespace) reports for it.
 * Daemons are listeners under unique process names, so no other process on the machine is
 * mistaken for them.
 */
@ExtendWith(Lab.class)
class DiagnoseLabTest {
    private static PortdocRun diagnose(LabNet net, String service, int port, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "diagnose",
                "--service",
                service,
                "--port",
                Integer.toString(port),
                "--timeout",
                "1s",
                "--format",
                "json"));
        args.addAll(List.of(more));
        PortdocRun r = net.portdoc(net.server(), args.toArray(String[]::new));
        assertEquals("portdoc/report/v1", r.json().path("schema").asText(), r.toString());
        assertEquals(List.of("daemon", "config", "listening", "firewall", "probe"), stepIds(r));
        return r;
    }

    private static List<String> stepIds(PortdocRun r) {
        List<String> ids = new ArrayList<>();
        r.json().path("steps").forEach(s -> ids.add(s.path("id").asText()));
        return ids.subList(0, Math.min(5, ids.size()));
    }

    @Test
    void daemonStoppedIsRefusedAndTheDaemonStepBlocks(LabNet net) {
        String cupsd = net.uniqueName("cupsd"); // never started
        net.probeFrom(net.inside(), SERVER_IP, 8631).expect("refused");
        PortdocRun r = diagnose(net, cupsd, 8631);
        assertEquals("FAIL", r.verdict("probe"), r.toString());
        r.assumeImplemented("daemon");
        assertEquals("FAIL", r.verdict("daemon"), r.toString());
        assertEquals("daemon", r.blockingStep());
        assertEquals(1, r.exit());
    }

    @Test
    void daemonListeningOnAnotherPortIsNamed(LabNet net) {
        Proc httpd = net.startDaemon(net.server(), "httpd", "::", 8082);
        net.probeFrom(net.inside(), SERVER_IP, 8081).expect("refused");
        net.probeFrom(net.inside(), SERVER_IP, 8082).expect("open");
        PortdocRun r = diagnose(net, httpd.processName(), 8081);
        assertEquals("FAIL", r.verdict("probe"), r.toString());
        r.assumeImplemented("daemon", "listening");
        assertEquals("PASS", r.verdict("daemon"), r.toString());
        assertEquals("FAIL", r.verdict("listening"), r.toString());
        assertTrue(r.said("listening").contains("8082"), r.said("listening"));
        assertEquals("listening", r.blockingStep());
        assertEquals(1, r.exit());
    }

    @Test
    void listeningOnLoopbackOnlyIsRefusedForClients(LabNet net) {
        // the seed's "127.0.0.1:25 ... 1994/master"
        Proc master = net.startDaemon(net.server(), "master", "127.0.0.1", 25);
        net.probeFrom(net.inside(), SERVER_IP, 25).expect("refused");
        net.probeFrom(net.outside(), SERVER_IP, 25).expect("refused");
        PortdocRun r = diagnose(net, master.processName(), 25);
        assertEquals("WARN", r.verdict("probe"), r.toString());
        assertTrue(r.step("probe").path("summary").asText().contains("127.0.0.1"), r.said("probe"));
        assertTrue(r.step("probe").path("hintKeys").toString().contains("hint.loopback.only"), r.said("probe"));
        r.assumeImplemented("listening");
        assertEquals("FAIL", r.verdict("listening"), r.toString());
        assertTrue(r.said("listening").contains("127.0.0.1"), r.said("listening"));
        assertEquals(1, r.exit());
    }

    @Test
    void anotherProgramHoldingThePortIsNamed(LabNet net) {
        Proc other = net.startDaemon(net.server(), "other", "::", 8084);
        String webd = net.uniqueName("webd"); // the service we ask about does not run
        net.probeFrom(net.inside(), SERVER_IP, 8084).expect("open");
        PortdocRun r = diagnose(net, webd, 8084);
        r.assumeImplemented("daemon", "listening");
        assertTrue(r.said("listening").contains(other.processName()), r.said("listening"));
        assertEquals("FAIL", r.verdict("daemon"), r.toString());
        assertEquals(1, r.exit());
    }

    @Test
    void healthyServiceEveryStepPasses(LabNet net) {
        Proc webd = net.startDaemon(net.server(), "webd", "::", 8080);
        net.probeFrom(net.inside(), SERVER_IP, 8080).expect("open");
        net.probeFrom(net.outside(), SERVER_IP, 8080).expect("open");
        PortdocRun r = diagnose(net, webd.processName(), 8080);
        assertEquals("PASS", r.verdict("probe"), r.toString());
        String hints = r.step("probe").path("hints").toString();
        assertTrue(
                hints.contains("portdoc probe " + SERVER_IP + " 8080")
                        || hints.contains("portdoc probe " + LabNet.OUTSIDE_SERVER_IP + " 8080"),
                hints);
        r.assumeImplemented("daemon", "listening", "firewall");
        assertEverythingPasses(r);
    }

    @Test
    void healthyApacheEveryStepPasses(LabNet net) {
        Apache apache = net.startApache(net.server(), """
                Listen 80
                <Directory "@DOCROOT@">
                  Require all granted
                </Directory>
                """);
        assertEquals(200, net.httpStatus(net.inside(), "http://" + SERVER_IP + "/"));
        assertEquals(200, net.httpStatus(net.outside(), "http://" + SERVER_IP + "/"));
        PortdocRun r = diagnose(
                net, apache.processName(), 80, "--config", apache.conf().toString());
        assertEquals("PASS", r.verdict("probe"), r.toString());
        r.assumeImplemented("daemon", "config", "listening", "firewall");
        assertEverythingPasses(r);
    }

    @Test
    void probeOnTheServerDoesNotCrossTheFirewallSoItSaysSo(LabNet net) {
        Proc webd = net.startDaemon(net.server(), "webd", "::", 8086);
        net.nft(net.server(), """
                table inet lab {
                  chain input {
                    type filter hook input priority 0; policy accept;
                    ip saddr 10.0.0.156 tcp dport 8086 drop
                  }
                }
                """);
        net.probeFrom(net.inside(), SERVER_IP, 8086, Duration.ofSeconds(1)).expect("timeout");
        net.probeFrom(net.outside(), SERVER_IP, 8086).expect("open");
        PortdocRun client =
                net.portdoc(net.inside(), "probe", SERVER_IP, "8086", "--timeout", "1s", "--format", "json");
        assertEquals("timeout", client.state(), client.toString());

        PortdocRun r = diagnose(net, webd.processName(), 8086, "--client", CLIENT_IP);
        assertEquals("PASS", r.verdict("probe"), "from the server itself the port is open: " + r);
        String hints = r.step("probe").path("hints").toString();
        assertTrue(
                hints.contains("did not cross the network") && hints.contains("portdoc probe " + SERVER_IP + " 8086"),
                hints);
        r.assumeImplemented("firewall");
        assertEquals("FAIL", r.verdict("firewall"), r.toString());
        assertEquals(1, r.exit());
    }

    @Test
    void everyAddressIsProbedAtOnce(LabNet net) {
        Proc webd = net.startDaemon(net.server(), "webd", "::", 8092);
        net.nft(net.server(), """
                table inet lab {
                  chain input {
                    type filter hook input priority 0; policy accept;
                    tcp dport 8092 drop
                  }
                }
                """);
        PortdocRun r = diagnose(net, webd.processName(), 8092);
        JsonNode probe = r.step("probe");
        assertEquals("FAIL", probe.path("verdict").asText(), r.toString());
        // 6 addresses (2 subnets x IPv4/IPv6, and loopback), each dropped for the 1 s timeout
        assertTrue(probe.path("evidence").size() >= 5, probe.toString());
        probe.path("evidence")
                .forEach(e -> assertTrue(e.path("text").asText().contains(" timeout after "), e.toString()));
        assertTrue(probe.path("durationMs").asLong() < 2500, "in parallel, not one after the other: " + probe);
    }

    private static void assertEverythingPasses(PortdocRun r) {
        for (JsonNode s : r.json().path("steps")) {
            String v = s.path("verdict").asText();
            assertTrue(v.equals("PASS") || v.equals("SKIP"), s.path("id").asText() + " is " + v + ": " + r);
            if (v.equals("SKIP")) {
                assertNotEquals("", s.path("summary").asText(), "a SKIP says why");
            }
        }
        assertEquals("PASS", r.json().path("conclusion").path("verdict").asText());
        assertEquals(null, r.blockingStep());
        assertEquals(0, r.exit(), r.toString());
    }
}
