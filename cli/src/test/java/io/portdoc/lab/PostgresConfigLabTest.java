package io.portdoc.lab;

import static io.portdoc.lab.LabNet.CLIENT_IP;
import static io.portdoc.lab.LabNet.OUTSIDE_CLIENT_IP;
import static io.portdoc.lab.LabNet.SERVER_IP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The config step against a real PostgreSQL: a cluster made once with {@code initdb} (as
 * {@code nobody}, in this lab's directory), the postmaster started in the server namespace
 * for each pg_hba.conf rule set, and {@code psql} from both client namespaces as the ground
 * truth: connected or "password authentication failed" means pg_hba.conf let it in (PASS);
 * "no pg_hba.conf entry" or "pg_hba.conf rejects connection" means it did not (FAIL).
 * {@code portdoc diagnose --client IP --db-user app} (the real entry point, in the server
 * namespace, finding the running postmaster) must agree.
 */
@ExtendWith(Lab.class)
class PostgresConfigLabTest {
    private static final String USER = "nobody";
    private static final String PASSWORD = "s3cret";
    private static Path bin;
    private static Path data;
    private static Path sock;

    @BeforeAll
    static void cluster(LabNet net) throws IOException {
        bin = installed();
        Lab.require(bin != null, "PostgreSQL is not installed (Debian: postgresql)");
        Lab.require(Exec.installed("setpriv"), "setpriv is not installed (Debian: util-linux)");
        Path pg = Files.createDirectories(net.dir().resolve("pg"));
        UserPrincipalLookupService users = pg.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(pg, users.lookupPrincipalByName(USER));
        data = pg.resolve("data");
        sock = pg.resolve("sock");
        asNobody(
                        net,
                        bin.resolve("initdb").toString(),
                        "-D",
                        data.toString(),
                        "-A",
                        "trust",
                        "-U",
                        "postgres",
                        "--no-sync",
                        "-E",
                        "UTF8")
                .ok();
        asNobody(net, "mkdir", sock.toString()).ok();
        Proc pm = postmaster(net, "");
        try {
            psqlLocal(net, "CREATE ROLE app LOGIN PASSWORD '" + PASSWORD + "'");
            psqlLocal(net, "CREATE DATABASE app OWNER app");
        } finally {
            pm.stop();
        }
    }

    static Path installed() {
        try (Stream<Path> s = Files.list(Path.of("/usr/lib/postgresql"))) {
            return s.map(p -> p.resolve("bin"))
                    .filter(p -> Files.isExecutable(p.resolve("postgres"))
                            && Files.isExecutable(p.resolve("initdb"))
                            && Files.isExecutable(p.resolve("psql"))
                            && Files.isExecutable(p.resolve("pg_isready")))
                    .max(Path::compareTo)
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static Exec.Result asNobody(LabNet net, String... argv) {
        List<String> a = new ArrayList<>(List.of("setpriv", "--reuid=" + USER, "--regid=nogroup", "--clear-groups"));
        a.addAll(List.of(argv));
        return net.exec(net.server(), a.toArray(String[]::new));
    }

    /** The postmaster in the server namespace, as nobody, listening on {@code listen} (empty: Unix socket only). */
    private static Proc postmaster(LabNet net, String listen) {
        // The last case's postmaster was stopped by the lab's reset, perhaps killed before it removed
        // its lock files; in the lab's PID namespace its pid is soon reused, which postgres would take
        // for a live postmaster in this data directory.
        try {
            Files.deleteIfExists(data.resolve("postmaster.pid"));
            Files.deleteIfExists(sock.resolve(".s.PGSQL.5432.lock"));
            Files.deleteIfExists(sock.resolve(".s.PGSQL.5432"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Proc p = net.start(
                net.server(),
                "setpriv",
                "--reuid=" + USER,
                "--regid=nogroup",
                "--clear-groups",
                bin.resolve("postgres").toString(),
                "-D",
                data.toString(),
                "-k",
                sock.toString(),
                "-c",
                "listen_addresses=" + listen,
                "-c",
                "fsync=off");
        if (listen.isEmpty()) {
            for (int i = 0; i < 200 && !Files.exists(sock.resolve(".s.PGSQL.5432")); i++) {
                LabNet.sleep(50);
            }
        } else {
            net.awaitListening(p, 5432);
        }
        // the socket listens before the server accepts logins ("the database system is starting up")
        for (int i = 0; i < 100; i++) {
            if (net.exec(net.server(), bin.resolve("pg_isready").toString(), "-q", "-h", sock.toString(), "-t", "1")
                            .exit()
                    == 0) {
                return p;
            }
            LabNet.sleep(100);
        }
        throw new IllegalStateException("postgres does not accept connections after 10 s:\n" + p.logText());
    }

    private static void psqlLocal(LabNet net, String sql) {
        net.exec(
                        net.server(),
                        bin.resolve("psql").toString(),
                        "-h",
                        sock.toString(),
                        "-U",
                        "postgres",
                        "-d",
                        "postgres",
                        "-v",
                        "ON_ERROR_STOP=1",
                        "-c",
                        sql)
                .ok();
    }

    /** What psql gets from {@code ns}: ok, reached (wrong password), no-entry, reject, or the error text. */
    static String psql(LabNet net, String ns, String password) {
        return psql(net, ns, password, SERVER_IP);
    }

    static String psql(LabNet net, String ns, String password, String host) {
        Exec.Result r = Exec.run(
                List.of(
                        "ip",
                        "netns",
                        "exec",
                        ns,
                        bin.resolve("psql").toString(),
                        "host=" + host + " port=5432 user=app dbname=app sslmode=disable connect_timeout=5 password="
                                + password,
                        "-tAc",
                        "select 1"),
                null,
                Duration.ofSeconds(20));
        String err = r.err();
        if (r.exit() == 0) {
            return "ok";
        }
        if (err.contains("password authentication failed")) {
            return "reached";
        }
        if (err.contains("no pg_hba.conf entry")) {
            return "no-entry";
        }
        if (err.contains("pg_hba.conf rejects connection")) {
            return "reject";
        }
        return err.strip();
    }

    static Stream<Arguments> ruleSets() {
        return Stream.of(
                Arguments.of(
                        "subnet, md5 (wrong password: reached)",
                        "host all all 10.0.0.0/24 md5",
                        "bad",
                        "reached",
                        "no-entry"),
                Arguments.of("first match wins: reject before all", """
                        host all all 10.0.0.156/32 reject
                        host all all all scram-sha-256""", PASSWORD, "reject", "ok"),
                Arguments.of(
                        "address and mask columns",
                        "host all all 172.16.0.0 255.255.0.0 scram-sha-256",
                        "bad",
                        "no-entry",
                        "reached"),
                Arguments.of("database and user lists", """
                        host app,other app,bob 10.0.0.0/24 trust
                        host all all 172.16.5.0/24 reject""", PASSWORD, "ok", "reject"),
                Arguments.of("other databases and users", """
                        host other app 10.0.0.0/24 trust
                        host app other 172.16.5.0/24 trust""", PASSWORD, "no-entry", "no-entry"),
                Arguments.of("sameuser and replication", """
                        host replication all all trust
                        host sameuser all 172.16.5.0/24 md5""", PASSWORD, "no-entry", "ok"),
                Arguments.of(
                        "samehost is the server's own addresses",
                        "host all all samehost trust",
                        PASSWORD,
                        "no-entry",
                        "no-entry"),
                Arguments.of("samenet is the server's subnets", "host all all samenet md5", PASSWORD, "ok", "ok"),
                Arguments.of("hostssl never matches without ssl", """
                        hostssl all all all trust
                        host all all 10.0.0.0/24 md5""", PASSWORD, "ok", "no-entry"),
                Arguments.of("hostnossl", """
                        hostnossl all all 172.16.5.0/24 reject
                        hostnossl all all all md5""", PASSWORD, "ok", "reject"),
                Arguments.of("quoted \"all\" is a database name", """
                        host "all" all all trust
                        host all "app" 172.16.5.20/32 md5""", PASSWORD, "no-entry", "ok"),
                Arguments.of("@file user list", """
                        host all @users.txt 10.0.0.0/24 md5
                        host all @nobody.txt 172.16.5.0/24 md5""", PASSWORD, "ok", "no-entry"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ruleSets")
    void portdocAgreesWithPsql(String name, String rules, String password, String inside, String outside, LabNet net)
            throws IOException {
        Files.writeString(data.resolve("pg_hba.conf"), "local all all trust\n" + rules + "\n");
        Files.writeString(data.resolve("users.txt"), "bob, app\n# the application\n");
        Files.writeString(data.resolve("nobody.txt"), "bob\n");
        postmaster(net, "*");
        assertEquals(inside, psql(net, net.inside(), password), name + ": psql from inside");
        assertEquals(outside, psql(net, net.outside(), password), name + ": psql from outside");
        check(net, CLIENT_IP, inside, name);
        check(net, OUTSIDE_CLIENT_IP, outside, name);
    }

    private static void check(LabNet net, String client, String psql, String name) {
        PortdocRun r = net.portdoc(
                net.server(),
                "diagnose",
                "--service",
                "postgresql",
                "--port",
                "5432",
                "--client",
                client,
                "--db-user",
                "app",
                "--no-probe",
                "--format",
                "json");
        boolean in = psql.equals("ok") || psql.equals("reached");
        assertEquals(
                in ? "PASS" : "FAIL",
                r.verdict("config"),
                name + ": psql from " + client + " got " + psql + "; portdoc said " + r.said("config") + "\n" + r);
    }

    @Test
    void ipv6ClientsMatchOnlyIpv6Lines(LabNet net) throws IOException {
        Files.writeString(data.resolve("pg_hba.conf"), """
                local all all trust
                host all all 10.0.0.0/24 reject
                host all all fd42:0:0:1::/64 scram-sha-256
                """);
        postmaster(net, "*");
        assertEquals("ok", psql(net, net.inside(), PASSWORD, LabNet.SERVER_IP6));
        assertEquals("reject", psql(net, net.inside(), PASSWORD));
        PortdocRun v6 = net.portdoc(
                net.server(),
                "diagnose",
                "--service",
                "postgresql",
                "--client",
                LabNet.CLIENT_IP6,
                "--db-user",
                "app",
                "--no-probe",
                "--format",
                "json");
        assertEquals("PASS", v6.verdict("config"), v6.toString());
        PortdocRun v4 = net.portdoc(
                net.server(),
                "diagnose",
                "--service",
                "postgresql",
                "--client",
                CLIENT_IP,
                "--db-user",
                "app",
                "--no-probe",
                "--format",
                "json");
        assertEquals("FAIL", v4.verdict("config"), v4.toString());
    }

    @Test
    void localhostOnlyIsFoundBeforePgHba(LabNet net) throws IOException {
        Files.writeString(data.resolve("pg_hba.conf"), "local all all trust\nhost all all all trust\n");
        postmaster(net, "localhost");
        String got = psql(net, net.inside(), PASSWORD);
        assertTrue(got.contains("Connection refused"), got);
        PortdocRun r = net.portdoc(
                net.server(),
                "diagnose",
                "--service",
                "postgresql",
                "--client",
                CLIENT_IP,
                "--no-probe",
                "--format",
                "json");
        assertEquals("FAIL", r.verdict("config"), r.toString());
        assertEquals("fail.local.only", r.step("config").path("summaryKey").asText(), r.toString());
    }

    @Test
    void whoGetsInWithoutClientOrLogin(LabNet net) throws IOException {
        Files.writeString(data.resolve("pg_hba.conf"), """
                local all all trust
                host all all 10.0.0.0/24 md5
                host app app 172.16.5.0/24 md5
                """);
        postmaster(net, "*");
        PortdocRun r =
                net.portdoc(net.server(), "diagnose", "--service", "postgresql", "--no-probe", "--format", "json");
        assertEquals("WARN", r.verdict("config"), r.toString());
        String summary = r.step("config").path("summary").asText();
        assertTrue(
                summary.contains("let in for every login: 10.0.0.0/24; for some logins only: 172.16.5.0/24"), summary);
        PortdocRun outside = net.portdoc(
                net.server(),
                "diagnose",
                "--service",
                "postgresql",
                "--client",
                OUTSIDE_CLIENT_IP,
                "--no-probe",
                "--format",
                "json");
        assertEquals("WARN", outside.verdict("config"), outside.toString());
        assertEquals("ok", psql(net, net.outside(), PASSWORD), "app gets in from outside");
    }
}
