package io.portdoc.checks.config.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.checks.config.ConfigCheck;
import io.portdoc.checks.config.ConfigRequest;
import io.portdoc.core.CheckContext;
import io.portdoc.core.Exposure;
import io.portdoc.core.Outcome;
import io.portdoc.core.Target;
import io.portdoc.core.Verdict;
import io.portdoc.core.host.ProcessInfo;
import io.portdoc.core.host.RecordedSystem;
import io.portdoc.core.host.SystemView;
import io.portdoc.core.profile.ProfileLoader;
import io.portdoc.core.profile.ServiceProfile;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The MySQL / MariaDB engine on Debian 12's /etc/mysql as apt installed it (mariadb-server
 * 10.11, my.cnf the alternative mariadb.cnf) and on variants. Semantics: mysys/my_default.c (file
 * order, groups, !include, !includedir), "mariadbd --help --verbose" (files and groups read), the
 * server's option help (port 0 is the default, bind-address lists from 10.11).
 */
class MysqlJudgeTest {
    static final Path STOCK = Path.of("src/test/resources/hosts/mariadb-debian");
    static final String SERVER_CNF = "/etc/mysql/mariadb.conf.d/50-server.cnf";

    @TempDir
    Path tmp;

    static Optional<ProcessInfo> systemd() {
        return Optional.of(new ProcessInfo(
                733, 1, "mysql", null, "mariadbd", "/usr/sbin/mariadbd", List.of("/usr/sbin/mariadbd")));
    }

    static Outcome judge(SystemView sys, String client, Optional<ProcessInfo> daemon) throws IOException {
        return judge(sys, client, daemon, Exposure.LAN, null, 3306);
    }

    static Outcome judge(
            SystemView sys, String client, Optional<ProcessInfo> daemon, Exposure exposure, String host, int port)
            throws IOException {
        ServiceProfile p = new ServiceProfile(
                "mysql",
                null,
                List.of("mariadbd"),
                List.of(),
                List.of(new ServiceProfile.PortSpec(port, "tcp")),
                exposure,
                new ServiceProfile.ConfigSpec("mysql", List.of(), null),
                null);
        Target t = Target.of("mysql", port).withProfile(p);
        if (client != null) {
            t = t.withClient(InetAddress.getByName(client));
        }
        if (host != null) {
            t = t.withHost(host);
        }
        return new MysqlJudge().judge(new ConfigRequest(sys, t, daemon));
    }

    static String said(Outcome o) {
        return o.summary().text() + "\n" + o.evidence() + "\n" + o.hints();
    }

    /** The stock host plus files (absolute path, text pairs) written over it. */
    SystemView host(String... files) throws IOException {
        Path root = tmp.resolve("host");
        try (Stream<Path> s = Files.walk(STOCK)) {
            for (Path p : s.toList()) {
                Path dst = root.resolve(STOCK.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dst);
                } else if (!Files.exists(dst)) {
                    Files.copy(p, dst);
                }
            }
        }
        for (int i = 0; i + 1 < files.length; i += 2) {
            Path f = root.resolve("fs" + files[i]);
            Files.createDirectories(f.getParent());
            Files.writeString(f, files[i + 1]);
        }
        return new RecordedSystem(root);
    }

    /** A file read after 50-server.cnf (includedir reads in name order). */
    SystemView withServerCnf(String text) throws IOException {
        return host("/etc/mysql/mariadb.conf.d/90-test.cnf", text);
    }

    @Test
    void stockDebianListensOnLoopbackOnly() throws IOException {
        Outcome o = judge(new RecordedSystem(STOCK), "10.0.0.156", systemd());
        assertEquals(Verdict.FAIL, o.verdict(), said(o));
        assertTrue(o.summary().text().contains(SERVER_CNF + ":27: bind-address            = 127.0.0.1"), said(o));
        assertTrue(said(o).contains("version not needed"), "every deciding option is in [mysqld]: " + said(o));
    }

    @Test
    void clientGroupsNeedNoVersion() throws IOException {
        Outcome o = judge(
                withServerCnf("[client]\nport = 3307\n[mysqldump]\nbind-address = 1.2.3.4\n"), "127.0.0.1", systemd());
        assertTrue(said(o).contains("version not needed"), said(o));
    }

    @Test
    void versionDecidesTheGroupsWhenAnOptionIsInAVersionedGroup() throws IOException {
        Outcome o = judge(withServerCnf("[mariadb-10.11]\nbind-address = 0.0.0.0\n"), "10.0.0.156", systemd());
        assertEquals(Verdict.WARN, o.verdict(), said(o));
        assertTrue(said(o).contains("MariaDB 10.11.19"), said(o));
    }

    @Test
    void stockDebianWithoutClient() throws IOException {
        Outcome o = judge(new RecordedSystem(STOCK), null, systemd());
        assertEquals("fail.nobody", o.summary().key(), said(o));
        Outcome local = judge(new RecordedSystem(STOCK), null, systemd(), Exposure.LOCAL, null, 3306);
        assertEquals(Verdict.PASS, local.verdict(), said(local));
    }

    @Test
    void stockDebianLoopbackClientDependsOnAccounts() throws IOException {
        Outcome o = judge(new RecordedSystem(STOCK), "127.0.0.1", systemd());
        assertEquals(Verdict.WARN, o.verdict(), said(o));
        assertTrue(o.summary().text().contains("SELECT user, host FROM mysql.user"), said(o));
    }

    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of("bind all", "[mysqld]\nbind-address = 0.0.0.0\n", Verdict.WARN, "warn.client.accounts"),
                Arguments.of("bind *", "[mysqld]\nbind-address = *\n", Verdict.WARN, "warn.client.accounts"),
                Arguments.of(
                        "underscores and loose-",
                        "[mysqld]\nloose_bind_address=::\n",
                        Verdict.WARN,
                        "warn.client.accounts"),
                Arguments.of(
                        "an inline comment ends the value",
                        "[mysqld]\nbind-address = 0.0.0.0 # all\n",
                        Verdict.WARN,
                        "warn.client.accounts"),
                Arguments.of(
                        "quoted value", "[mysqld]\nbind-address = \"0.0.0.0\"\n", Verdict.WARN, "warn.client.accounts"),
                Arguments.of(
                        "skip-networking",
                        "[mysqld]\nbind-address = 0.0.0.0\nskip-networking\n",
                        Verdict.FAIL,
                        "fail.skip.networking"),
                Arguments.of(
                        "skip_networking = 0 is off",
                        "[mysqld]\nbind-address=0.0.0.0\nskip_networking = 0\n",
                        Verdict.WARN,
                        "warn.client.accounts"),
                Arguments.of("other port", "[mysqld]\nport = 3307\n", Verdict.FAIL, "fail.other.port"),
                Arguments.of(
                        "port 0 is the default",
                        "[mysqld]\nport = 0\nbind-address = 0.0.0.0\n",
                        Verdict.WARN,
                        "warn.client.accounts"),
                Arguments.of(
                        "this version's group is read",
                        "[mysqld-10.11]\nbind-address = 0.0.0.0\n",
                        Verdict.WARN,
                        "warn.client.accounts"),
                Arguments.of(
                        "another version's group is not",
                        "[mysqld-10.6]\nbind-address = 0.0.0.0\n",
                        Verdict.FAIL,
                        "fail.client"),
                Arguments.of(
                        "[mariadb] is read",
                        "[mariadb]\nbind-address = 0.0.0.0\n",
                        Verdict.WARN,
                        "warn.client.accounts"),
                Arguments.of(
                        "[client] is not the server's",
                        "[client]\nbind-address = 0.0.0.0\n",
                        Verdict.FAIL,
                        "fail.client"),
                Arguments.of(
                        "a loopback list", "[mysqld]\nbind-address = 127.0.0.1,::1\n", Verdict.FAIL, "fail.client"),
                Arguments.of(
                        "a list with the LAN address (10.11)",
                        "[mysqld]\nbind-address = 127.0.0.1,10.0.0.154\n",
                        Verdict.WARN,
                        "warn.client.accounts"),
                Arguments.of(
                        "skip-grant-tables",
                        "[mysqld]\nbind-address = 0.0.0.0\nskip-grant-tables\n",
                        Verdict.PASS,
                        "pass.client.nogrants"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void variantsForARemoteClient(String name, String cnf, Verdict verdict, String key) throws IOException {
        Outcome o = judge(withServerCnf(cnf), "10.0.0.156", systemd());
        assertEquals(verdict, o.verdict(), name + "\n" + said(o));
        assertEquals(key, o.summary().key(), name + "\n" + said(o));
    }

    @Test
    void etcMyCnfIsReadFirstAndMysqlMyCnfWins() throws IOException {
        SystemView sys = host("/etc/my.cnf", "[mysqld]\nbind-address = 0.0.0.0\n");
        assertEquals(Verdict.FAIL, judge(sys, "10.0.0.156", systemd()).verdict());
        SystemView only = host("/etc/my.cnf", "[mysqld]\nbind-address = 0.0.0.0\n", "/etc/mysql/my.cnf", "");
        Outcome o = judge(only, "10.0.0.156", systemd());
        assertEquals(Verdict.WARN, o.verdict(), said(o));
    }

    @Test
    void defaultsFileAndCommandLineOfTheRunningServer() throws IOException {
        SystemView sys = host("/srv/db/my.cnf", "[mysqld]\nbind-address = 127.0.0.1\nport = 3310\n");
        Optional<ProcessInfo> d = Optional.of(new ProcessInfo(
                9,
                1,
                "mysql",
                null,
                "mariadbd",
                "/usr/sbin/mariadbd",
                List.of("/usr/sbin/mariadbd", "--defaults-file=/srv/db/my.cnf", "--bind-address=0.0.0.0")));
        Outcome o = judge(sys, "10.0.0.156", d, Exposure.LAN, null, 3310);
        assertEquals(Verdict.WARN, o.verdict(), said(o));
        assertTrue(said(o).contains("/proc/9/cmdline:2"), said(o));
        assertTrue(said(o).contains("only it is read"), said(o));
    }

    @Test
    void hostNotBoundIsFail() throws IOException {
        Outcome o = judge(
                withServerCnf("[mysqld]\nbind-address = 172.16.5.1\n"),
                "10.0.0.156",
                systemd(),
                Exposure.LAN,
                "10.0.0.154",
                3306);
        assertEquals("fail.bind.host", o.summary().key(), said(o));
    }

    @Test
    void errorLogLinesAboutTheClientAreQuoted() throws IOException {
        String line = "2026-11-30 23:01:02 5 [Warning] Host '10.0.0.156' is not allowed to connect";
        SystemView sys = host(
                "/etc/mysql/mariadb.conf.d/90-test.cnf",
                "[mysqld]\nbind-address = 0.0.0.0\nlog_error = /var/log/mysql/error.log\n",
                "/var/log/mysql/error.log",
                "starting\n" + line + "\nother\n");
        Outcome o = judge(sys, "10.0.0.156", systemd());
        assertEquals(Verdict.WARN, o.verdict(), said(o));
        assertTrue(o.summary().text().contains("/var/log/mysql/error.log:2: " + line), said(o));
        SystemView maria = host(
                "/etc/mysql/mariadb.conf.d/90-test.cnf",
                "[mysqld]\nbind-address = 0.0.0.0\nlog_error = /var/log/mysql/error.log\n",
                "/var/log/mysql/error.log",
                "2026-11-30 22:58:12 5 [Warning] Aborted connection 5 to db: 'unconnected'"
                        + " user: 'unauthenticated' host: '10.0.0.156' (This connection closed normally without"
                        + " authentication)\n");
        assertTrue(judge(maria, "10.0.0.156", systemd()).summary().text().contains("the error log says"));
        Outcome other = judge(sys, "10.0.0.157", systemd());
        assertTrue(said(other).contains("no refusal of 10.0.0.157"), said(other));
    }

    @Test
    void withoutClientSaysWhoGetsIn() throws IOException {
        Outcome o = judge(withServerCnf("[mysqld]\nbind-address = 0.0.0.0\n"), null, systemd());
        assertEquals(Verdict.WARN, o.verdict(), said(o));
        assertEquals("warn.accounts", o.summary().key());
    }

    static Stream<Arguments> hostile() {
        return Stream.of(
                Arguments.of(
                        "include loop",
                        new String[] {
                            "/etc/mysql/mariadb.conf.d/90-test.cnf", "!include /etc/mysql/mariadb.conf.d/90-test.cnf\n"
                        },
                        "already being read"),
                Arguments.of(
                        "binary", new String[] {"/etc/mysql/mariadb.conf.d/90-test.cnf", "[mysqld]\0\0"}, "binary"),
                Arguments.of(
                        "huge",
                        new String[] {"/etc/mysql/mariadb.conf.d/90-test.cnf", "#\n".repeat(600_000)},
                        "characters"),
                Arguments.of(
                        "option before a group",
                        new String[] {"/etc/mysql/mariadb.conf.d/90-test.cnf", "bind-address = 0.0.0.0\n"},
                        "without a preceding group"),
                Arguments.of(
                        "device include",
                        new String[] {"/etc/mysql/mariadb.conf.d/90-test.cnf", "!include /dev/zero\n"},
                        "device"),
                Arguments.of(
                        "unreadable",
                        new String[] {"/etc/mysql/mariadb.conf.d/90-test.cnf", "[mysqld]\n"},
                        "permission denied"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void hostileFilesEndInUnknown(String name, String[] files, String words) throws IOException {
        SystemView sys = host(files);
        if (name.equals("unreadable")) {
            Files.writeString(tmp.resolve("host/denied.txt"), files[0] + "\n");
            sys = new RecordedSystem(tmp.resolve("host"));
        }
        Outcome o = judge(sys, "10.0.0.156", systemd());
        assertEquals(Verdict.UNKNOWN, o.verdict(), name + "\n" + said(o));
        assertTrue(o.summary().text().contains(words), said(o));
    }

    @Test
    void deepIncludesStopAtTheServersLimit() throws IOException {
        String[] files = new String[2 * 12];
        for (int i = 0; i < 12; i++) {
            files[2 * i] = "/etc/mysql/d" + i + ".cnf";
            files[2 * i + 1] = "!include /etc/mysql/d" + (i + 1) + ".cnf\n";
        }
        String[] all = Stream.concat(
                        Stream.of(files),
                        Stream.of("/etc/mysql/mariadb.conf.d/90-test.cnf", "!include /etc/mysql/d0.cnf\n"))
                .toArray(String[]::new);
        Outcome o = judge(host(all), "10.0.0.156", systemd());
        assertEquals(Verdict.UNKNOWN, o.verdict(), said(o));
        assertTrue(o.summary().text().contains("deeper than 10"), said(o));
    }

    @Test
    void configStepRunsThisJudgeForTheBuiltInProfile() throws IOException {
        ServiceProfile mysql = ProfileLoader.builtIn().stream()
                .filter(p -> p.name().equals("mysql"))
                .findFirst()
                .orElseThrow();
        Target t = Target.of("mysql", 3306).withProfile(mysql).withClient(InetAddress.getByName("10.0.0.156"));
        Outcome o = new ConfigCheck().run(new CheckContext(new RecordedSystem(STOCK), t));
        assertEquals(Verdict.FAIL, o.verdict(), said(o));
        assertEquals("fail.client", o.summary().key(), said(o));
    }
}
