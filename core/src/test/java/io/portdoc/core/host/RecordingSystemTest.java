package io.portdoc.core.host;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a diagnosis reads through a {@link RecordingSystem} replays the same from the directory it
 * writes, and what is not configuration (keys, password files, environments, secrets on command
 * lines) never reaches that directory.
 */
class RecordingSystemTest {
    static final String KEY = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----\n";

    @TempDir
    Path tmp;

    Path source;
    RecordingSystem rec;

    @BeforeEach
    void host() throws IOException {
        source = tmp.resolve("source");
        write("fs/etc/app/app.conf", "Listen 80\nInclude sites/*.conf\n");
        write("fs/etc/app/sites/a.conf", "Allow from 10.0.0\n");
        write("fs/etc/app/sites/unread.conf", "never read\n");
        write("fs/etc/app/tls.conf", "# the key inline\n" + KEY);
        write("fs/etc/ssl/private/server.key", KEY);
        write("fs/etc/app/.htpasswd", "admin:$apr1$xyz\n");
        write("fs/etc/shadow", "root:$6$hash:19000::::::\n");
        write("fs/proc/7/environ", "PATH=/usr/bin\0APACHE_CONFDIR=/etc/app\0DB_PASSWORD=hunter2\0HOME=/root\0");
        Files.createDirectories(source.resolve("fs/proc/7/fd"));
        Files.createSymbolicLink(source.resolve("fs/proc/7/fd/3"), Path.of("socket:[5]"));
        Files.createSymbolicLink(source.resolve("fs/proc/7/cwd"), Path.of("/var/lib/app"));
        Files.createDirectories(source.resolve("fs/etc/app/enabled"));
        Files.createSymbolicLink(source.resolve("fs/etc/app/enabled/a.conf"), Path.of("../sites/a.conf"));
        write(
                "processes.json",
                "[{\"pid\":7,\"ppid\":1,\"user\":\"root\",\"comm\":\"app\","
                        + "\"executable\":\"/usr/sbin/app\",\"argv\":[\"/usr/sbin/app\",\"--password=hunter2\",\"-f\","
                        + "\"/etc/app/app.conf\"]}]");
        write("commands/nft -j list ruleset.out", "{\"nftables\":[]}");
        write("commands/iptables-save.out", "");
        write("commands/iptables-save.err", "iptables-save: permission denied\n");
        write("commands/iptables-save.rc", "1\n");
        write("hosts", "10.0.0.154 boven boven.lan\n");
        write("reverse.txt", "10.0.0.9 -\n");
        write("addresses.txt", "127.0.0.1\n10.0.0.154\n");
        write("connect.txt", "10.0.0.154 80 open\n127.0.0.1 80 java.net.ConnectException: Connection refused\n");
        write("host.properties", "hostname=boven\nuser=root\nprivileged=true\n");
        write("fs/var/www/.htaccess", "Require all granted\n");
        write("stat.txt", "/var/www/.htaccess 0 0 0\n/var/www 33 33 750\n");
        rec = new RecordingSystem(new RecordedSystem(source));
    }

    private void write(String name, String content) throws IOException {
        Path p = source.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private RecordedSystem replay() throws IOException {
        Path out = tmp.resolve("out");
        rec.recording().writeTo(out);
        return new RecordedSystem(out);
    }

    @Test
    void whatWasReadReplaysTheSame() throws IOException {
        Path conf = Path.of("/etc/app/app.conf");
        rec.readFile(conf);
        rec.list(Path.of("/etc/app/sites"));
        rec.readFile(Path.of("/etc/app/sites/a.conf"));
        rec.readLink(Path.of("/proc/7/fd/3"));
        rec.readLink(Path.of("/proc/7/cwd"));
        rec.realPath(Path.of("/etc/app/enabled/a.conf"));
        rec.readFile(Path.of("/etc/app/enabled/a.conf"));
        List<String> nft = List.of("/usr/sbin/nft", "-j", "list", "ruleset");
        List<String> save = List.of("/usr/sbin/iptables-save");
        List<String> missing = List.of("/usr/sbin/ss", "-tln");
        rec.run(nft, Duration.ofSeconds(1));
        rec.run(save, Duration.ofSeconds(1));
        rec.run(missing, Duration.ofSeconds(1));
        rec.resolve("boven");
        rec.reverse(InetAddress.getByName("10.0.0.154"));
        rec.reverse(InetAddress.getByName("10.0.0.9"));
        rec.localAddresses();
        rec.processes();
        InetSocketAddress open = new InetSocketAddress(InetAddress.getByName("10.0.0.154"), 80);
        InetSocketAddress refused = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 80);
        rec.connect(open, Duration.ofSeconds(1));
        assertThrows(ConnectException.class, () -> rec.connect(refused, Duration.ofSeconds(1)));

        RecordedSystem r = replay();
        assertEquals("Listen 80\nInclude sites/*.conf\n", r.readFile(conf));
        assertEquals(List.of("a.conf", "unread.conf"), r.list(Path.of("/etc/app/sites")));
        assertEquals("", r.readFile(Path.of("/etc/app/sites/unread.conf")), "listed, never read: a name only");
        assertEquals(Optional.of("socket:[5]"), r.readLink(Path.of("/proc/7/fd/3")));
        assertEquals(Optional.of("/var/lib/app"), r.readLink(Path.of("/proc/7/cwd")));
        assertEquals(Path.of("/etc/app/sites/a.conf"), r.realPath(Path.of("/etc/app/enabled/a.conf")));
        assertEquals("Allow from 10.0.0\n", r.readFile(Path.of("/etc/app/enabled/a.conf")));
        assertEquals("{\"nftables\":[]}", r.run(nft, Duration.ofSeconds(1)).stdout());
        assertEquals(1, r.run(save, Duration.ofSeconds(1)).exitCode());
        assertTrue(r.run(save, Duration.ofSeconds(1)).permissionDenied());
        assertTrue(r.run(missing, Duration.ofSeconds(1)).notFound());
        assertEquals(List.of(InetAddress.getByName("10.0.0.154")), r.resolve("boven"));
        assertEquals(Optional.of("boven"), r.reverse(InetAddress.getByName("10.0.0.154")));
        assertEquals(Optional.empty(), r.reverse(InetAddress.getByName("10.0.0.9")));
        assertEquals(rec.localAddresses(), r.localAddresses());
        assertEquals("boven", r.hostname());
        r.connect(open, Duration.ofSeconds(1));
        assertThrows(ConnectException.class, () -> r.connect(refused, Duration.ofSeconds(1)));
        assertEquals(7, r.processes().get(0).pid());
    }

    @Test
    void theDirectoryNeverLinksOutsideItself() throws IOException {
        rec.readLink(Path.of("/proc/7/cwd"));
        rec.readLink(Path.of("/proc/7/fd/3"));
        rec.realPath(Path.of("/etc/app/enabled/a.conf"));
        Path out = tmp.resolve("out");
        rec.recording().writeTo(out);
        Path real = out.toRealPath();
        try (Stream<Path> s = Files.walk(out)) {
            for (Path p : s.filter(Files::isSymbolicLink).toList()) {
                assertFalse(Files.readSymbolicLink(p).isAbsolute(), p.toString());
                Path resolved = p.getParent().resolve(Files.readSymbolicLink(p)).normalize();
                assertTrue(resolved.startsWith(real) || resolved.startsWith(out), p + " leads outside");
            }
        }
    }

    @Test
    void keysPasswordFilesAndShadowAreNeverCaptured() throws IOException {
        for (String secret :
                List.of("/etc/ssl/private/server.key", "/etc/app/.htpasswd", "/etc/shadow", "/etc/app/tls.conf")) {
            rec.readFile(Path.of(secret)); // the live caller still gets it
        }
        RecordedSystem r = replay();
        for (String secret :
                List.of("/etc/ssl/private/server.key", "/etc/app/.htpasswd", "/etc/shadow", "/etc/app/tls.conf")) {
            assertThrows(AccessDeniedException.class, () -> r.readFile(Path.of(secret)), secret);
            assertTrue(rec.unreadable().containsKey(secret), secret);
        }
        assertTrue(rec.unreadable().get("/etc/app/tls.conf").contains("PEM private key"));
        assertTrue(rec.unreadable().get("/etc/shadow").contains("never captured"));
        assertNoSecretBytes(tmp.resolve("out"));
    }

    @Test
    void environmentsKeepOnlyTheValuesOfTheConfigLookupVariables() throws IOException {
        rec.readFile(Path.of("/proc/7/environ"));
        RecordedSystem r = replay();
        assertEquals(
                "PATH=***\0APACHE_CONFDIR=/etc/app\0DB_PASSWORD=***\0HOME=***\0",
                r.readFile(Path.of("/proc/7/environ")));
        assertNoSecretBytes(tmp.resolve("out"));
    }

    @Test
    void commandLinesAreMasked() throws IOException {
        assertEquals("--password=hunter2", rec.processes().get(0).argv().get(1), "the live caller sees it");
        RecordedSystem r = replay();
        assertEquals(
                List.of("/usr/sbin/app", "--password=***", "-f", "/etc/app/app.conf"),
                r.processes().get(0).argv());
        assertNoSecretBytes(tmp.resolve("out"));
    }

    @Test
    void unreadableFilesAreRecordedWithTheReason() throws IOException {
        write("denied.txt", "/etc/app/private.conf\n");
        write("fs/etc/app/private.conf", "x");
        rec = new RecordingSystem(new RecordedSystem(source));
        assertThrows(AccessDeniedException.class, () -> rec.readFile(Path.of("/etc/app/private.conf")));
        RecordedSystem r = replay();
        assertThrows(AccessDeniedException.class, () -> r.readFile(Path.of("/etc/app/private.conf")));
        assertEquals("permission denied for root", rec.unreadable().get("/etc/app/private.conf"));
    }

    private static void assertNoSecretBytes(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(p, ISO_8859_1);
                for (String secret : List.of("hunter2", "PRIVATE KEY", "$apr1$", "$6$hash")) {
                    assertFalse(text.contains(secret), p + " holds " + secret);
                }
            }
        }
    }

    /** Apache's run user is judged by owner and mode: a replay must see the mode-000 file the live run saw. */
    @Test
    void ownerAndModeReplayWithoutTheUnreadContent() throws IOException {
        assertEquals(
                Optional.of(new FileStat(0, 0, 0, FileStat.Type.REGULAR)), rec.stat(Path.of("/var/www/.htaccess")));
        assertEquals(Optional.of(new FileStat(33, 33, 0750, FileStat.Type.DIRECTORY)), rec.stat(Path.of("/var/www")));
        RecordedSystem replay = replay();
        assertEquals(
                Optional.of(new FileStat(0, 0, 0, FileStat.Type.REGULAR)), replay.stat(Path.of("/var/www/.htaccess")));
        assertEquals(
                Optional.of(new FileStat(33, 33, 0750, FileStat.Type.DIRECTORY)), replay.stat(Path.of("/var/www")));
        assertEquals("", replay.readFile(Path.of("/var/www/.htaccess")), "stat'ed, never read: an empty stand-in");
        assertThrows(IOException.class, () -> replay.stat(Path.of("/var/www/../../../../etc/passwd")));
    }
}
