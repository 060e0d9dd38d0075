package io.portdoc.core.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.portdoc.core.host.ProcessInfo;
import io.portdoc.core.host.RealSystem;
import java.io.IOException;
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
