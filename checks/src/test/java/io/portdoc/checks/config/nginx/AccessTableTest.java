package io.portdoc.checks.config.nginx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.core.Outcome;
import io.portdoc.core.Verdict;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * allow / deny / satisfy as nginx documents and implements them (ngx_http_access_module.c:
 * {@code ngx_http_access_handler} checks only the list of the client's family, the first
 * matching rule decides, no match declines; {@code ngx_http_access_merge_loc_conf} inherits the
 * parent's lists only when a level has no rule of any family; ngx_http_core_module.c
 * {@code ngx_http_core_access_phase}: satisfy any lets an allow or credentials suffice).
 * PASS is "200", FAIL "403", WARN "401" (credentials asked).
 */
class AccessTableTest {
    /** Lines 3 to 5 of the file: the rules follow on line 6. */
    private static final String SERVER = "server {\n listen 80; listen [::]:80;\n location / {\n";

    @TempDir
    Path tmp;

    static Stream<Arguments> table() {
        return Stream.of(
                // the seed: a LAN allowed, the rest denied
                Arguments.of("allow 10.0.0.0/24; deny all;", "10.0.0.156", Verdict.PASS),
                Arguments.of("allow 10.0.0.0/24; deny all;", "172.16.5.20", Verdict.FAIL),
                // first match wins, line order matters
                Arguments.of("deny 10.0.0.156; allow 10.0.0.0/24; deny all;", "10.0.0.156", Verdict.FAIL),
                Arguments.of("deny 10.0.0.156; allow 10.0.0.0/24; deny all;", "10.0.0.157", Verdict.PASS),
                Arguments.of("allow 10.0.0.0/24; deny 10.0.0.156;", "10.0.0.156", Verdict.PASS),
                // no rule matches: the client passes
                Arguments.of("deny 172.16.0.0/12;", "10.0.0.156", Verdict.PASS),
                // host bits are cleared (nginx warns "low address bits are meaningless")
                Arguments.of("allow 10.0.0.7/24; deny all;", "10.0.0.156", Verdict.PASS),
                // families: an IPv6 client is checked against the IPv6 list only
                Arguments.of("allow 10.0.0.0/24; deny 172.16.0.0/12;", "fd42:0:0:2::20", Verdict.PASS),
                Arguments.of("allow 10.0.0.0/24; deny all;", "fd42:0:0:1::156", Verdict.FAIL),
                Arguments.of("allow fd42:0:0:1::/64; deny all;", "fd42:0:0:1::156", Verdict.PASS),
                Arguments.of("allow fd42:0:0:1::/64; deny all;", "fd42:0:0:2::20", Verdict.FAIL),
                Arguments.of("allow fd42:0:0:1::/64; deny all;", "10.0.0.156", Verdict.FAIL),
                Arguments.of("deny ::/0;", "10.0.0.156", Verdict.PASS),
                // an IPv4-mapped IPv6 client uses the IPv4 list
                Arguments.of("allow 10.0.0.0/24; deny all;", "::ffff:10.0.0.156", Verdict.PASS),
                // an IPv4-mapped rule is in the IPv6 list: it never matches (mapped clients use the IPv4 list)
                Arguments.of("deny ::ffff:10.0.0.0/104;", "10.0.0.156", Verdict.PASS),
                // unix: rules never match a TCP client
                Arguments.of("deny unix:;", "10.0.0.156", Verdict.PASS),
                // satisfy all (default): a deny is 403 even with auth; an allow still needs the login
                Arguments.of("allow 10.0.0.0/24; deny all; auth_basic \"x\";", "10.0.0.156", Verdict.WARN),
                Arguments.of("allow 10.0.0.0/24; deny all; auth_basic \"x\";", "172.16.5.20", Verdict.FAIL),
                // satisfy any: an allow suffices, a denied client may still log in
                Arguments.of("satisfy any; allow 10.0.0.0/24; deny all; auth_basic \"x\";", "10.0.0.156", Verdict.PASS),
                Arguments.of(
                        "satisfy any; allow 10.0.0.0/24; deny all; auth_basic \"x\";", "172.16.5.20", Verdict.WARN),
                Arguments.of("satisfy any; deny all;", "10.0.0.156", Verdict.FAIL),
                Arguments.of("satisfy any; auth_request /auth;", "10.0.0.156", Verdict.WARN),
                Arguments.of("auth_basic off; deny 172.16.0.0/12;", "10.0.0.156", Verdict.PASS));
    }

    @ParameterizedTest(name = "{0} client {1}: {2}")
    @MethodSource("table")
    void locationRules(String rules, String client, Verdict expected) {
        NginxFixture f = new NginxFixture(tmp).http(SERVER + rules + "\n }\n}");
        Outcome o = f.judge(client);
        assertEquals(expected, o.verdict(), NginxFixture.all(o));
    }

    static Stream<Arguments> inheritance() {
        return Stream.of(
                // a location without rules inherits the server's
                Arguments.of("deny all;", "", "10.0.0.156", Verdict.FAIL),
                // ...but a location with any rule of its own inherits none: nothing matches, the client passes
                Arguments.of("deny all;", "allow 10.0.0.0/24;", "172.16.5.20", Verdict.PASS),
                // even an IPv6-only rule set replaces the parent's IPv4 rules
                Arguments.of("deny all;", "deny fd00::/8;", "10.0.0.156", Verdict.PASS),
                Arguments.of("allow 10.0.0.0/24; deny all;", "", "172.16.5.20", Verdict.FAIL));
    }

    @ParameterizedTest(name = "server [{0}] location [{1}] client {2}: {3}")
    @MethodSource("inheritance")
    void innerLevelReplacesOuter(String server, String location, String client, Verdict expected) {
        NginxFixture f = new NginxFixture(tmp)
                .http("server {\n listen 80;\n" + server + "\n location / {\n" + location + "\n }\n}");
        Outcome o = f.judge(client);
        assertEquals(expected, o.verdict(), NginxFixture.all(o));
    }

    @ParameterizedTest(name = "http level: {0}")
    @MethodSource("table")
    void httpLevelRulesReachTheLocation(String rules, String client, Verdict expected) {
        NginxFixture f = new NginxFixture(tmp).http(rules + "\n" + SERVER + "\n }\n}");
        assertEquals(expected, f.judge(client).verdict());
    }

    @ParameterizedTest(name = "deciding line named: {0} {1}")
    @MethodSource("table")
    void denialNamesTheDenyLine(String rules, String client, Verdict expected) {
        NginxFixture f = new NginxFixture(tmp).http(SERVER + rules + "\n }\n}");
        Outcome o = f.judge(client);
        if (expected == Verdict.FAIL) {
            assertTrue(o.summary().text().contains(NginxFixture.CONF + ":6: deny"), NginxFixture.all(o));
            assertTrue(NginxFixture.hints(o).contains("allow "), NginxFixture.all(o));
        }
    }
}
