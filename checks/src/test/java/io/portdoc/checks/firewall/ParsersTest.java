package io.portdoc.checks.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.core.Verdict;
import io.portdoc.core.net.Addresses;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The parsers on real command output captured in the fixture hosts. */
class ParsersTest {
    private static String cmd(String fixture, String name) throws Exception {
        return Files.readString(Path.of("src/test/resources/hosts/fw-" + fixture + "/commands/" + name + ".out"));
    }

    @Test
    void nftListingGivesExactRuleTextByHandle() throws Exception {
        Map<String, String> t = NftText.texts(cmd("nft-rich", "nft -a list ruleset"));
        assertEquals(
                "ip saddr != 10.9.0.0/16 tcp dport { 81-85 } counter packets 0 bytes 0 accept",
                t.get("inet filter input 14"));
        assertEquals("tcp dport vmap { 9000 : jump sub, 9001 : goto sub }", t.get("inet filter input 18"));
        assertEquals("tcp dport 101 accept", t.get("inet filter sub 37"));
        assertEquals("ip saddr 6.6.6.6 drop", t.get("inet filter pre 38"));
        assertFalse(t.containsKey("inet filter allowed 4"), "set handles are not rules");
        assertEquals("comment \"\" {", NftText.blankQuoted("comment \"a { b \\\" }\" {"));
        assertEquals("x \"a {", NftText.blankQuoted("x \"a {"), "an unclosed quote is no string");
        assertEquals("\"\"", NftText.blankQuoted("\"" + "a".repeat(100_000) + "\""), "no stack overflow");
        // a listing cut to "table inet" (found by FirewallFuzzTest#nftText) names no rule
        assertEquals(Map.of(), NftText.texts("table inet\n\tchain input {\n\t\taccept # handle 3\n"));
    }

    @Test
    void nftJsonBaseChainsInPriorityOrderAndSkippedTables() throws Exception {
        Ruleset rs = NftParser.parse(cmd("nft", "nft -j list ruleset"), Set.of(), Map.of());
        List<String> order = rs.baseChains().stream()
                .map(b -> b.policyRef().chainName() + "@" + b.priority())
                .toList();
        assertEquals(List.of("ip guard pre@-300", "inet filter input@0", "inet extra input@10"), order);
        Ruleset skipped = NftParser.parse(cmd("iptables-nft", "nft -j list ruleset"), Set.of("ip filter"), Map.of());
        assertEquals(
                List.of("ip6 filter INPUT"),
                skipped.baseChains().stream()
                        .filter(b -> b.hook() == Hook.INPUT)
                        .map(b -> b.policyRef().chainName())
                        .toList());
    }

    @Test
    void nftImpliedConditionsAreAddedBack() throws Exception {
        Ruleset rs = NftParser.parse(cmd("nft", "nft -j list ruleset"), Set.of(), Map.of());
        BaseChain input = rs.baseChains().get(1);
        Rule ssh = input.chain().rules().get(4); // tcp dport 22 accept
        assertEquals("meta l4proto tcp", ssh.conds().get(0).text());
        Packet udp = new Packet(
                4, Addresses.literal("10.0.0.9"), List.of(), Packet.UDP, 22, "eth0", false, null, false, false);
        assertEquals(MatchResult.FALSE, ssh.conds().get(0).test(udp), "a UDP packet to 22 is not tcp dport 22");
    }

    @Test
    void iptablesSaveTokensRuleNumbersAndPolicies() throws Exception {
        assertEquals(
                List.of("-A", "INPUT", "-m", "comment", "--comment", "web ports", "-j", "web"),
                IptablesParser.tokens("-A INPUT -m comment --comment \"web ports\" -j web"));
        Ruleset rs = IptablesParser.parse(cmd("ufw", "iptables-save"), "iptables", 4, Map.of());
        BaseChain input = rs.baseChains().stream()
                .filter(b -> b.hook() == Hook.INPUT)
                .findFirst()
                .orElseThrow();
        assertEquals("DROP", input.policyRef().text());
        assertTrue(input.policyRef().policy());
        Chain user = input.chains().get("ufw-user-input");
        assertEquals(3, user.rules().get(2).ref().number());
        assertEquals(
                "-A ufw-user-input -p tcp -m tcp --dport 3306 -j DROP",
                user.rules().get(2).ref().text());
        assertTrue(rs.frontEnds().contains(FrontEnd.UFW));
        assertEquals(List.of("filter", "raw"), IptablesParser.tables(cmd("iptables-legacy", "iptables-legacy-save")));
    }

    @Test
    void ipsetListMembersAndTypes() throws Exception {
        Map<String, IpsetParser.IpSet> sets = IpsetParser.parse(cmd("iptables-nft", "ipset list"));
        assertEquals(Set.of("okset", "svc"), sets.keySet());
        assertEquals(
                Set.of("10.2.0.0/16", "10.3.0.1"), Set.copyOf(sets.get("okset").members()));
        assertEquals(List.of("ip", "port"), sets.get("svc").dims());
        assertEquals(List.of("10.0.0.7,tcp:90"), sets.get("svc").members());
        Map<String, IpsetParser.IpSet> withNomatch = IpsetParser.parse(
                "Name: n\nType: hash:net\nHeader: family inet\nMembers:\n10.0.0.0/8\n10.1.0.0/16 nomatch\n");
        assertEquals(List.of("10.1.0.0/16"), withNomatch.get("n").nomatch());
        // output cut before its first "Name:" (found by FirewallFuzzTest#ipsetList)
        assertEquals(
                Set.of("n"),
                IpsetParser.parse("Members:\n10.9.0.1\nName: n\nType: hash:ip\nMembers:\n10.0.0.1\n")
                        .keySet());
    }

    @Test
    void addrMatchLooksUpLargeSets() throws Exception {
        AddrMatch.Builder b = new AddrMatch.Builder();
        for (int i = 0; i < 100_000; i++) {
            b.add4(0x0A000000L + 2L * i, 0x0A000000L + 2L * i); // 10.0.0.0, 10.0.0.2, ...
        }
        AddrMatch m = b.build();
        assertEquals(100_000, m.intervals());
        assertTrue(m.contains(InetAddress.getByName("10.0.0.4")));
        assertFalse(m.contains(InetAddress.getByName("10.0.0.5")));
        assertTrue(
                AddrMatch.of("192.168.1.5-192.168.1.9".split("-")[0]).contains(InetAddress.getByName("192.168.1.5")));
        AddrMatch r = new AddrMatch.Builder()
                .addRangeText("192.168.1.5", "192.168.1.9")
                .build();
        assertEquals("192.168.1.5/32, 192.168.1.6/31, 192.168.1.8/31", r.toString());
    }

    @Test
    void aRangeEndingBeforeItStartsHoldsNoAddress() throws Exception {
        // xt_iprange.c: from <= a && a <= to; found by FirewallFuzzTest#nftJson
        AddrMatch r = new AddrMatch.Builder()
                .addRangeText("192.169.1.5", "192.168.1.9")
                .addRangeText("fd00::9", "fd00::1")
                .build();
        assertTrue(r.isEmpty());
        assertTrue(r.toAddressSet().isEmpty());
    }

    @Test
    void ipv6IsWrittenCompressed() throws Exception {
        assertEquals("fd00::156", Addresses.text(InetAddress.getByName("fd00:0:0:0:0:0:0:156")));
        assertEquals("2001:db8:0:1::1", Addresses.text(InetAddress.getByName("2001:db8:0:1:0:0:0:1")));
        assertEquals("::1", Addresses.text(InetAddress.getByName("::1")));
        assertEquals("fd00::/64", Addr.cidr("fd00:0:0:0:0:0:0:0/64"));
    }

    @Test
    void rejectTypesMapToWhatTheClientSees() {
        assertEquals(ClientSees.REFUSED, ClientSees.ofReject("tcp-reset"));
        assertEquals(ClientSees.REFUSED, ClientSees.ofReject("icmp-port-unreachable"));
        assertEquals(ClientSees.HOST_UNREACHABLE, ClientSees.ofReject("icmp-host-prohibited"));
        assertEquals(ClientSees.HOST_UNREACHABLE, ClientSees.ofReject("icmp6-adm-prohibited"));
        assertEquals(ClientSees.HOST_UNREACHABLE, ClientSees.ofReject("admin-prohibited"));
        assertEquals(ClientSees.NETWORK_UNREACHABLE, ClientSees.ofReject("icmp-net-unreachable"));
    }

    @Test
    void withoutRootTheAnswerIsUnknownAndWithoutToolsSkip() throws Exception {
        var o = FirewallFixturesTest.run("nonroot", "10.0.0.156", 80);
        assertEquals(Verdict.UNKNOWN, o.verdict());
        assertTrue(o.summary().text().contains("needs root"));
        assertTrue(o.hints().get(0).text().contains("run portdoc as root"));
        assertEquals(Verdict.SKIP, FirewallFixturesTest.run("none", "-", 80).verdict());
    }
}
