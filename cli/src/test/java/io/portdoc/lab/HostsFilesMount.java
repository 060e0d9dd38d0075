package io.portdoc.lab;

import io.portdoc.core.host.RealSystem;
import io.portdoc.core.host.SystemView;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A lab's own /etc/hosts.allow and /etc/hosts.deny without touching the host's: a program is
 * started through {@link #wrapper()} ({@code unshare -m} with private propagation, then bind
 * mounts of the two files over /etc's, visible to that process only); {@link #system()} is the
 * real host for an engine in the test JVM, with the two files read from the lab instead.
 */
record HostsFilesMount(Path allow, Path deny) {
    static HostsFilesMount write(Path dir, String allow, String deny) throws IOException {
        Path a = Files.writeString(dir.resolve("hosts.allow"), allow);
        Path d = Files.writeString(dir.resolve("hosts.deny"), deny);
        a.toFile().setReadable(true, false);
        d.toFile().setReadable(true, false);
        return new HostsFilesMount(a, d);
    }

    /** Skips the calling test when unshare or mount is missing, or /etc has no hosts.allow / hosts.deny to cover. */
    static void require() {
        LabNet.requireTool("unshare");
        LabNet.requireTool("mount");
        Lab.require(
                Files.exists(Path.of("/etc/hosts.allow")) && Files.exists(Path.of("/etc/hosts.deny")),
                "no /etc/hosts.allow and /etc/hosts.deny to bind-mount over (Debian: libwrap0)");
    }

    /** argv prefix: run the rest in a mount namespace where /etc/hosts.{allow,deny} are the lab's. */
    List<String> wrapper() {
        return List.of(
                Exec.which("unshare"),
                "-m",
                "--propagation",
                "private",
                "/bin/sh",
                "-c",
                "mount --bind \"$1\" /etc/hosts.allow && mount --bind \"$2\" /etc/hosts.deny && shift 2 && exec \"$@\"",
                "sh",
                allow.toString(),
                deny.toString());
    }

    String[] wrap(String... argv) {
        List<String> all = new ArrayList<>(wrapper());
        all.addAll(List.of(argv));
        return all.toArray(String[]::new);
    }

    /** The real host for an engine, except that /etc/hosts.allow and /etc/hosts.deny are the lab's. */
    SystemView system() {
        RealSystem real = new RealSystem();
        InvocationHandler h = (proxy, m, args) -> {
            if (m.getName().equals("readFile") || m.getName().equals("exists")) {
                Path p = (Path) args[0];
                if (p.equals(Path.of("/etc/hosts.allow"))) {
                    args = new Object[] {allow};
                } else if (p.equals(Path.of("/etc/hosts.deny"))) {
                    args = new Object[] {deny};
                }
            }
            try {
                return m.isDefault() ? InvocationHandler.invokeDefault(proxy, m, args) : m.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (SystemView)
                Proxy.newProxyInstance(SystemView.class.getClassLoader(), new Class<?>[] {SystemView.class}, h);
    }
}
