package io.portdoc.core.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.portdoc.core.host.ProcessInfo;
import io.portdoc.core.host.RealSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote scripts run by this machine's own /bin/sh (as sshd would run them on a server), and
 * their output parsed as over SSH: it must agree with what {@link RealSystem} reads directly.
 */
class ScriptsTest {
    static final String NONCE = "0123456789abcdef0123456789abcdef";

    static byte[] sh(String script, List<String> args) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh");
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", script, "sh"));
        argv.addAll(args);
        Process p = new ProcessBuilder(argv)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor();
        return out;
    }

    /** The hello's preload with {@code SSH_CONNECTION} set as sshd sets it; snapshot and trees left out. */
    static String helloPreload(String sshConnection) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh");
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", Scripts.HELLO, "sh"));
        argv.addAll(List.of(NONCE, "-", "true", "true", Scripts.PRELOAD, "echo route @client\necho always", "--"));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("SSH_CONNECTION", sshConnection);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor();
        return new String(out, StandardCharsets.ISO_8859_1).replace('\0', '|');
    }

    /** @client becomes the address the connection comes from; anything but an address drops that command. */
    @Test
    void theClientsAddressIsFilledInOnTheServer() throws Exception {
        String ok = helloPreload("10.1.2.3 51000 10.0.0.154 22");
        assertTrue(ok.contains("|" + NONCE + "|cmd|/usr/bin/echo route 10.1.2.3|route 10.1.2.3\n"), ok);
        assertTrue(ok.contains("|cmd|/usr/bin/echo always|always\n"), ok);
        String v6 = helloPreload("fd00::5 51000 fd00::154 22");
        assertTrue(v6.contains("|cmd|/usr/bin/echo route fd00::5|route fd00::5\n"), v6);
        String hostile = helloPreload("10.1.2.3/;touch${IFS}x 51000 10.0.0.154 22");
        assertFalse(hostile.contains("route"), hostile);
        assertTrue(hostile.contains("|cmd|/usr/bin/echo always|always\n"), hostile);
        assertFalse(helloPreload("").contains("route"));
    }

    @Test
    void theSnapshotSeesThisJvmAsRealSystemDoes() throws Exception {
        RemoteFiles files = new RemoteFiles();
        List<ProcessInfo> all = ProcSnapshot.parse(sh(Scripts.SNAPSHOT, List.of(NONCE)), NONCE, files);
        long me = ProcessHandle.current().pid();
        ProcessInfo viaSsh = all.stream().filter(p -> p.pid() == me).findFirst().orElseThrow();
        ProcessInfo direct = new RealSystem()
                .processes().stream().filter(p -> p.pid() == me).findFirst().orElseThrow();
        assertEquals(direct.argv(), viaSsh.argv());
        assertEquals(direct.comm(), viaSsh.comm());
        assertEquals(direct.ppid(), viaSsh.ppid());
        assertEquals(direct.user(), viaSsh.user());
        assertEquals(direct.executable(), viaSsh.executable());
        // start times: boot time in seconds plus clock ticks, so within a second
        assertTrue(
                Math.abs(direct.startTime().toEpochMilli() - viaSsh.startTime().toEpochMilli()) < 1500);
        // the socket links of our own descriptors and the socket table come with it
        RemoteFiles.Node fd = files.get("/proc/" + me + "/fd");
        assertTrue(fd.listed && !fd.children.isEmpty());
        String first = fd.children.first();
        assertEquals(
                Files.readSymbolicLink(Path.of("/proc/" + me + "/fd/" + first)).toString(),
                files.get("/proc/" + me + "/fd/" + first).content);
        assertTrue(files.get("/proc/net/tcp").content.startsWith("  sl"));
    }

    @Test
    void aTreeIsReadInOneGo(@TempDir Path dir) throws Exception {
        Path conf = Files.createDirectories(dir.resolve("etc/app/conf.d"));
        Files.writeString(dir.resolve("etc/app/main.conf"), "Include conf.d/*.conf\n");
        Files.write(conf.resolve("a.conf"), new byte[] {'x', 0, (byte) 0xff, '\n'});
        Files.writeString(conf.resolve("big.conf"), "y".repeat(5000));
        Files.createSymbolicLink(conf.resolve("link.conf"), conf.resolve("a.conf"));
        Files.createSymbolicLink(conf.resolve("loop"), dir.resolve("etc/app")); // find -L stops at loops
        String root = dir.resolve("etc/app").toString();
        byte[] out = sh(Scripts.DESCRIBE, List.of(NONCE, "tree", "4096", root));
        RemoteFiles files = new RemoteFiles();
        for (String chunk : Frames.split(out, NONCE)) {
            String[] f = Frames.fields(chunk, 5);
            if (f[0].equals("e")) {
                files.entry(Frames.name(f[3]), f[1], Long.parseLong(f[2]), true);
            } else if (f[0].equals("data")) {
                String[] d = Frames.fields(chunk, 3);
                files.node(Frames.name(d[1])).content = d[2];
            }
        }
        files.complete(root);
        assertEquals("Include conf.d/*.conf\n", files.get(root + "/main.conf").content);
        assertEquals("x\0\u00ff\n", files.get(root + "/conf.d/a.conf").content, "bytes kept, NUL included");
        assertEquals("x\0\u00ff\n", files.get(root + "/conf.d/link.conf").content, "links followed");
        assertNull(files.get(root + "/conf.d/big.conf").content, "over the cap: read on demand");
        assertEquals(5000, files.get(root + "/conf.d/big.conf").size);
        // a link back up the tree is a loop: find reports it and leaves it out, so the walk ends
        assertEquals(List.of("a.conf", "big.conf", "link.conf"), List.copyOf(files.get(root + "/conf.d").children));
        assertTrue(files.get(root + "/nothing.conf").missing, "below a complete tree, unseen is missing");
    }
}
