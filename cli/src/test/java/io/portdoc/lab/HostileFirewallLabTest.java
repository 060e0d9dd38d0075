package io.portdoc.lab;

import static io.portdoc.lab.LabNet.CLIENT_IP;
import static io.portdoc.lab.LabNet.OUTSIDE_CLIENT_IP;
import static io.portdoc.lab.LabNet.SERVER_IP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The firewall step on hosts that make reading the rules hard, against a real client: a run
 * from cron ({@code env -i PATH=/usr/bin:/bin}, no /usr/sbin) must still find nft; nft that is
 * there but cannot read the rules (root without CAP_NET_ADMIN) is UNKNOWN, exit 3, never "no
 * firewall rules found". Ingress chains (netdev, and inet's ingress hook) judge the packet on
 * the device it arrives on: server eth1 faces the inside client, eth2 the outside one.
 */
@ExtendWith(Lab.class)
@LabPrefix("pda")
class HostileFirewallLabTest {
    private static final Duration WAIT = Duration.ofSeconds(1);

    private static PortdocRun diagnose(LabNet net, List<String> wrapper, Proc daemon, int port, String client) {
        return net.portdoc(
                net.server(),
                wrapper,
                "diagnose",
                "--service",
                daemon.processName(),
                "--port",
                Integer.toString(port),
                "--client",
                client,
                "--host",
                SERVER_IP,
                "--no-probe",
                "--format",
                "json");
    }

    private static String sees(JsonNode step) {
        for (JsonNode e : step.path("evidence")) {
            if (e.path("source").asText().equals("client sees")) {
                return e.path("text").asText();
            }
        }
        return "-";
    }

    private static void nft(LabNet net, String rules) {
        net.nft(net.server(), rules.replace("} }", "}\n}"));
    }

    @Test
    void cronsPathStillFindsTheRuleThatDropsTheClient(LabNet net) {
        Proc daemon = net.startDaemon(net.server(), "webd", "0.0.0.0", 8116);
        nft(net, """
                table inet lab { chain input { type filter hook input priority 0; policy accept;
                  ip saddr 172.16.5.0/24 tcp dport 8116 drop; } }""");
        net.probeFrom(net.outside(), SERVER_IP, 8116, WAIT).expect("timeout");
        net.probeFrom(net.inside(), SERVER_IP, 8116, WAIT).expect("open");

        PortdocRun r = diagnose(net, List.of("env", "-i", "PATH=/usr/bin:/bin"), daemon, 8116, OUTSIDE_CLIENT_IP);
        JsonNode step = r.step("firewall");
        assertEquals("FAIL", step.path("verdict").asText(), step.toString());
        assertEquals("timeout", sees(step), step.toString());
        assertTrue(step.toString().contains("tcp dport 8116 drop"), "names the rule: " + step);
        assertEquals("firewall", r.blockingStep(), r.toString());
        assertEquals(1, r.exit(), r.toString());

        PortdocRun in = diagnose(net, List.of("env", "-i", "PATH=/usr/bin:/bin"), daemon, 8116, CLIENT_IP);
        assertEquals("PASS", in.verdict("firewall"), in.said("firewall"));
    }

    @Test
    void nftThatCannotReadTheRulesIsUnknownNotNone(LabNet net) {
        Lab.require(Exec.installed("setpriv"), "setpriv is not installed (Debian: util-linux)");
        Proc daemon = net.startDaemon(net.server(), "webd", "0.0.0.0", 8117);
        nft(net, """
                table inet lab { chain input { type filter hook input priority 0; policy accept;
                  ip saddr 172.16.5.0/24 tcp dport 8117 drop; } }""");
        net.probeFrom(net.outside(), SERVER_IP, 8117, WAIT).expect("timeout");

        // root, but with no capabilities: nft and iptables-save are there and fail (EPERM)
        List<String> noCaps = new ArrayList<>(List.of(
                Exec.which("setpriv"), "--inh-caps=-all", "--bounding-set=-all", "env", "-i", "PATH=/usr/bin:/bin"));
        PortdocRun r = diagnose(net, noCaps, daemon, 8117, OUTSIDE_CLIENT_IP);
        JsonNode step = r.step("firewall");
        assertEquals("UNKNOWN", step.path("verdict").asText(), step.toString());
        assertTrue(step.path("summary").asText().contains("nft"), "names the tool that failed: " + step);
        assertTrue(step.toString().contains("CAP_NET_ADMIN"), "says what is missing: " + step);
        assertEquals("PASS", r.verdict("daemon"), r.toString());
        assertEquals(3, r.exit(), r.toString());
    }

    /** An ingress rule set, what each client really gets, and the chain a FAIL must name. */
    record Ingress(String name, int port, String rules, String inside, String outside, String chain) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Ingress> ingress() {
        return Stream.of(
                new Ingress("netdev drop on the client's device", 8118, """
                        table netdev lab { chain in1 { type filter hook ingress device "eth1" priority 0; policy accept;
                          ip saddr 10.0.0.156 tcp dport 8118 drop; } }""", "timeout", "open", "netdev lab in1"),
                new Ingress("netdev drop on another device", 8118, """
                        table netdev lab { chain in2 { type filter hook ingress device "eth2" priority 0; policy accept;
                          tcp dport 8118 drop; } }""", "open", "timeout", "netdev lab in2"),
                new Ingress("netdev accept and no match", 8118, """
                        table netdev lab { chain in1 { type filter hook ingress device "eth1" priority 0; policy accept;
                          ip saddr 10.9.9.9 drop
                          tcp dport 8118 accept; } }""", "open", "open", "-"),
                new Ingress("netdev chain on both devices", 8118, """
                        table netdev lab { chain both {
                          type filter hook ingress devices = { "eth1", "eth2" } priority 0; policy accept;
                          ip saddr 172.16.5.0/24 tcp dport 8118 drop; } }""", "open", "timeout", "netdev lab both"),
                new Ingress(
                        "inet ingress: no conntrack entry yet, ct state is invalid",
                        8118,
                        """
                        table inet lab { chain early { type filter hook ingress device "eth1" priority -500;
                          policy accept; ct state invalid tcp dport 8118 drop; } }""",
                        "timeout",
                        "open",
                        "inet lab early"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ingress")
    void ingressChainsJudgeThePacketOnItsArrivalDevice(Ingress c, LabNet net) {
        Proc daemon = net.startDaemon(net.server(), "webd", "0.0.0.0", c.port);
        nft(net, c.rules);
        check(net, c, daemon, net.inside(), CLIENT_IP, c.inside);
        check(net, c, daemon, net.outside(), OUTSIDE_CLIENT_IP, c.outside);
    }

    private static void check(LabNet net, Ingress c, Proc daemon, String ns, String client, String expected) {
        ClientOutcome real = net.probeFrom(ns, SERVER_IP, c.port, WAIT);
        assertEquals(expected, real.state(), c.name + ": the real client from " + client + ": " + real.message());
        PortdocRun r = diagnose(net, List.of(), daemon, c.port, client);
        JsonNode step = r.step("firewall");
        if (real.state().equals("open")) {
            assertEquals("PASS", step.path("verdict").asText(), c.name + " from " + client + ": " + step);
        } else {
            assertEquals("FAIL", step.path("verdict").asText(), c.name + " from " + client + ": " + step);
            assertEquals(real.state(), sees(step), c.name + " from " + client + ": " + step);
            String summary = step.path("summary").asText();
            assertTrue(
                    summary.contains(c.chain + ": ") && summary.contains("(handle "), "names chain and rule: " + step);
            assertEquals("firewall", r.blockingStep(), r.toString());
        }
    }
}
