package io.portdoc.checks.config.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.core.DbLogin;
import io.portdoc.core.host.RecordedSystem;
import io.portdoc.core.net.AddressSet;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * pg_hba.conf matching as documented in "The pg_hba.conf File" (PostgreSQL 15/16 manual,
 * section 21.1) and implemented by hba.c check_hba: the first line whose type, database, user
 * and address match decides; no match is "no pg_hba.conf entry".
 */
class HbaEvaluatorTest {
    @TempDir
    Path root;

    private static final String RULES = """
            # TYPE  DATABASE        USER            ADDRESS                 METHOD
            local   all             all                                     trust
            host    all             all             10.0.0.200/32           reject
            host    app,shop        app             10.0.0.0/24             md5
            host    sameuser        all             10.0.0.0 255.255.255.0  scram-sha-256
            host    "all"           all             172.16.5.0/24           trust
            host    replication     all             172.16.0.0/12           trust
            host    all             +admins         fd42:0:0:2::/64         trust
            hostssl all             all             192.168.0.0/16          md5
            hostnossl all           all             192.168.7.0/24          reject
            host    all             /^ops_          198.51.100.0/24         trust
            host    all             all             samenet                 password
            """;

    private HbaReader.Hba parse(String text, int version) {
        return HbaReader.parse(new RecordedSystem(root), "/etc/postgresql/pg_hba.conf", text, version);
    }

    private static HbaEnv env(boolean ssl, int version) {
        return new HbaEnv(
                ssl,
                version,
                AddressSet.parseCidr("10.0.0.154"),
                AddressSet.parseCidr("10.0.0.0/24").union(AddressSet.parseCidr("127.0.0.0/8")),
                null);
    }

    /** Decisive line (its line number, 0 for none) and the lines matching only some logins. */
    private String decide(String client, String user, String db, boolean ssl, int version) throws IOException {
        HbaReader.Hba hba = parse(RULES, version);
        assertEquals(List.of(), hba.problems());
        HbaEvaluator.ClientDecision d = new HbaEvaluator(env(ssl, version))
                .forClient(hba.lines(), InetAddress.getByName(client), new DbLogin(user, db));
        String partial =
                d.partial().stream().map(l -> Integer.toString(l.loc().line())).collect(Collectors.joining(" "));
        return (d.decisive() == null ? 0 : d.decisive().loc().line()) + (partial.isEmpty() ? "" : " after " + partial);
    }

    @ParameterizedTest(name = "{0} as {1} to {2}, ssl {3}: {4}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                // first match wins: reject before the subnet's lines; local lines never match TCP
                "10.0.0.200   | app   | app  | false | 3",
                "10.0.0.156   | app   | app  | false | 4",
                "10.0.0.156   | app   | shop | false | 4",
                // sameuser: the database named like the user; address and mask in two columns
                "10.0.0.156   | bob   | bob  | false | 5",
                "10.0.0.156   | bob   | app  | false | 12",
                // a quoted keyword is a name: "all" is the database named all
                "172.16.5.20  | bob   | bob  | false | 0",
                "172.16.5.20  | bob   | all  | false | 6",
                // the replication keyword matches only replication connections
                "172.16.9.9   | bob   | bob  | false | 0",
                // +role: membership is in the catalog; the role itself is a member
                "fd42:0:0:2::20 | admins | x | false | 8",
                "fd42:0:0:2::20 | bob | x    | false | 0 after 8",
                // an IPv4 block never matches an IPv6 client
                "fd42:0:0:1::156 | app | app | false | 0",
                // hostssl needs the server's ssl = on; hostnossl matches when SSL is off
                "192.168.7.7  | bob   | bob  | false | 10",
                "192.168.7.7  | bob   | bob  | true  | 0 after 9 10",
                "192.168.1.1  | bob   | bob  | false | 0",
                // regular expressions in the user column (16+); samenet
                "198.51.100.7 | ops_x | ops_x | false | 11",
                "198.51.100.7 | opsx  | opsx | false | 0",
                "10.0.0.1     | zed   | zed  | false | 5",
                "10.0.0.1     | zed   | db   | false | 12",
                // without a login: lines for some logins are listed until one matches every login
                "10.0.0.156   | -     | -    | false | 12 after 4 5",
            })
    void firstMatchingLineDecides(String client, String user, String db, boolean ssl, String expected)
            throws IOException {
        assertEquals(expected, decide(client.strip(), user, db, ssl, 16));
    }

    @Test
    void regexesAreNamesBefore16() throws IOException {
        assertEquals("0", decide("198.51.100.7", "ops_x", "ops_x", false, 15));
    }

    @Test
    void invalidLinesAreReportedAsPostgresqlSaysThem() {
        HbaReader.Hba hba = parse("""
                host all all 10.0.0.0/24 md5
                hots all all 10.0.0.0/24 md5
                host all all 10.0.0.0/24 peer
                host all all 10.0.0.1 md5
                host all all 10.0.0.0/33 md5
                host all all 10.0.0.0/24 magic
                """, 16);
        // hba.c reads the word after an address without /len as its netmask
        assertEquals(
                List.of(
                        "invalid connection type \"hots\"",
                        "peer authentication is only supported on local sockets",
                        "invalid IP mask \"md5\"",
                        "invalid CIDR mask in address \"10.0.0.0/33\"",
                        "invalid authentication method \"magic\""),
                hba.problems().stream().map(Problem::detail).toList());
        assertEquals(
                List.of(2, 3, 4, 5, 6),
                hba.problems().stream().map(p -> p.loc().line()).toList());
        assertEquals(1, hba.lines().size());
    }

    @Test
    void commentsQuotesListsAndContinuations() {
        HbaReader.Hba hba = parse("""
                host  "my db",other  "a""b", c  10.0.0.0/8  md5  # a comment
                host all \\
                     all 10.1.0.0/16 trust
                """, 16);
        assertEquals(List.of(), hba.problems());
        HbaLine l = hba.lines().get(0);
        assertEquals(List.of(new Token("my db", true), new Token("other", false)), l.databases());
        assertEquals(List.of(new Token("a\"b", true), new Token("c", false)), l.users());
        assertEquals("10.1.0.0/16", hba.lines().get(1).address().text());
        assertEquals(2, hba.lines().get(1).loc().line());
    }

    @Test
    void fileListsAndIncludesAreReadRelativeToTheFile() throws IOException {
        Path dir = Files.createDirectories(root.resolve("fs/etc/postgresql/conf.d"));
        Files.writeString(dir.getParent().resolve("users.txt"), "app, shop\n# comment\nbob\n");
        Files.writeString(dir.resolve("10-lan.conf"), "host all all 10.0.0.0/24 md5\n");
        Files.writeString(dir.resolve("20-self.conf"), "include ../pg_hba.conf\n");
        Files.writeString(dir.resolve("ignored.txt"), "host all all all trust\n");
        HbaReader.Hba hba = parse("""
                host all @users.txt 172.16.0.0/12 md5
                include_dir conf.d
                include_if_exists missing.conf
                """, 16);
        assertEquals(
                List.of("app", "shop", "bob"),
                hba.lines().get(0).users().stream().map(Token::value).toList());
        assertEquals(2, hba.lines().size());
        assertEquals(
                "/etc/postgresql/conf.d/10-lan.conf:1", hba.lines().get(1).loc().toString());
        // conf.d/20-self.conf includes the file being read: a loop, reported, not followed
        assertEquals(1, hba.problems().size());
        assertEquals(Problem.Kind.HOSTILE, hba.problems().get(0).kind());
        assertTrue(
                hba.problems().get(0).detail().contains("includes itself"),
                hba.problems().toString());
    }

    @Test
    void aNonContiguousMaskIsNotGuessed() {
        HbaReader.Hba hba = parse("host all all 10.0.0.0 255.0.255.0 md5\n", 16);
        assertEquals(Problem.Kind.HOSTILE, hba.problems().get(0).kind());
        assertEquals(List.of(), hba.lines());
    }

    @Test
    void includeIsAConnectionTypeErrorBefore16() {
        HbaReader.Hba hba = parse("include other.conf\n", 15);
        assertEquals(Problem.Kind.INVALID, hba.problems().get(0).kind());
    }

    @Test
    void binaryAndHugeFilesEndWithAProblem() throws IOException {
        Path etc = Files.createDirectories(root.resolve("fs/etc/pg"));
        Files.write(etc.resolve("bin.conf"), new byte[] {'h', 0, 1, 2});
        Files.writeString(etc.resolve("huge.conf"), "#".repeat(ConfFiles.MAX_CHARS + 1));
        for (String f : List.of("bin.conf", "huge.conf")) {
            HbaReader.Hba hba = HbaReader.read(new RecordedSystem(root), Path.of("/etc/pg", f), 16);
            assertEquals(Problem.Kind.HOSTILE, hba.problems().get(0).kind(), f);
        }
    }
}
