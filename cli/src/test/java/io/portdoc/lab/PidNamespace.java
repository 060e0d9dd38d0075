package io.portdoc.lab;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PID namespace with its own {@code /proc} inside a lab network namespace, so that what runs
 * there (the lab's daemons, portdoc itself) sees only the lab's processes and not the machine's
 * (a system {@code apache2}, another user's, other test runs). One long-lived holder per
 * namespace ({@code ip netns exec NS unshare --pid --fork --mount-proc --kill-child bash}); every
 * daemon and every portdoc run enters it ({@code nsenter --target INIT --pid --mount --net}), so
 * they all share it and see each other. Its init is a bash loop, which reaps the daemons
 * orphaned when their nsenter exits. Closing the holder kills the init and with it everything in
 * the namespace.
 */
final class PidNamespace implements AutoCloseable {
    /** bash reaps every child it gets, orphans included; the sleep keeps it waiting. */
    private static final String INIT_LOOP = "while :; do sleep 3600 & wait $!; done";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Process holder;
    private final long init;

    private PidNamespace(Process holder, long init) {
        this.holder = holder;
        this.init = init;
    }

    /** Starts the holder in network namespace {@code ns}; returns once its init runs with the new /proc. */
    static PidNamespace start(String ns, Path log) {
        ProcessBuilder pb = new ProcessBuilder(
                        "ip",
                        "netns",
                        "exec",
                        ns,
                        Exec.which("unshare"),
                        "--pid",
                        "--fork",
                        "--mount-proc",
                        "--kill-child",
                        "/bin/bash",
                        "-c",
                        INIT_LOOP)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(new File("/dev/null"));
        Process holder;
        try {
            holder = pb.start();
        } catch (IOException e) {
            throw new LabNet.Unavailable("cannot start a PID namespace: " + e.getMessage());
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && holder.isAlive()) {
            // the child execs bash only after mounting its /proc, so bash running means it is ready
            var child =
                    holder.children().filter(c -> "bash".equals(comm(c.pid()))).findFirst();
            if (child.isPresent()) {
                return new PidNamespace(holder, child.get().pid());
            }
            LabNet.sleep(5);
        }
        holder.destroyForcibly();
        throw new LabNet.Unavailable("cannot start a PID namespace (unshare --pid --mount-proc): " + read(log));
    }

    /** The argv prefix that runs a command in this PID namespace, its /proc and its network namespace. */
    List<String> enter() {
        return List.of(Exec.which("nsenter"), "--target", Long.toString(init), "--pid", "--mount", "--net", "--");
    }

    /** True for the holder and the namespace's init: a reset between tests must leave them running. */
    boolean isHolder(long pid) {
        return pid == holder.pid() || pid == init;
    }

    /**
     * Waits (at most {@code timeout}) until nothing but the init and its sleep is left, killed
     * processes included: until their parent reaps them they are still in /proc, where portdoc
     * would count them (as "[apache2]" with an empty command line).
     */
    boolean awaitEmpty(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ProcessHandle> left = ProcessHandle.of(init).stream()
                    .flatMap(ProcessHandle::descendants)
                    .filter(h -> !(h.parent().map(p -> p.pid() == init).orElse(false) && "sleep".equals(comm(h.pid()))))
                    .toList();
            if (left.isEmpty()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            left.forEach(ProcessHandle::destroyForcibly);
            LabNet.sleep(10);
        }
    }

    boolean alive() {
        return holder.isAlive()
                && ProcessHandle.of(init).map(ProcessHandle::isAlive).orElse(false);
    }

    static String comm(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "comm"))
                    .strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log).strip();
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        holder.destroy(); // --kill-child: the init gets SIGKILL, and the kernel kills the rest of the namespace
        try {
            if (!holder.waitFor(3, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
                holder.waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ProcessHandle.of(init).ifPresent(ProcessHandle::destroyForcibly);
    }
}
