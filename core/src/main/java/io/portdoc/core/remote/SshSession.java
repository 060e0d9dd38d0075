package io.portdoc.core.remote;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * One multiplexed OpenSSH connection: the system's {@code /usr/bin/ssh} (so {@code ~/.ssh/config},
 * the agent, keys, ProxyJump and known_hosts apply, as with {@code ssh HOST}) with
 * {@code BatchMode=yes}, a ControlMaster started once in a private (0700) temporary directory and
 * every command sent over it. Host-key checking is left as the user configured it: portdoc never
 * weakens it. {@link #close} ends the master ({@code ssh -O exit}) and removes the directory.
 */
public final class SshSession implements AutoCloseable {
    public static final Path SSH = Path.of("/usr/bin/ssh");
    /** Largest output kept from one remote command: a config tree or a process snapshot. */
    static final int MAX_OUTPUT = 64 << 20;

    private final SshAddress address;
    private final List<String> options;
    private final Path dir;
    private final Path control;
    private boolean open;

    /** The raw outcome of one remote command; exit 255 is SSH's own failure. */
    public record Result(int exit, byte[] out, String err, boolean timedOut) {
        public String text() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    /**
     * @param options extra ssh options placed before the destination ({@code -F FILE} in tests);
     *     never ones that weaken host-key checking
     */
    public SshSession(SshAddress address, List<String> options) {
        this.address = address;
        this.options = List.copyOf(options);
        try {
            this.dir = Files.createTempDirectory(
                    "portdoc-ssh-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.control = dir.resolve("cm");
    }

    public SshAddress address() {
        return address;
    }

    /** Starts the master connection: authentication happens here, once. */
    public void open(Duration timeout) {
        List<String> argv = base();
        argv.addAll(List.of("-o", "ControlMaster=yes", "-o", "ControlPersist=60", "-N", "-f"));
        argv.addAll(address.sshArgs());
        // the master stays in the background with our stderr: a pipe would never reach EOF
        Path log = dir.resolve("master.err");
        ProcessBuilder pb = new ProcessBuilder(argv)
                .redirectInput(new File("/dev/null"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(log.toFile());
        try {
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new SshException(
                        "ssh " + address + ": no connection within " + timeout.toSeconds() + " s", false);
            }
            if (p.exitValue() != 0) {
                throw new SshException("ssh " + address + ": " + lastLine(Files.readString(log)), false);
            }
            open = true;
        } catch (IOException e) {
            throw new SshException("ssh " + address + ": cannot run " + SSH + ": " + e.getMessage(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SshException("ssh " + address + ": interrupted", false);
        }
    }

    /** Runs one command line on the server (a fixed script, arguments quoted by the caller). */
    public Result exec(String command, Duration timeout) {
        List<String> argv = base();
        argv.addAll(List.of("-o", "ControlMaster=no", "-T"));
        argv.addAll(address.sshArgs());
        argv.add(command);
        ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(new File("/dev/null"));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new SshException("ssh " + address + ": cannot run " + SSH + ": " + e.getMessage(), false);
        }
        CompletableFuture<byte[]> out = drain(p.getInputStream());
        CompletableFuture<byte[]> err = drain(p.getErrorStream());
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            boolean done = p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (!done) {
                p.destroyForcibly();
            }
            long left = Math.max(1, deadline - System.nanoTime());
            byte[] o = out.get(left, TimeUnit.NANOSECONDS);
            byte[] e = err.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return new Result(done ? p.exitValue() : -1, o, new String(e, StandardCharsets.UTF_8), !done);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return new Result(-1, new byte[0], "interrupted", true);
        } catch (ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            return new Result(-1, new byte[0], "", true);
        }
    }

    /** The one-line reason of an SSH failure (exit 255) for the user. */
    public String failure(Result r) {
        return "ssh " + address + ": " + (r.timedOut() ? "no answer in time" : lastLine(r.err()));
    }

    private static CompletableFuture<byte[]> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                byte[] b = in.readNBytes(MAX_OUTPUT);
                in.transferTo(OutputStream.nullOutputStream());
                return b;
            } catch (IOException e) {
                return new byte[0];
            }
        });
    }

    private List<String> base() {
        List<String> argv = new ArrayList<>(List.of(SSH.toString()));
        argv.addAll(options);
        argv.addAll(List.of("-o", "BatchMode=yes", "-o", "ControlPath=" + control));
        return argv;
    }

    static String lastLine(String err) {
        String last = "failed";
        for (String line : err.split("\n")) {
            String l = line.strip();
            if (!l.isEmpty()) {
                last = l;
            }
        }
        return last.replaceAll("\\p{Cntrl}", "?");
    }

    @Override
    public void close() {
        if (open) {
            List<String> argv = base();
            argv.add("-O");
            argv.add("exit");
            argv.addAll(address.sshArgs());
            try {
                Process p = new ProcessBuilder(argv)
                        .redirectInput(new File("/dev/null"))
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (IOException e) {
                // the master ends by itself after ControlPersist
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            open = false;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
