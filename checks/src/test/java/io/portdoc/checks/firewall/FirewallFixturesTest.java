package io.portdoc.checks.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.core.CheckContext;
import io.portdoc.core.Evidence;
import io.portdoc.core.Msg;
import io.portdoc.core.Outcome;
import io.portdoc.core.Target;
import io.portdoc.core.Verdict;
import io.portdoc.core.host.RecordedSystem;
import java.net.InetAddress;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The evaluator over rulesets captured from real nft / iptables / ufw in network namespaces
 * (checks/src/test/fixtures/firewall/capture.sh): client, port, verdict, what the client sees
 * and the deciding rule.
 */
class FirewallFixturesTest {
    static Outcome run(String fixture, String client, int port) throws Exception {
        RecordedSystem sys = new RecordedSystem(Path.of("src/test/resources/hosts/fw-" + fixture));
        Target t = Target.of("svc", port);
        if (!client.equals("-")) {
            t = t.withClient(InetAddress.getByName(client));
        }
        return new FirewallCheck().run(new CheckContext(sys, t));
    }

    static String sees(Outcome o) {
        return o.evidence().stream()
                .filter(e -> e.source().equals("client sees"))
                .map(Evidence::text)
                .findFirst()
                .orElse("-");
    }

    @ParameterizedTest(name = "{0} {1}:{2} -> {3} {4}")
    @CsvSource(delimiter = '|', textBlock = """
            # fixture       | client      | port | verdict | client sees      | in the summary
            nft             | 10.0.0.156  | 80   | PASS    | -                | lets 10.0.0.156 in
            nft             | 10.9.0.5    | 80   | FAIL    | timeout          | policy drop of inet filter input
            nft             | 10.9.0.5    | 3306 | FAIL    | refused          | tcp dport 3306 ip saddr 10.9.0.0/16 reject with tcp reset (handle 12)
            nft             | 10.0.0.7    | 3306 | FAIL    | host-unreachable | reject with icmpx admin-prohibited (handle 13)
            nft             | 10.0.0.7    | 8080 | FAIL    | refused          | tcp dport 8080 reject (handle 14)
            nft             | 10.0.0.66   | 22   | FAIL    | timeout          | inet extra input: ip saddr 10.0.0.66 tcp dport 22 drop
            nft             | 10.9.0.5    | 22   | PASS    | -                | lets 10.9.0.5 in
            nft             | 6.6.6.6     | 22   | FAIL    | timeout          | ip guard pre: ip saddr 6.6.6.6 drop
            nft             | 10.0.0.156  | 8443 | FAIL    | timeout          | policy drop of inet filter input
            nft             | 192.168.1.7 | 8443 | PASS    | -                | lets 192.168.1.7 in
            nft             | 192.168.1.7 | 80   | PASS    | -                | lets 192.168.1.7 in
            nft             | 10.0.0.156  | 9090 | WARN    | -                | meta mark
            nft             | 10.9.0.5    | 5005 | PASS    | -                | lets 10.9.0.5 in
            nft             | 10.9.0.5    | 5000 | PASS    | -                | lets 10.9.0.5 in
            nft             | 203.0.113.9 | 5005 | FAIL    | timeout          | ip saddr != 10.0.0.0/8 drop
            nft             | fd00::156   | 80   | PASS    | -                | lets fd00::156 in
            nft             | 2001:db8::9 | 80   | FAIL    | timeout          | policy drop
            nft             | 127.0.0.1   | 9999 | PASS    | -                | lets 127.0.0.1 in
            nft-rich        | 10.0.0.156  | 80   | PASS    | -                | lets 10.0.0.156 in
            nft-rich        | 192.168.1.7 | 80   | PASS    | -                | lets 192.168.1.7 in
            nft-rich        | 10.0.0.156  | 8080 | PASS    | -                | lets 10.0.0.156 in
            nft-rich        | 10.0.0.156  | 8081 | FAIL    | timeout          | tcp dport vmap @pv
            nft-rich        | 10.9.0.5    | 83   | WARN    | -                | meta mark
            nft-rich        | 10.0.0.156  | 83   | PASS    | -                | lets 10.0.0.156 in
            nft-rich        | 10.0.0.156  | 443  | PASS    | -                | lets 10.0.0.156 in
            nft-rich        | 10.1.1.1    | 80   | PASS    | -                | lets 10.1.1.1 in
            nft-rich        | 10.0.0.156  | 7    | PASS    | -                | lets 10.0.0.156 in
            nft-rich        | 6.6.6.6     | 80   | FAIL    | timeout          | inet filter pre: ip saddr 6.6.6.6 drop
            nft-rich        | 10.0.0.156  | 8    | WARN    | -                | meta mark
            iptables-nft    | 10.0.0.156  | 80   | PASS    | -                | lets 10.0.0.156 in
            iptables-nft    | 10.0.0.156  | 82   | PASS    | -                | lets 10.0.0.156 in
            iptables-nft    | 10.1.0.7    | 86   | FAIL    | host-unreachable | rule 6: -A INPUT -p tcp -m iprange --src-range 10.1.0.5-10.1.0.9
            iptables-nft    | 10.2.3.4    | 87   | PASS    | -                | lets 10.2.3.4 in
            iptables-nft    | 10.0.0.7    | 90   | PASS    | -                | lets 10.0.0.7 in
            iptables-nft    | 10.0.0.156  | 88   | WARN    | -                | -m mark --mark 0x1
            iptables-nft    | 10.0.0.156  | 22   | PASS    | -                | lets 10.0.0.156 in
            iptables-nft    | fd00::156   | 80   | PASS    | -                | lets fd00::156 in
            iptables-nft    | 2001:db8::9 | 80   | FAIL    | host-unreachable | ip6tables filter INPUT rule 4
            iptables-legacy | 10.0.0.156  | 443  | PASS    | -                | lets 10.0.0.156 in
            iptables-legacy | 10.9.0.5    | 80   | FAIL    | host-unreachable | iptables-legacy filter INPUT rule 5
            iptables-legacy | 10.9.0.5    | 443  | FAIL    | timeout          | policy DROP of iptables-legacy filter INPUT
            iptables-legacy | 6.6.6.6     | 22   | FAIL    | timeout          | iptables-legacy raw PREROUTING rule 1
            iptables-legacy | 10.9.0.5    | 8080 | WARN    | -                | -m recent
            both            | 10.0.0.156  | 80   | PASS    | -                | lets 10.0.0.156 in
            both            | 10.9.0.5    | 80   | FAIL    | timeout          | iptables-legacy filter INPUT rule 1: -A INPUT ! -s 10.0.0.0/24
            both            | 10.0.0.156  | 8080 | FAIL    | timeout          | inet filter input: tcp dport 8080 drop
            both            | 10.9.0.5    | 22   | PASS    | -                | lets 10.9.0.5 in
            ufw             | 10.0.0.156  | 80   | PASS    | -                | lets 10.0.0.156 in
            ufw             | 10.9.0.5    | 80   | FAIL    | timeout          | policy DROP of iptables filter INPUT
            ufw             | 10.9.0.5    | 22   | PASS    | -                | lets 10.9.0.5 in
            ufw             | 10.9.0.5    | 3306 | FAIL    | timeout          | ufw-user-input rule 3
            ufw             | 10.9.0.5    | 8080 | FAIL    | refused          | ufw-user-input rule 4
            ufw             | fd00::156   | 22   | PASS    | -                | lets fd00::156 in
            ufw             | fd00::156   | 80   | FAIL    | timeout          | policy DROP of ip6tables filter INPUT
            ufw             | 127.0.0.1   | 3306 | PASS    | -                | lets 127.0.0.1 in
            firewalld       | 10.0.0.156  | 80   | PASS    | -                | lets 10.0.0.156 in
            firewalld       | 10.9.0.5    | 80   | FAIL    | host-unreachable | inet firewalld filter_INPUT: reject with icmpx admin-prohibited
            firewalld       | 10.9.0.5    | 22   | PASS    | -                | lets 10.9.0.5 in
            firewalld       | fd00::156   | 22   | PASS    | -                | lets fd00::156 in
            firewalld       | fd00::156   | 80   | FAIL    | host-unreachable | admin-prohibited
            docker          | 10.0.0.156  | 8080 | PASS    | -                | published through DNAT
            docker          | 10.9.0.5    | 8080 | FAIL    | timeout          | DOCKER-USER rule 1
            docker          | 10.0.0.156  | 80   | FAIL    | timeout          | policy DROP of iptables filter INPUT
            docker          | 10.0.0.156  | 22   | PASS    | -                | lets 10.0.0.156 in
            xt-only         | 10.9.0.5    | 22   | PASS    | -                | lets 10.9.0.5 in
            xt-only         | 10.1.0.7    | 86   | WARN    | -                | xt match
            """)
    void clientVerdicts(String fixture, String client, int port, Verdict verdict, String sees, String summary)
            throws Exception {
        Outcome o = run(fixture, client, port);
        assertEquals(verdict, o.verdict(), o.summary().text());
        assertEquals(sees, sees(o), o.summary().text());
        assertTrue(
                o.summary().text().contains(summary),
                () -> "summary: " + o.summary().text());
    }

    @ParameterizedTest(name = "{0} any:{1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # fixture       | port | verdict | in the summary
            nft             | 80   | WARN    | accepted from 10.0.0.0/24, 127.0.0.0/8, 192.168.1.5/32, 192.168.1.6/31, 192.168.1.8/31, ::1/128, fd00::/64; everything else dropped by policy drop of inet filter input
            nft             | 22   | WARN    | accepted from everywhere except 6.6.6.6/32, 10.0.0.66/32
            nft             | 8080 | FAIL    | no remote source gets in to port 8080/tcp: everything is rejected (icmpx port-unreachable) by inet filter input: tcp dport 8080 reject (handle 14); clients will see refused
            nft             | 3306 | FAIL    | no remote source gets in
            iptables-legacy | 443  | WARN    | accepted from 10.0.0.0/24, 127.0.0.0/8, ::/0; everything else dropped by policy DROP of iptables-legacy filter INPUT
            ufw             | 22   | PASS    | every remote source
            ufw             | 80   | WARN    | accepted from 10.0.0.0/24, 127.0.0.0/8, ::1/128; everything else dropped by policy DROP of iptables filter INPUT
            ufw             | 3306 | FAIL    | no remote source gets in
            firewalld       | 80   | WARN    | accepted from 10.0.0.0/24, 127.0.0.0/8, ::1/128; everything else rejected (icmpx admin-prohibited)
            firewalld       | 22   | PASS    | every remote source
            docker          | 8080 | WARN    | accepted from everywhere except 10.9.0.0/16, 172.17.0.0/16
            both            | 22   | PASS    | every remote source
            iptables-nft    | 80   | WARN    | depends on a match portdoc cannot evaluate: -m mark --mark 0x1
            """)
    void acceptedSources(String fixture, int port, Verdict verdict, String summary) throws Exception {
        Outcome o = run(fixture, "-", port);
        assertEquals(verdict, o.verdict(), o.summary().text());
        assertTrue(
                o.summary().text().contains(summary),
                () -> "summary: " + o.summary().text());
    }

    @ParameterizedTest(name = "{0} {1}:{2} hint")
    @CsvSource(delimiter = '|', textBlock = """
            nft       | 10.9.0.5   | 80   | nft insert rule inet filter input ip saddr 10.9.0.5 tcp dport 80 accept
            nft       | -          | 8080 | nft insert rule inet filter input tcp dport 8080 accept
            nft       | fd00::9    | 3306 | nft insert rule inet filter input ip6 saddr fd00::9 tcp dport 3306 accept
            ufw       | 10.9.0.5   | 80   | ufw allow from 10.9.0.5 to any port 80 proto tcp
            ufw       | -          | 3306 | ufw allow 3306/tcp
            firewalld | -          | 80   | firewall-cmd --add-port=80/tcp
            firewalld | 10.9.0.5   | 80   | firewall-cmd --add-rich-rule='rule family="ipv4" source address="10.9.0.5" port port="80" protocol="tcp" accept'
            iptables-legacy | 6.6.6.6 | 22 | iptables-legacy -t raw -I PREROUTING -s 6.6.6.6 -p tcp --dport 22 -j ACCEPT
            both      | 10.9.0.5   | 80   | iptables-legacy -I INPUT -s 10.9.0.5 -p tcp --dport 80 -j ACCEPT
            docker    | 10.9.0.5   | 8080 | iptables -I DOCKER-USER -s 10.9.0.5 -p tcp -j ACCEPT
            docker    | 10.0.0.156 | 80   | iptables -I INPUT -s 10.0.0.156 -p tcp --dport 80 -j ACCEPT
            """)
    void hints(String fixture, String client, int port, String command) throws Exception {
        Outcome o = run(fixture, client, port);
        assertTrue(o.hints().stream().map(Msg::text).anyMatch(h -> h.contains(command)), () -> "hints: " + o.hints());
    }
}
