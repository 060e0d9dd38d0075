package io.portdoc.checks.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.core.CheckContext;
import io.portdoc.core.Msg;
import io.portdoc.core.Outcome;
import io.portdoc.core.Target;
import io.portdoc.core.Verdict;
import io.portdoc.core.host.RecordedSystem;
import io.portdoc.core.net.AddressSet;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ingress chains ({@code man nft}, NETDEV ADDRESS FAMILY: "hook ingress device X" sees every
 * packet arriving on X, before prerouting; inet tables have the same hook since Linux 5.10):
 * the chain judges the client's packet exactly when the packet arrives on one of its devices.
 * The fixture fw-netdev was captured from real nft (capture.sh netdev): netdev guard on eth0,
 * inet edge on eth2 (172.16.5.0/24), netdev multi on both.
 */
class IngressTest {
    private static final String FIXTURE = "src/test/resources/hosts/fw-netdev";

    private static Outcome run(Path host, String client, int port) throws Exception {
        Target t = Target.of("svc", port);
        if (!client.equals("-")) {
            t = t.withClient(InetAddress.getByName(client));
        }
        return new FirewallCheck().run(new CheckContext(new RecordedSystem(host), t));
    }

    @ParameterizedTest(name = "{0}:{1} -> {2} {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # client     | port | verdict | client sees | in the summary
            10.0.0.7     | 8118 | FAIL    | timeout     | ingress_eth0: ip saddr 10.0.0.7 tcp dport 8118 drop (handle 2)
            10.0.0.156   | 8118 | PASS    | -           | lets 10.0.0.156 in
            172.16.5.20  | 8118 | FAIL    | refused     | inet edge early: tcp dport 8118 ip saddr 172.16.5.0/24 reject
            172.16.5.20  | 8118 | FAIL    | refused     | reject with tcp reset (handle 2)
            10.0.0.156   | 8116 | FAIL    | timeout     | netdev guard ingress_eth0: tcp dport 8116 drop (handle 3)
            172.16.5.20  | 8116 | PASS    | -           | lets 172.16.5.20 in
            127.0.0.1    | 8116 | PASS    | -           | lets 127.0.0.1 in
            10.0.0.156   | 53   | PASS    | -           | lets 10.0.0.156 in
            10.0.0.66    | 8118 | FAIL    | timeout     | inet filter input: ip saddr 10.0.0.66 tcp dport 8118 drop
            172.16.5.20  | 8119 | FAIL    | timeout     | early: ct state invalid tcp dport 8119 drop (handle 3)
            10.0.0.156   | 8119 | PASS    | -           | lets 10.0.0.156 in
            10.0.0.156   | 8117 | WARN    | -           | meta mark 1 in netdev multi both
            172.16.5.20  | 8117 | WARN    | -           | netdev multi both
            """)
    void theChainOfTheArrivalDeviceJudges(String client, int port, Verdict verdict, String sees, String summary)
            throws Exception {
        Outcome o = run(Path.of(FIXTURE), client, port);
        assertEquals(verdict, o.verdict(), o.summary().text());
        assertEquals(sees, FirewallFixturesTest.sees(o), o.summary().text());
        assertTrue(
                o.summary().text().contains(summary),
                () -> "summary: " + o.summary().text());
        assertTrue(
                o.evidence().stream().noneMatch(e -> e.text().contains("not evaluated")),
                "ingress chains are evaluated, not noted: " + o.evidence());
    }

    @Test
    void aDropInAnIngressChainNamesTheNftCommandForThatChain() throws Exception {
        Outcome o = run(Path.of(FIXTURE), "10.0.0.7", 8118);
        assertTrue(
                o.hints().stream()
                        .map(Msg::text)
                        .anyMatch(h ->
                                h.contains("nft insert rule netdev guard ingress_eth0 ip saddr 10.0.0.7 tcp dport")),
                o.hints().toString());
    }

    /** Without a route to the client the arrival device is unknown: never PASS when a chain there drops. */
    @Test
    void unknownArrivalDeviceIsAWarningNamingTheChain(@TempDir Path dir) throws Exception {
        Path host = copy(dir);
        Files.delete(host.resolve("commands/ip -j route get 203.0.113.9.out"));
        Outcome o = run(host, "203.0.113.9", 8116);
        assertEquals(Verdict.WARN, o.verdict(), o.summary().text());
        assertTrue(
                o.summary().text().contains("the packet arrives on eth0"),
                o.summary().text());
        assertTrue(
                o.summary().text().contains("netdev guard ingress_eth0"),
                o.summary().text());
        // the same client to a port no ingress chain drops: the device does not matter
        assertEquals(Verdict.PASS, run(host, "203.0.113.9", 8080).verdict());
    }

    /** Devices the listing does not give (nft -a list failed): a chain that could drop makes it WARN. */
    @Test
    void unknownChainDevicesAreAWarning(@TempDir Path dir) throws Exception {
        Path host = copy(dir);
        Files.writeString(host.resolve("commands/nft -a list table netdev guard.rc"), "1");
        Files.delete(host.resolve("commands/nft -a list table netdev guard.out"));
        Files.delete(host.resolve("commands/nft -a list ruleset.out"));
        Outcome o = run(host, "172.16.5.20", 8116);
        assertEquals(Verdict.WARN, o.verdict(), o.summary().text());
        assertTrue(
                o.summary().text().contains("the device of this ingress chain"),
                o.summary().text());
    }

    /** Who gets in (no --client) is judged by the same engine: sources routed through eth0 are dropped. */
    @Test
    void sourcesArrivingOnTheChainsDeviceAreDenied() throws Exception {
        Outcome o = run(Path.of(FIXTURE), "-", 8116);
        assertEquals(Verdict.WARN, o.verdict(), o.summary().text());
        assertTrue(o.summary().text().contains("172.16.5.0/24"), o.summary().text());
        assertTrue(o.toString().contains("netdev guard ingress_eth0: tcp dport 8116 drop"), o.toString());
    }

    @Test
    void devicesComeFromTheTextListing() {
        Map<String, List<String>> d = NftText.devices("""
                table netdev guard { # handle 1
                	chain ingress_eth0 { # handle 1
                		type filter hook ingress device "eth0" priority filter; policy accept;
                	}
                }
                table inet edge { # handle 2
                	chain early { # handle 1
                		type filter hook ingress device eth2 priority -500; policy accept;
                	}
                	chain input { # handle 2
                		type filter hook input priority filter; policy accept;
                	}
                }
                table netdev multi { # handle 3
                	chain both { # handle 1
                		type filter hook ingress devices = { eth0, "wlan-x" } priority filter + 10; policy accept;
                	}
                }
                """);
        assertEquals(
                Map.of(
                        "netdev guard ingress_eth0", List.of("eth0"),
                        "inet edge early", List.of("eth2"),
                        "netdev multi both", List.of("eth0", "wlan-x")),
                d);
    }

    /** nft 1.0.7 and later put the device into the JSON: "dev": "eth0" or a list. */
    @Test
    void jsonDevWinsOverTheListing() throws Exception {
        String json = Files.readString(Path.of(FIXTURE, "commands/nft -j list table netdev guard.out"))
                .replace("\"hook\": \"ingress\",", "\"hook\": \"ingress\", \"dev\": \"eth9\",");
        Ruleset rs = NftParser.parse(json, Set.of(), Map.of(), Map.of("netdev guard ingress_eth0", List.of("eth0")));
        assertEquals(List.of("eth9"), rs.baseChains().get(0).devices());
        assertEquals(Hook.INGRESS, rs.baseChains().get(0).hook());
        Ruleset unknown = NftParser.parse(json.replace(", \"dev\": \"eth9\"", ""), Set.of(), Map.of(), Map.of());
        assertNull(unknown.baseChains().get(0).devices());
    }

    /** Ingress runs before prerouting: a drop there wins over a prerouting accept, whatever the priorities. */
    @Test
    void ingressRunsBeforePrerouting() {
        RuleRef pre = new RuleRef("nftables", "inet", "t", "pre", "accept", 0, true);
        RuleRef drop = new RuleRef("nftables", "netdev", "n", "in", "tcp dport 80 drop", 2, false);
        RuleRef ing = new RuleRef("nftables", "netdev", "n", "in", "accept", 0, true);
        Chain preChain = new Chain("pre", List.of());
        Chain inChain = new Chain(
                "in",
                List.of(new Rule(
                        List.of(new KeyMatch(Key.DPORT, new Values.Ints(IntRanges.of(80)), false, "tcp dport 80")),
                        Action.DROP,
                        drop)));
        Ruleset rs = new Ruleset(
                List.of(
                        new BaseChain(Hook.PREROUTING, -1000, 0, false, preChain, Map.of(), Action.ACCEPT, pre),
                        new BaseChain(
                                Hook.INGRESS, 1000, 0, false, inChain, Map.of(), Action.ACCEPT, ing, List.of("eth0"))),
                Set.of(),
                List.of());
        assertEquals(Hook.INGRESS, rs.baseChains().get(0).hook());
        InetAddress c = InetAddress.getLoopbackAddress();
        Packet onEth0 = new Packet(4, c, List.of(c), Packet.TCP, 80, "eth0", false, null, false, false);
        Packet onEth1 = new Packet(4, c, List.of(c), Packet.TCP, 80, "eth1", false, null, false, false);
        List<Engine.Path> dropped = new Engine(Engine.Router.NONE).evaluate(rs, onEth0, AddressSet.of(c));
        assertEquals(FirewallDecision.Kind.DROP, dropped.get(0).decision().kind());
        assertEquals(drop, dropped.get(0).decision().rule());
        List<Engine.Path> passed = new Engine(Engine.Router.NONE).evaluate(rs, onEth1, AddressSet.of(c));
        assertEquals(FirewallDecision.Kind.ACCEPT, passed.get(0).decision().kind());
    }

    private static Path copy(Path into) throws Exception {
        Path from = Path.of(FIXTURE);
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path to = into.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
        return into;
    }
}
