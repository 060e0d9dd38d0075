package io.portdoc.checks.config.redis;

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
 * The Redis engine on Debian's stock /etc/redis/redis.conf (redis-server 7.0.15, as apt installed
 * it) and on variants of it. Semantics from Redis 7.0's source: networking.c clientAcceptHandler
 * (protected mode: protected_mode and a default user flagged nopass, client not on loopback),
 * acl.c (requirepass, user lines, aclfile, ACLSetUser rules) and redis.conf's own comments (bind
 * with "-" optional addresses, default "* -::*").
 */
class RedisJudgeTest {
    static final Path STOCK = Path.of("src/test/resources/hosts/redis-debian");
    static final String STOCK_CONF = "/etc/redis/redis.conf";

    @TempDir
    Path tmp;

    static Outcome judge(SystemView sys, String client, Optional<ProcessInfo> daemon, Path config) throws IOException {
        return judge(sys, client, daemon, config, Exposure.LAN, null);
    }

    static Outcome judge(
            SystemView sys, String client, Optional<ProcessInfo> daemon, Path config, Exposure exposure, String host)
            throws IOException {
        ServiceProfile p = new ServiceProfile(
                "redis",
                null,
                List.of("redis-server"),
                List.of(),
                List.of(new ServiceProfile.PortSpec(6379, "tcp")),
                exposure,
                new ServiceProfile.ConfigSpec("redis", List.of(STOCK_CONF), null),
                null);
        Target t = Target.of("redis", 6379).withProfile(p).withConfigFile(config);
        if (client != null) {
            t = t.withClient(InetAddress.getByName(client));
        }
        if (host != null) {
            t = t.withHost(host);
        }
        return new RedisJudge().judge(new ConfigRequest(sys, t, daemon));
    }

    static Optional<ProcessInfo> retitled() {
        return Optional.of(new ProcessInfo(
                812,
                1,
                "redis",
                null,
                "redis-server",
                "/usr/bin/redis-server",
                List.of("/usr/bin/redis-server 127.0.0.1:6379")));
    }

    static String said(Outcome o) {
        return o.summary().text() + "\n" + o.evidence() + "\n" + o.hints();
    }

    /** A host whose /etc/redis/redis.conf is the stock file with {@code edit} applied, plus other files. */
    SystemView host(String extra, String... files) throws IOException {
        Path root = tmp.resolve("host");
        Path conf = root.resolve("fs/etc/redis/redis.conf");
        Files.createDirectories(conf.getParent());
        Files.writeString(conf, Files.readString(STOCK.resolve("fs" + STOCK_CONF)) + extra);
        for (int i = 0; i + 1 < files.length; i += 2) {
            Path f = root.resolve("fs" + files[i]);
            Files.createDirectories(f.getParent());
            Files.writeString(f, files[i + 1]);
        }
        Files.writeString(root.resolve("addresses.txt"), "10.0.0.154\n127.0.0.1\n::1\n");
        return new RecordedSystem(root);
    }

    @Test
    void stockDebianListensOnLoopbackOnly() throws IOException {
        Outcome o = judge(new RecordedSystem(STOCK), "10.0.0.156", retitled(), null);
        assertEquals(Verdict.FAIL, o.verdict(), said(o));
        assertTrue(o.summary().text().contains(STOCK_CONF + ":87: bind 127.0.0.1 -::1"), said(o));
        assertTrue(said(o).contains("hides its file"), said(o));
    }

    @Test
    void stockDebianWithoutClientSaysNobodyRemote() throws IOException {
        Outcome o = judge(new RecordedSystem(STOCK), null, retitled(), null);
        assertEquals(Verdict.FAIL, o.verdict(), said(o));
        assertEquals("fail.nobody", o.summary().key());
        Outcome local = judge(new RecordedSystem(STOCK), null, retitled(), null, Exposure.LOCAL, null);
        assertEquals(Verdict.PASS, local.verdict(), said(local));
    }

    @Test
    void stockDebianLetsLoopbackIn() throws IOException {
        assertEquals(
                Verdict.PASS,
                judge(new RecordedSystem(STOCK), "127.0.0.1", retitled(), null).verdict());
        assertEquals(
                Verdict.PASS,
                judge(new RecordedSystem(STOCK), "::1", retitled(), null).verdict());
    }

    /** Lines appended to the stock file (later lines win), a remote client, and the expected verdict. */
    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of("bind all, protected, no password", "bind * -::*\n", Verdict.FAIL, "fail.protected"),
                Arguments.of("bind all, requirepass", "bind * -::*\nrequirepass s3cret\n", Verdict.PASS, "pass.client"),
                Arguments.of(
                        "requirepass empty is no password",
                        "bind 0.0.0.0\nrequirepass \"\"\n",
                        Verdict.FAIL,
                        "fail.protected"),
                Arguments.of("protected-mode no", "bind * -::*\nprotected-mode no\n", Verdict.PASS, "pass.client"),
                Arguments.of(
                        "user default with a password",
                        "bind *\nuser default on >pw ~* +@all\n",
                        Verdict.PASS,
                        "pass.client"),
                Arguments.of(
                        "user default nopass after requirepass: the user line resets it",
                        "bind *\nrequirepass pw\nuser default on nopass ~* +@all\n",
                        Verdict.FAIL,
                        "fail.protected"),
                Arguments.of(
                        "user default without nopass: reset cleared the flag",
                        "bind *\nuser default on ~* +@all\n",
                        Verdict.PASS,
                        "pass.client"),
                Arguments.of(
                        "another user's password does not help",
                        "bind *\nuser alice on >pw ~* +@all\n",
                        Verdict.FAIL,
                        "fail.protected"),
                Arguments.of(
                        "resetpass clears nopass",
                        "bind *\nuser default on nopass resetpass ~* +@all\n",
                        Verdict.PASS,
                        "pass.client"),
                Arguments.of(
                        "bind to the LAN address", "bind 10.0.0.154\nprotected-mode no\n", Verdict.PASS, "pass.client"),
                Arguments.of(
                        "bind loopback list", "bind 127.0.0.1 ::1\nprotected-mode no\n", Verdict.FAIL, "fail.client"),
                Arguments.of("other port", "port 6380\n", Verdict.FAIL, "fail.other.port"),
                Arguments.of("port 0", "port 0\n", Verdict.FAIL, "fail.no.tcp"),
                Arguments.of(
                        "tls-port serves the target",
                        "port 0\ntls-port 6379\nbind *\nrequirepass x\n",
                        Verdict.PASS,
                        "pass.client"),
                Arguments.of("names are case-insensitive", "BIND *\nProtected-Mode no\n", Verdict.PASS, "pass.client"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void variantsForARemoteClient(String name, String extra, Verdict verdict, String key) throws IOException {
        Outcome o = judge(host(extra), "10.0.0.156", retitled(), null);
        assertEquals(verdict, o.verdict(), name + "\n" + said(o));
        assertEquals(key, o.summary().key(), name + "\n" + said(o));
    }

    @Test
    void protectedModeFailNamesBothLines() throws IOException {
        Outcome o = judge(host("bind * -::*\nrequirepass \"\"\n"), "10.0.0.156", retitled(), null);
        assertTrue(o.summary().text().contains(STOCK_CONF + ":111: protected-mode yes"), said(o));
        assertTrue(o.summary().text().contains(STOCK_CONF + ":2278: requirepass \"\""), said(o));
    }

    @Test
    void aclFileDecidesTheDefaultUser() throws IOException {
        String extra = "bind *\nrequirepass ignored\naclfile /etc/redis/users.acl\n";
        Outcome withPw = judge(
                host(extra, "/etc/redis/users.acl", "user default on #" + "a".repeat(64) + " ~* +@all\n"),
                "10.0.0.156",
                retitled(),
                null);
        assertEquals(Verdict.PASS, withPw.verdict(), said(withPw));
        Outcome noDefault = judge(
                host(extra, "/etc/redis/users.acl", "user alice on >pw ~* +@all\n"), "10.0.0.156", retitled(), null);
        assertEquals(Verdict.FAIL, noDefault.verdict(), said(noDefault));
        assertTrue(noDefault.summary().text().contains("aclfile /etc/redis/users.acl"), said(noDefault));
    }

    @Test
    void unreadableAclFileIsUnknownForRemoteClients() throws IOException {
        SystemView sys = host("bind *\naclfile /etc/redis/users.acl\n", "/etc/redis/users.acl", "user default on >x\n");
        Files.writeString(tmp.resolve("host/denied.txt"), "/etc/redis/users.acl\n");
        sys = new RecordedSystem(tmp.resolve("host"));
        Outcome o = judge(sys, "10.0.0.156", retitled(), null);
        assertEquals(Verdict.UNKNOWN, o.verdict(), said(o));
        assertTrue(o.hints().stream().anyMatch(h -> h.key().equals("hint.run.as.root")), said(o));
        assertEquals(Verdict.PASS, judge(sys, "127.0.0.1", retitled(), null).verdict());
    }

    @Test
    void daemonArgumentAndCommandLineOptionsWin() throws IOException {
        SystemView sys = host("", "/srv/r/redis.conf", "bind 127.0.0.1\nport 7000\n");
        Optional<ProcessInfo> d = Optional.of(new ProcessInfo(
                90,
                1,
                "redis",
                null,
                "redis-server",
                "/usr/bin/redis-server",
                List.of("redis-server", "/srv/r/redis.conf", "--port", "6379", "--bind", "*", "--requirepass", "x")));
        Outcome o = judge(sys, "10.0.0.156", d, null);
        assertEquals(Verdict.PASS, o.verdict(), said(o));
        assertTrue(said(o).contains("/proc/90/cmdline"), said(o));
    }

    @Test
    void includeIsReadInPlaceAndLaterLinesWin() throws IOException {
        SystemView sys = host(
                "include /etc/redis/conf.d/*.conf\nport 6379\n",
                "/etc/redis/conf.d/10-net.conf",
                "bind *\nport 7777\n",
                "/etc/redis/conf.d/20-auth.conf",
                "requirepass pw\n");
        Outcome o = judge(sys, "10.0.0.156", retitled(), null);
        assertEquals(Verdict.PASS, o.verdict(), said(o));
        assertTrue(said(o).contains("3 files"), said(o));
    }

    @Test
    void hostNotBoundIsFail() throws IOException {
        Outcome o = judge(
                host("bind 172.16.5.1\nprotected-mode no\n"),
                "10.0.0.156",
                retitled(),
                null,
                Exposure.LAN,
                "10.0.0.154");
        assertEquals(Verdict.FAIL, o.verdict(), said(o));
        assertEquals("fail.bind.host", o.summary().key());
    }

    @Test
    void withoutClientSaysWhoGetsIn() throws IOException {
        Outcome o = judge(host("bind *\nrequirepass pw\n"), null, retitled(), null);
        assertEquals(Verdict.PASS, o.verdict(), said(o));
        assertTrue(o.summary().text().contains("AUTH"), said(o));
        Outcome p = judge(host("bind *\n"), null, retitled(), null);
        assertEquals(Verdict.FAIL, p.verdict(), said(p));
        assertTrue(p.summary().text().contains("protected-mode yes"), said(p));
    }

    @Test
    void olderRedisIgnoresProtectedModeWithABindLine() throws IOException {
        SystemView sys = host("bind 10.0.0.154\n", "/usr/bin/redis-server", "");
        Path cmd = tmp.resolve("host/commands");
        Files.createDirectories(cmd);
        Files.writeString(cmd.resolve("_usr_bin_redis-server --version.out"), "Redis server v=6.0.16 sha=0 bits=64\n");
        sys = new RecordedSystem(tmp.resolve("host"));
        Outcome o = judge(sys, "10.0.0.156", retitled(), null);
        assertEquals(Verdict.PASS, o.verdict(), said(o));
    }

    static Stream<Arguments> hostile() {
        return Stream.of(
                Arguments.of("include loop", "include /etc/redis/redis.conf\n", new String[0], "already being read"),
                Arguments.of(
                        "binary include",
                        "include /etc/redis/bin.conf\n",
                        new String[] {"/etc/redis/bin.conf", "port\0\0\0"},
                        "binary"),
                Arguments.of(
                        "huge include",
                        "include /etc/redis/big.conf\n",
                        new String[] {"/etc/redis/big.conf", "# x\n".repeat(300_000)},
                        "characters"),
                Arguments.of("device include", "include /dev/zero\n", new String[0], "device"),
                Arguments.of("unbalanced quotes", "requirepass \"abc\n", new String[0], "unbalanced"),
                Arguments.of("missing include", "include /etc/redis/nope.conf\n", new String[0], "does not exist"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void hostileFilesEndInUnknown(String name, String extra, String[] files, String words) throws IOException {
        Outcome o = judge(host(extra, files), "10.0.0.156", retitled(), null);
        assertEquals(Verdict.UNKNOWN, o.verdict(), said(o));
        assertTrue(o.summary().text().contains(words), said(o));
    }

    @Test
    void deepIncludesStopAtTheLimit() throws IOException {
        String[] files = new String[2 * 40];
        for (int i = 0; i < 40; i++) {
            files[2 * i] = "/etc/redis/d" + i + ".conf";
            files[2 * i + 1] = "include /etc/redis/d" + (i + 1) + ".conf\n";
        }
        Outcome o = judge(host("include /etc/redis/d0.conf\n", files), "10.0.0.156", retitled(), null);
        assertEquals(Verdict.UNKNOWN, o.verdict(), said(o));
        assertTrue(o.summary().text().contains("deeper than"), said(o));
    }

    @Test
    void noConfigurationIsUnknown() throws IOException {
        Files.createDirectories(tmp.resolve("empty"));
        Outcome o = judge(new RecordedSystem(tmp.resolve("empty")), "10.0.0.156", Optional.empty(), null);
        assertEquals(Verdict.UNKNOWN, o.verdict(), said(o));
        assertEquals("unknown.not.found", o.summary().key());
    }

    @Test
    void configStepRunsThisJudgeForTheBuiltInProfile() throws IOException {
        ServiceProfile redis = ProfileLoader.builtIn().stream()
                .filter(p -> p.name().equals("redis"))
                .findFirst()
                .orElseThrow();
        Target t = Target.of("redis", 6379).withProfile(redis).withClient(InetAddress.getByName("10.0.0.156"));
        Outcome o = new ConfigCheck().run(new CheckContext(new RecordedSystem(STOCK), t));
        assertEquals(Verdict.FAIL, o.verdict(), said(o));
        assertEquals("fail.client", o.summary().key(), said(o));
    }
}
