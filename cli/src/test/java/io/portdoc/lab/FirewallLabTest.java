package io.portdoc.lab;

import static io.portdoc.lab.LabNet.CLIENT_IP;
import static io.portdoc.lab.LabNet.CLIENT_IP6;
import static io.portdoc.lab.LabNet.OUTSIDE_CLIENT_IP;
import static io.portdoc.lab.LabNet.OUTSIDE_CLIENT_IP6;
import static io.portdoc.lab.LabNet.SERVER_IP;
import static io.portdoc.lab.LabNet.SERVER_IP6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The firewall step against reality: real nft / iptables (nft and legacy) / ipset rules in the
 * server namespace, a real connection from each client namespace, and {@code portdoc diagnose
 * --client} run in the server namespace. What the client really got is the expected answer:
 * open must be PASS, timeout / refused / host-unreachable must be FAIL with exactly that
 * "client sees".
 */
@ExtendWith(Lab.class)
class FirewallLabTest {
    /** A rule set: what is loaded, and what the inside (10.0.0.156) and outside (172.16.5.20) clients get. */
    record Case(String name, int port, boolean ipv6, Consumer<LabNet> rules, String inside, String outside) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static void nft(LabNet net, String rules) {
        net.nft(net.server(), rules.replace("} }", "}\n}")); // nft wants a newline between closing braces
    }

    private static void ipt(LabNet net, String... args) {
        net.iptables(net.server(), args);
    }

    private static void legacy(LabNet net, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "iptables-legacy";
        System.arraycopy(args, 0, all, 1, args.length);
        net.exec(net.server(), all).ok();
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("nft drop for other subnets", 8101, false, n -> nft(n, """
                        table inet lab { chain input { type filter hook input priority 0; policy accept;
                          tcp dport 8101 ip saddr != 10.0.0.0/24 drop; } }"""), "open", "timeout"),
                new Case("nft reject with tcp reset", 8102, false, n -> nft(n, """
                        table inet lab { chain input { type filter hook input priority 0; policy accept;
                          tcp dport 8102 reject with tcp reset; } }"""), "refused", "refused"),
                new Case(
                        "nft admin-prohibited for one subnet",
                        8103,
                        false,
                        n -> nft(n, """
                        table inet lab { chain input { type filter hook input priority 0; policy accept;
                          ip saddr 172.16.5.0/24 tcp dport 8103 reject with icmpx admin-prohibited; } }"""),
                        "open",
                        "host-unreachable"),
                new Case("nft policy drop, interval set allowed", 8104, false, n -> nft(n, """
                        table inet lab {
                          set lan { type ipv4_addr; flags interval; elements = { 10.0.0.100-10.0.0.199 }; }
                          chain input { type filter hook input priority 0; policy drop;
                            ct state established,related accept
                            iif "lo" accept
                            ip saddr @lan tcp dport 8104 accept; } }"""), "open", "timeout"),
                new Case(
                        "nft accept in one base chain, drop in a later one",
                        8105,
                        false,
                        n -> nft(n, """
                        table inet a { chain input { type filter hook input priority 0; policy accept;
                          tcp dport 8105 accept; } }
                        table inet b { chain input { type filter hook input priority 10; policy accept;
                          ip saddr 10.0.0.156 tcp dport 8105 drop; } }"""),
                        "timeout",
                        "open"),
                new Case("nft jump and return to a drop policy", 8106, false, n -> nft(n, """
                        table inet lab {
                          chain web { ip saddr 172.16.5.0/24 return
                            accept; }
                          chain input { type filter hook input priority 0; policy drop;
                            ct state established,related accept
                            tcp dport 8106 jump web; } }"""), "open", "timeout"),
                new Case(
                        "nft verdict map on the arrival interface",
                        8107,
                        false,
                        n -> nft(n, """
                        table inet lab {
                          chain rej { reject with icmpx host-unreachable; }
                          chain input { type filter hook input priority 0; policy drop;
                            ct state established,related accept
                            tcp dport 8107 iifname vmap { "eth1" : accept, "eth2" : jump rej }; } }"""),
                        "open",
                        "host-unreachable"),
                new Case(
                        "iptables plain REJECT for one subnet",
                        8108,
                        false,
                        n -> ipt(
                                n,
                                "-A",
                                "INPUT",
                                "-s",
                                "172.16.5.0/24",
                                "-p",
                                "tcp",
                                "--dport",
                                "8108",
                                "-j",
                                "REJECT"),
                        "open",
                        "refused"),
                new Case(
                        "iptables-legacy drop for other subnets",
                        8109,
                        false,
                        n -> legacy(
                                n,
                                "-A",
                                "INPUT",
                                "!",
                                "-s",
                                "10.0.0.0/24",
                                "-p",
                                "tcp",
                                "--dport",
                                "8109",
                                "-j",
                                "DROP"),
                        "open",
                        "timeout"),
                new Case(
                        "iptables ipset match, admin-prohibited",
                        8110,
                        false,
                        n -> {
                            n.exec(n.server(), "ipset", "create", "lan", "hash:net")
                                    .ok();
                            n.exec(n.server(), "ipset", "add", "lan", "10.0.0.0/24")
                                    .ok();
                            ipt(
                                    n,
                                    "-A",
                                    "INPUT",
                                    "-p",
                                    "tcp",
                                    "--dport",
                                    "8110",
                                    "-m",
                                    "set",
                                    "!",
                                    "--match-set",
                                    "lan",
                                    "src",
                                    "-j",
                                    "REJECT",
                                    "--reject-with",
                                    "icmp-admin-prohibited");
                        },
                        "open",
                        "host-unreachable"),
                new Case(
                        "iptables-nft accepts, legacy drops: both are enforced",
                        8111,
                        false,
                        n -> {
                            ipt(n, "-A", "INPUT", "-p", "tcp", "--dport", "8111", "-j", "ACCEPT");
                            legacy(n, "-A", "INPUT", "-s", "172.16.5.20", "-p", "tcp", "--dport", "8111", "-j", "DROP");
                        },
                        "open",
                        "timeout"),
                new Case(
                        "iptables raw PREROUTING drop",
                        8112,
                        false,
                        n -> ipt(
                                n,
                                "-t",
                                "raw",
                                "-A",
                                "PREROUTING",
                                "-s",
                                "10.0.0.156",
                                "-p",
                                "tcp",
                                "--dport",
                                "8112",
                                "-j",
                                "DROP"),
                        "timeout",
                        "open"),
                new Case(
                        "iptables user chain, multiport, conntrack, host-prohibited",
                        8113,
                        false,
                        n -> {
                            ipt(n, "-N", "svc");
                            ipt(n, "-A", "svc", "-s", "10.0.0.0/24", "-j", "RETURN");
                            ipt(n, "-A", "svc", "-j", "REJECT", "--reject-with", "icmp-host-prohibited");
                            ipt(
                                    n,
                                    "-A",
                                    "INPUT",
                                    "-p",
                                    "tcp",
                                    "-m",
                                    "multiport",
                                    "--dports",
                                    "8113,9113",
                                    "-m",
                                    "conntrack",
                                    "--ctstate",
                                    "NEW",
                                    "-j",
                                    "svc");
                        },
                        "open",
                        "host-unreachable"),
                new Case("nft IPv6: reset for the other subnet", 8114, true, n -> nft(n, """
                        table inet lab { chain input { type filter hook input priority 0; policy accept;
                          ip6 saddr fd42:0:0:2::/64 tcp dport 8114 reject with tcp reset; } }"""), "open", "refused"),
                new Case(
                        "ip6tables policy DROP with the LAN allowed",
                        8115,
                        true,
                        n -> {
                            n.ip6tables(
                                    n.server(),
                                    "-A",
                                    "INPUT",
                                    "-s",
                                    "fd42:0:0:1::/64",
                                    "-p",
                                    "tcp",
                                    "--dport",
                                    "8115",
                                    "-j",
                                    "ACCEPT");
                            n.ip6tables(n.server(), "-A", "INPUT", "-p", "ipv6-icmp", "-j", "ACCEPT");
                            n.ip6tables(n.server(), "-P", "INPUT", "DROP");
                        },
                        "open",
                        "timeout"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void portdocSaysWhatTheClientGets(Case c, LabNet net) {
        net.startListener(net.server(), c.ipv6 ? "::" : "0.0.0.0", c.port);
        c.rules.accept(net);
        check(net, c, net.inside(), c.ipv6 ? CLIENT_IP6 : CLIENT_IP, c.inside);
        check(net, c, net.outside(), c.ipv6 ? OUTSIDE_CLIENT_IP6 : OUTSIDE_CLIENT_IP, c.outside);
    }

    private static void check(LabNet net, Case c, String clientNs, String clientIp, String expected) {
        String server = c.ipv6 ? SERVER_IP6 : SERVER_IP;
        ClientOutcome real = net.probeFrom(clientNs, server, c.port, Duration.ofSeconds(1));
        assertEquals(expected, real.state(), c.name + ": the real client from " + clientIp + ": " + real.message());
        PortdocRun r = net.portdoc(
                net.server(),
                "diagnose",
                "--service",
                "lab",
                "--port",
                Integer.toString(c.port),
                "--client",
                clientIp,
                "--host",
                server,
                "--no-probe",
                "--format",
                "json");
        JsonNode step = r.step("firewall");
        String verdict = step.path("verdict").asText();
        String sees = "-";
        for (JsonNode e : step.path("evidence")) {
            if (e.path("source").asText().equals("client sees")) {
                sees = e.path("text").asText();
            }
        }
        if (real.state().equals("open")) {
            assertEquals("PASS", verdict, c.name + " from " + clientIp + ": " + step);
        } else {
            assertEquals("FAIL", verdict, c.name + " from " + clientIp + ": " + step);
            assertEquals(real.state(), sees, c.name + " from " + clientIp + ": " + step);
            assertTrue(!step.path("hints").isEmpty(), "a FAIL names the command that would let it in: " + step);
        }
    }
}
