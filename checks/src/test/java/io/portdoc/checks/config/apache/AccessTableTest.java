package io.portdoc.checks.config.apache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.checks.config.apache.AccessDecision.Result;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The semantics table of DESIGN.md, one row per rule or edge case: a configuration, a client,
 * the answer Apache gives. Every row is also checked against the address-set computation, so
 * the "who is let in" answer and the per-client answer cannot drift apart.
 */
class AccessTableTest {
    private static final String D = "<Directory /var/www/html>\n";
    private static final String E = "\n</Directory>";

    record Row(
            String name,
            String config,
            String uri,
            List<String> granted,
            List<String> denied,
            List<String> other,
            Result otherResult) {}

    static Row row(String name, String body, String granted, String denied) {
        return new Row(name, D + body + E, "/", split(granted), split(denied), List.of(), null);
    }

    static Row raw(String name, String config, String uri, String granted, String denied) {
        return new Row(name, config, uri, split(granted), split(denied), List.of(), null);
    }

    static Row other(String name, String body, String clients, Result r) {
        return new Row(name, D + body + E, "/", List.of(), List.of(), split(clients), r);
    }

    static List<String> split(String s) {
        return s.isBlank() ? List.of() : List.of(s.trim().split("\\s+"));
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                        // --- Apache 2.2 Order / Allow / Deny (mod_access_compat) ---
                        row(
                                "seed: Deny from all, Allow from 10.0.0 and localhost",
                                "Order Deny,Allow\nDeny from all\nAllow from 10.0.0\nAllow from localhost",
                                "10.0.0.156 10.0.0.1 127.0.0.1 ::1",
                                "10.0.1.1 192.168.1.5 2001:db8::1 127.0.0.2"),
                        row(
                                "Deny,Allow without rules lets everyone in",
                                "Order Deny,Allow",
                                "10.0.0.1 2001:db8::1",
                                ""),
                        row("Allow,Deny without rules lets nobody in", "Order Allow,Deny", "", "10.0.0.1 127.0.0.1"),
                        row("no Order line is Deny,Allow", "Deny from 10.0.0.5", "10.0.0.6", "10.0.0.5"),
                        row(
                                "Deny,Allow: an Allow overrides a Deny",
                                "Order Deny,Allow\nDeny from all\nAllow from 10.0.0.5",
                                "10.0.0.5",
                                "10.0.0.6"),
                        row(
                                "Allow,Deny: a Deny wins over an Allow",
                                "Order Allow,Deny\nAllow from all\nDeny from 10.0.0.5",
                                "10.0.0.6 192.168.0.1",
                                "10.0.0.5"),
                        row(
                                "Mutual-failure: allowed and not denied",
                                "Order Mutual-failure\nAllow from 10.0.0\nDeny from 10.0.0.5",
                                "10.0.0.6",
                                "10.0.0.5 10.0.1.1"),
                        row(
                                "line order inside the section does not matter",
                                "Allow from 10.0.0.5\nDeny from all\nOrder Deny,Allow",
                                "10.0.0.5",
                                "10.0.0.6"),
                        row(
                                "order keyword is case-insensitive",
                                "order allow,deny\nallow FROM 10.0.0",
                                "10.0.0.9",
                                "10.0.1.9"),
                        row(
                                "partial address 10 is 10.0.0.0/8",
                                "Order Allow,Deny\nAllow from 10",
                                "10.200.3.4",
                                "11.0.0.1"),
                        row(
                                "partial address with trailing dot",
                                "Order Allow,Deny\nAllow from 192.168.",
                                "192.168.7.7",
                                "192.169.0.1"),
                        row(
                                "netmask form",
                                "Order Allow,Deny\nAllow from 10.1.0.0/255.255.0.0",
                                "10.1.2.3",
                                "10.2.0.1"),
                        row(
                                "CIDR clears host bits",
                                "Order Allow,Deny\nAllow from 10.1.2.3/16",
                                "10.1.200.1",
                                "10.2.0.1"),
                        row(
                                "non-contiguous netmask (APR accepts it)",
                                "Order Allow,Deny\nAllow from 10.1.0.1/255.255.0.255",
                                "10.1.9.1 10.1.200.1",
                                "10.1.0.2 10.2.0.1"),
                        row(
                                "IPv6 prefix",
                                "Order Allow,Deny\nAllow from 2001:db8::/32",
                                "2001:db8::1 2001:db8:ffff::7",
                                "2001:db9::1 10.0.0.1"),
                        row(
                                "IPv4 rule matches an IPv4-mapped client",
                                "Order Allow,Deny\nAllow from 10.0.0",
                                "::ffff:10.0.0.5",
                                "::ffff:10.0.1.5"),
                        row("Allow from all", "Order Allow,Deny\nAllow from all", "10.0.0.1 2001:db8::1", ""),
                        row(
                                "several hosts on one line",
                                "Order Allow,Deny\nAllow from 10.0.0.5 10.0.0.6",
                                "10.0.0.5 10.0.0.6",
                                "10.0.0.7"),
                        row(
                                "localhost is a host name (double reverse lookup)",
                                "Order Allow,Deny\nAllow from localhost",
                                "127.0.0.1 ::1",
                                "127.0.0.2 10.0.0.156"),
                        row(
                                "domain rule matches by whole labels",
                                "Order Allow,Deny\nAllow from example.org",
                                "10.0.0.156",
                                "10.0.0.157 10.0.0.154"),
                        raw(
                                "env= set from Remote_Addr by SetEnvIf",
                                "SetEnvIf Remote_Addr \"^10\\.0\\.0\\.\" office\n" + D
                                        + "Order Allow,Deny\nAllow from env=office" + E,
                                "/",
                                "10.0.0.7",
                                "10.0.1.1"),
                        raw(
                                "env=! negation",
                                "SetEnvIf Remote_Addr \"^10\\.0\\.0\\.5$\" blocked\n" + D
                                        + "Order Deny,Allow\nDeny from env=blocked" + E,
                                "/",
                                "10.0.0.6",
                                "10.0.0.5"),
                        row(
                                "env= that nothing sets never matches",
                                "Order Allow,Deny\nAllow from env=nobody",
                                "",
                                "10.0.0.1"),
                        // --- sections and merging ---
                        raw(
                                "a deeper section replaces Order/Allow/Deny entirely",
                                "<Directory />\nOrder Deny,Allow\nDeny from all\n</Directory>\n" + D
                                        + "Allow from 192.168.0.0/16" + E,
                                "/",
                                "10.0.0.5 192.168.0.1",
                                ""),
                        raw(
                                "a section without access directives inherits",
                                "<Directory />\nOrder Allow,Deny\nAllow from 10.0.0\n</Directory>\n" + D
                                        + "Options None" + E,
                                "/",
                                "10.0.0.5",
                                "192.168.0.1"),
                        raw(
                                "Satisfy alone replaces the inherited Allow/Deny (verified on 2.4.71)",
                                D + "Require all denied\nOrder allow,deny\nAllow from 10.0.0.5\nSatisfy Any" + E
                                        + "\n<Location />\nSatisfy Any\n</Location>",
                                "/",
                                "10.0.0.5 10.0.0.6",
                                ""),
                        raw(
                                "Location is merged after Directory",
                                D + "Require all granted" + E + "\n<Location />\nRequire all denied\n</Location>",
                                "/",
                                "",
                                "10.0.0.1"),
                        raw(
                                "Location prefix stops at a slash",
                                "<Location /priv>\nRequire all denied\n</Location>",
                                "/private",
                                "10.0.0.1",
                                ""),
                        raw(
                                "Location prefix matches below it",
                                "<Location /priv>\nRequire all denied\n</Location>",
                                "/priv/x.html",
                                "",
                                "10.0.0.1"),
                        raw(
                                "Files section applies to the file name",
                                D + "Require all granted" + E
                                        + "\n<Files \"secret.html\">\nRequire all denied\n</Files>",
                                "/secret.html",
                                "",
                                "10.0.0.1"),
                        raw(
                                "Files section does not apply to other files",
                                D + "Require all granted" + E
                                        + "\n<Files \"secret.html\">\nRequire all denied\n</Files>",
                                "/index.html",
                                "10.0.0.1",
                                ""),
                        raw(
                                "DirectoryMatch after plain Directory sections",
                                "<DirectoryMatch \"^/var/www/\">\nRequire all denied\n</DirectoryMatch>\n" + D
                                        + "Require all granted" + E,
                                "/",
                                "",
                                "10.0.0.1"),
                        raw(
                                "shorter Directory first, longer wins",
                                D + "Require all granted" + E + "\n<Directory />\nRequire all denied\n</Directory>",
                                "/",
                                "10.0.0.1",
                                ""),
                        raw(
                                "Alias maps the URL outside the DocumentRoot",
                                "Alias /docs /srv/docs\n<Directory /srv/docs>\nRequire ip 10.0.0.0/24\n</Directory>\n"
                                        + D + "Require all granted" + E,
                                "/docs/a.html",
                                "10.0.0.1",
                                "10.0.1.1"),
                        // --- Apache 2.4 Require (mod_authz_core / mod_authz_host) ---
                        row("Require all granted", "Require all granted", "10.0.0.1 2001:db8::1", ""),
                        row("Require all denied", "Require all denied", "", "10.0.0.1 127.0.0.1"),
                        row("no Require at all is granted", "Options None", "10.0.0.1", ""),
                        row(
                                "bare Require lines form a RequireAny",
                                "Require ip 10.0.0.5\nRequire ip 10.0.0.6",
                                "10.0.0.5 10.0.0.6",
                                "10.0.0.7"),
                        row(
                                "Require ip with partial, CIDR and IPv6",
                                "Require ip 10.1 192.168.0.0/255.255.255.0 fe80::/10",
                                "10.1.2.3 192.168.0.77 fe80::1",
                                "10.2.0.1 192.168.1.1 2001:db8::1"),
                        row(
                                "RequireAll with a negation",
                                "<RequireAll>\nRequire ip 10.0.0.0/24\nRequire not ip 10.0.0.5\n</RequireAll>",
                                "10.0.0.6",
                                "10.0.0.5 10.0.1.1"),
                        row(
                                "RequireAll with a grant and a nested RequireAll of negations",
                                "<RequireAll>\n<RequireAll>\nRequire not ip 10.0.0.2\nRequire all granted\n</RequireAll>\n"
                                        + "Require not ip 10.0.0.3\n</RequireAll>",
                                "10.0.0.1",
                                "10.0.0.2 10.0.0.3"),
                        row(
                                "RequireNone inside RequireAll",
                                "<RequireAll>\nRequire all granted\n<RequireNone>\nRequire ip 10.0.0.5\n</RequireNone>\n</RequireAll>",
                                "10.0.0.6 192.168.0.1",
                                "10.0.0.5"),
                        row(
                                "RequireAny of RequireAll",
                                "<RequireAny>\n<RequireAll>\nRequire ip 10.0.0.0/24\nRequire not ip 10.0.0.5\n"
                                        + "</RequireAll>\nRequire ip 192.168.0.1\n</RequireAny>",
                                "10.0.0.6 192.168.0.1",
                                "10.0.0.5 192.168.0.2"),
                        row(
                                "Require local: loopback and the host's own addresses",
                                "Require local",
                                "127.0.0.1 127.0.0.2 ::1 10.0.0.154",
                                "10.0.0.156 2001:db8::1"),
                        row(
                                "Require host by double reverse lookup",
                                "Require host example.org",
                                "10.0.0.156",
                                "10.0.0.157 10.0.0.1"),
                        row(
                                "Require forward-dns",
                                "Require forward-dns client156.example.org",
                                "10.0.0.156",
                                "10.0.0.157"),
                        row("Require method GET", "Require method GET HEAD", "10.0.0.1", ""),
                        row(
                                "Require not method POST inside RequireAll",
                                "<RequireAll>\nRequire all granted\nRequire not method POST\n</RequireAll>",
                                "10.0.0.1",
                                ""),
                        raw(
                                "Require env from SetEnvIf Remote_Addr",
                                "SetEnvIf Remote_Addr ^10\\.0\\.0\\.7$ vip\n" + D + "Require env vip" + E,
                                "/",
                                "10.0.0.7",
                                "10.0.0.8"),
                        // Apache matches Remote_Addr as it writes it: RFC 5952 ("fd00:10::156"), never zero-padded
                        raw(
                                "SetEnvIf Remote_Addr on the RFC 5952 text of an IPv6 client",
                                "SetEnvIf Remote_Addr \"^fd00:10::156$\" vip\n" + D + "Require env vip" + E,
                                "/",
                                "fd00:10:0:0:0:0:0:156 fd00:10::156",
                                "fd00:10::157 fd00:0:0:0:0:0:0:156"),
                        row(
                                "Limit POST leaves GET alone",
                                "<Limit POST>\nRequire all denied\n</Limit>",
                                "10.0.0.1",
                                ""),
                        row(
                                "LimitExcept POST covers GET",
                                "<LimitExcept POST>\nRequire all denied\n</LimitExcept>",
                                "",
                                "10.0.0.1"),
                        row(
                                "Limit POST on Order/Deny still replaces the inherited rules",
                                "<Limit POST>\nOrder Allow,Deny\n</Limit>",
                                "10.0.0.1",
                                ""),
                        // --- AuthMerging ---
                        raw(
                                "AuthMerging Off (default): the deeper section replaces",
                                "<Directory /var/www>\nRequire ip 10.0.0.0/24\n</Directory>\n" + D
                                        + "Require ip 192.168.0.0/16" + E,
                                "/",
                                "192.168.0.1",
                                "10.0.0.5"),
                        raw(
                                "AuthMerging And: both must grant",
                                "<Directory /var/www>\nRequire ip 10.0.0.0/24\n</Directory>\n" + D
                                        + "AuthMerging And\n<RequireAll>\nRequire all granted\nRequire not ip 10.0.0.5\n</RequireAll>"
                                        + E,
                                "/",
                                "10.0.0.6",
                                "10.0.0.5 192.168.0.1"),
                        raw(
                                "AuthMerging Or: either grants",
                                "<Directory /var/www>\nRequire ip 10.0.0.0/24\n</Directory>\n" + D
                                        + "AuthMerging Or\nRequire ip 192.168.0.1" + E,
                                "/",
                                "10.0.0.5 192.168.0.1",
                                "192.168.0.2"),
                        raw(
                                "a section without Require inherits the Require rules",
                                "<Directory /var/www>\nRequire ip 10.0.0.0/24\n</Directory>\n" + D + "Options None" + E,
                                "/",
                                "10.0.0.5",
                                "192.168.0.1"),
                        // --- old and new together ---
                        row(
                                "Satisfy All (default): Deny and Require must both pass",
                                "Order Deny,Allow\nDeny from 10.0.0.5\nRequire all granted",
                                "10.0.0.6",
                                "10.0.0.5"),
                        row(
                                "Satisfy All: Allow and Require ip",
                                "Order Allow,Deny\nAllow from 10.0.0\nRequire ip 10.0.0.5",
                                "10.0.0.5",
                                "10.0.0.6 192.168.0.1"),
                        row(
                                "Satisfy Any: the address rule alone is enough",
                                "Order Allow,Deny\nAllow from 10.0.0\nRequire all denied\nSatisfy Any",
                                "10.0.0.5",
                                "192.168.0.1"),
                        row(
                                "Satisfy Any with Require granting",
                                "Order Allow,Deny\nRequire ip 192.168.0.1\nSatisfy Any",
                                "192.168.0.1",
                                "10.0.0.1"),
                        other(
                                "Require valid-user needs a login",
                                "AuthType Basic\nRequire valid-user",
                                "10.0.0.1",
                                Result.LOGIN),
                        other(
                                "Satisfy Any: outside the Allow a login is asked",
                                "AuthType Basic\nOrder Allow,Deny\nAllow from 10.0.0\nRequire valid-user\nSatisfy Any",
                                "192.168.0.1",
                                Result.LOGIN),
                        new Row(
                                "env from a request header makes the answer depend on the request",
                                "BrowserMatch curl tool\n" + D + "Order Allow,Deny\nAllow from env=tool" + E,
                                "/",
                                List.of(),
                                List.of(),
                                List.of("10.0.0.1"),
                                Result.DEPENDS))
                .map(r -> Arguments.of(r.name(), r));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void apacheAgrees(String name, Row row, @TempDir Path tmp) {
        Fixture f = Fixture.of(tmp, row.config());
        assertEquals(
                List.of(),
                f.model.problems().stream()
                        .filter(p -> p.kind() == Problem.Kind.REFUSED)
                        .toList(),
                name);
        Admission.Result who = f.admitted(row.uri());
        // conditions the address alone cannot decide (a DNS domain, a request variable) move
        // clients from "sure" to "possible"; without them both sets must be exact
        boolean exact = who.conditions().isEmpty();
        for (String c : row.granted()) {
            assertEquals(Result.GRANTED, f.decide(row.uri(), c).result(), name + ": " + c);
            assertTrue(
                    (exact ? who.sure() : who.possible()).contains(Fixture.ip(c)),
                    name + ": who-set misses " + c + " in " + who.sure());
        }
        for (String c : row.denied()) {
            assertEquals(Result.DENIED, f.decide(row.uri(), c).result(), name + ": " + c);
            assertFalse(who.sure().contains(Fixture.ip(c)), name + ": who-set has " + c);
            if (exact) {
                assertFalse(who.possible().contains(Fixture.ip(c)), name + ": who-set has " + c);
            }
            assertFalse(who.login().contains(Fixture.ip(c)), name + ": login-set has " + c);
        }
        for (String c : row.other()) {
            assertEquals(row.otherResult(), f.decide(row.uri(), c).result(), name + ": " + c);
            if (row.otherResult() == Result.LOGIN) {
                assertTrue(who.login().contains(Fixture.ip(c)), name + ": login-set misses " + c);
            }
        }
    }
}
