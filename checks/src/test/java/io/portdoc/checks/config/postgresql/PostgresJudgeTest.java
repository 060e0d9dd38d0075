package io.portdoc.checks.config.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.checks.config.ConfigRequest;
import io.portdoc.core.DbLogin;
import io.portdoc.core.Msg;
import io.portdoc.core.Outcome;
import io.portdoc.core.Target;
import io.portdoc.core.Verdict;
import io.portdoc.core.host.ProcessInfo;
import io.portdoc.core.host.RecordedSystem;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The judge on a recorded Debian host: the stock configuration pg_createcluster writes for 15/main
 * (copied from /etc/postgresql/15/main), the postmaster as Debian's pg_ctlcluster starts it.
 */
class PostgresJudgeTest {
    private static final String FIXTURES = "/io/portdoc/checks/config/postgresql/";
    private static final String ETC = "fs/etc/postgresql/15/main/";
    private static final ProcessInfo POSTMASTER = new ProcessInfo(
            700,
            1,
            "postgres",
            null,
            "postgres",
            "/usr/lib/postgresql/15/bin/postgres",
            List.of(
                    "/usr/lib/postgresql/15/bin/postgres",
                    "-D",
                    "/var/lib/postgresql/15/main",
                    "-c",
                    "config_file=/etc/postgresql/15/main/postgresql.conf"));

    @TempDir
    Path root;

    private RecordedSystem host(String confExtra, String hba) throws IOException {
        Path etc = Files.createDirectories(root.resolve(ETC));
        Files.createDirectories(etc.resolve("conf.d"));
        Files.writeString(etc.resolve("postgresql.conf"), fixture("debian15/postgresql.conf") + confExtra);
        Files.writeString(etc.resolve("pg_hba.conf"), hba == null ? fixture("debian15/pg_hba.conf") : hba);
        Files.writeString(root.resolve("addresses.txt"), "127.0.0.1\n::1\n10.0.0.154\n");
        Files.writeString(root.resolve("host.properties"), "hostname=boven\nuser=root\nprivileged=true\n");
        Path cmd = Files.createDirectories(root.resolve("commands"));
        Files.writeString(
                cmd.resolve(RecordedSystem.commandFileName(List.of("ip", "-o", "addr", "show")) + ".out"),
                "1: lo    inet 127.0.0.1/8 scope host lo\n"
                        + "2: eth1    inet 10.0.0.154/24 brd 10.0.0.255 scope global eth1\n");
        return new RecordedSystem(root);
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = PostgresJudgeTest.class.getResourceAsStream(FIXTURES + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Outcome judge(RecordedSystem sys, String client, int port) throws IOException {
        return judge(sys, client, port, DbLogin.ANY);
    }

    private static Outcome judge(RecordedSystem sys, String client, int port, DbLogin login) throws IOException {
        Target t = Target.of("postgresql", port)
                .withClient(client == null ? null : InetAddress.getByName(client))
                .withDbLogin(login);
        return new PostgresJudge().judge(new ConfigRequest(sys, t, Optional.of(POSTMASTER)));
    }

    private static Outcome judge(RecordedSystem sys, String client) throws IOException {
        return judge(sys, client, 5432);
    }

    private static String hints(Outcome o) {
        return String.join("\n", Msg.texts(o.hints()));
    }

    @Test
    void stockDebianListensOnLocalhostOnly() throws IOException {
        Outcome o = judge(host("", null), "10.0.0.156");
        assertEquals(Verdict.FAIL, o.verdict(), o.summary().text());
        assertEquals("fail.local.only", o.summary().key());
        assertTrue(hints(o).contains("/etc/postgresql/15/main/postgresql.conf"), hints(o));
    }

    @Test
    void stockDebianLetsInLocalhostByItsHostLine() throws IOException {
        Outcome o = judge(host("", null), "127.0.0.1");
        assertEquals(Verdict.PASS, o.verdict(), o.summary().text());
        assertTrue(
                o.summary().text().contains("/etc/postgresql/15/main/pg_hba.conf:97"),
                o.summary().text());
    }

    @Test
    void noEntryNamesTheLineToAddInTheFilesStyle() throws IOException {
        Outcome o = judge(host("listen_addresses = '*'\n", null), "10.0.0.156");
        assertEquals(Verdict.FAIL, o.verdict(), o.summary().text());
        assertEquals("fail.no.entry", o.summary().key());
        assertTrue(
                hints(o).contains("\"host    all             all             10.0.0.156/32           scram-sha-256\""),
                hints(o));
    }

    @Test
    void rejectLineDecidesAndTheFixGoesBeforeIt() throws IOException {
        Outcome o = judge(
                host("listen_addresses = '*'\n", "host all all 10.0.0.0/24 reject\nhost all all all md5\n"),
                "10.0.0.156");
        assertEquals(Verdict.FAIL, o.verdict());
        assertEquals("fail.reject", o.summary().key());
        assertTrue(hints(o).contains("before line 1"), hints(o));
    }

    @Test
    void withoutALoginSaysWhichLinesDecideForWhom() throws IOException {
        RecordedSystem sys = host("listen_addresses = '*'\n", "host app app 10.0.0.0/24 md5\n");
        Outcome o = judge(sys, "10.0.0.156");
        assertEquals(Verdict.WARN, o.verdict(), o.summary().text());
        assertEquals(
                "10.0.0.156 is let in only for database app as user app (pg_hba.conf:1: md5); "
                        + "other logins get no entry",
                o.summary().text());
        assertEquals(
                Verdict.PASS,
                judge(sys, "10.0.0.156", 5432, new DbLogin("app", null)).verdict());
        assertEquals(
                "fail.no.entry",
                judge(sys, "10.0.0.156", 5432, new DbLogin("bob", "app"))
                        .summary()
                        .key());
    }

    @Test
    void whoGetsInWithoutAClient() throws IOException {
        Outcome stock = judge(host("listen_addresses = '*'\n", null), null);
        assertEquals(Verdict.FAIL, stock.verdict(), stock.summary().text());
        assertEquals("fail.nobody", stock.summary().key());
        Outcome some = judge(
                host(
                        "listen_addresses = '*'\n",
                        "host all all 10.0.0.0/24 md5\nhost app all 172.16.0.0/12 md5\nhost all all 0.0.0.0/0 reject\n"),
                null);
        assertEquals(Verdict.WARN, some.verdict());
        assertEquals(
                "only some clients get a pg_hba.conf entry: let in for every login: 10.0.0.0/24; for some logins "
                        + "only: 172.16.0.0/12; everything else gets no entry or is rejected",
                some.summary().text());
        Outcome all = judge(host("listen_addresses = '*'\n", "host all all all trust\n"), null);
        assertEquals(Verdict.PASS, all.verdict(), all.summary().text());
    }

    @Test
    void portAndCommandLineSettings() throws IOException {
        Outcome other = judge(host("port = 5433\nlisten_addresses = '*'\n", null), "127.0.0.1");
        assertEquals("fail.other.port", other.summary().key());
        assertTrue(hints(other).contains("postgresql.conf:"), hints(other));
        Outcome empty = judge(host("listen_addresses = ''\n", null), "127.0.0.1");
        assertEquals("fail.unix.only", empty.summary().key());
    }

    @Test
    void includeLoopAndUnreadableFilesAreUnknown() throws IOException {
        RecordedSystem loop = host("include 'postgresql.conf'\n", null);
        Outcome o = judge(loop, "10.0.0.156");
        assertEquals(Verdict.UNKNOWN, o.verdict(), o.summary().text());
        assertTrue(o.summary().text().contains("includes itself"), o.summary().text());
        Files.writeString(root.resolve("denied.txt"), "/etc/postgresql/15/main/pg_hba.conf\n");
        Files.writeString(
                root.resolve(ETC).resolve("postgresql.conf"),
                fixture("debian15/postgresql.conf") + "listen_addresses = '*'\n");
        Outcome denied = judge(new RecordedSystem(root), "10.0.0.156");
        assertEquals(Verdict.UNKNOWN, denied.verdict(), denied.summary().text());
        assertTrue(hints(denied).contains("root"), hints(denied));
    }

    @Test
    void invalidHbaLineMeansTheServerRefusesTheFile() throws IOException {
        Outcome o = judge(
                host("listen_addresses = '*'\n", "host all all 10.0.0.0/24 md5\nhost all all 10.0.0.0/24\n"),
                "10.0.0.156");
        assertEquals(Verdict.FAIL, o.verdict());
        assertEquals("fail.invalid", o.summary().key());
        assertTrue(o.summary().text().contains("pg_hba.conf:2"), o.summary().text());
    }

    @Test
    void initdbClusterFoundFromDataDirectoryAndCommandLine() throws IOException {
        Path data = Files.createDirectories(root.resolve("fs/srv/pg/data"));
        Files.writeString(data.resolve("postgresql.conf"), fixture("initdb15/postgresql.conf"));
        Files.writeString(data.resolve("pg_hba.conf"), fixture("initdb15/pg_hba.conf"));
        Files.writeString(
                data.resolve("postgresql.auto.conf"), fixture("initdb15/postgresql.auto.conf") + "port = '5544'\n");
        Files.writeString(data.resolve("PG_VERSION"), "15\n");
        ProcessInfo pm = new ProcessInfo(
                900,
                1,
                "nobody",
                null,
                "postgres",
                "/usr/lib/postgresql/15/bin/postgres",
                List.of("postgres", "-D", "/srv/pg/data", "-c", "listen_addresses=*"));
        Target t = Target.of("postgres", 5544).withClient(InetAddress.getByName("10.0.0.156"));
        Outcome o = new PostgresJudge().judge(new ConfigRequest(new RecordedSystem(root), t, Optional.of(pm)));
        // initdb trusts loopback only: a LAN client has no entry; the fix does not suggest trust for it
        assertEquals("fail.no.entry", o.summary().key(), o.summary().text());
        assertTrue(
                hints(o).contains("host    all             all             10.0.0.156/32           scram-sha-256"),
                hints(o));
    }

    @Test
    void anUnreadableDataDirectoryMayHideAlterSystemSettings() throws IOException {
        host("", null);
        Files.createDirectories(root.resolve("fs/var/lib/postgresql/15/main"));
        Files.writeString(root.resolve("denied.txt"), "/var/lib/postgresql/15/main\n");
        Outcome o = judge(new RecordedSystem(root), "10.0.0.156");
        // listen_addresses is unset in postgresql.conf, but ALTER SYSTEM may have set it: no FAIL without it
        assertEquals(Verdict.UNKNOWN, o.verdict(), o.summary().text());
        assertTrue(
                o.summary().text().contains("postgresql.auto.conf"), o.summary().text());
    }

    @Test
    void aBackendLeadsToItsPostmaster() throws IOException {
        host("listen_addresses = '*'\n", "host all all 10.0.0.0/24 md5\n");
        Files.writeString(root.resolve("processes.json"), """
                [{"pid":700,"ppid":1,"user":"postgres","comm":"postgres",
                  "executable":"/usr/lib/postgresql/15/bin/postgres",
                  "argv":["/usr/lib/postgresql/15/bin/postgres","-D","/var/lib/postgresql/15/main","-c",
                          "config_file=/etc/postgresql/15/main/postgresql.conf"]},
                 {"pid":701,"ppid":700,"user":"postgres","comm":"postgres",
                  "executable":"/usr/lib/postgresql/15/bin/postgres",
                  "argv":["postgres: 15/main: checkpointer "]}]
                """);
        ProcessInfo backend = new RecordedSystem(root).processes().get(1);
        Target t = Target.of("postgresql", 5432).withClient(InetAddress.getByName("10.0.0.156"));
        Outcome o = new PostgresJudge().judge(new ConfigRequest(new RecordedSystem(root), t, Optional.of(backend)));
        assertEquals(Verdict.PASS, o.verdict(), o.summary().text());
        assertTrue(o.evidence().get(0).text().contains("pid 700"), o.evidence().toString());
    }
}
