package io.portdoc.core.host;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The machine portdoc runs on. Read-only by construction. */
public final class RealSystem implements SystemView {
    private static final Path PROC = Path.of("/proc");

    @Override
    public List<ProcessInfo> processes() {
        List<ProcessInfo> out = new ArrayList<>();
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            all.forEach(p -> out.add(describe(p)));
        }
        return out;
    }

    private ProcessInfo describe(ProcessHandle p) {
        ProcessHandle.Info info = p.info();
        Path dir = PROC.resolve(Long.toString(p.pid()));
        String comm = readFileOrEmpty(dir.resolve("comm")).strip();
        List<String> argv = ProcessInfo.nulSeparated(readFileOrEmpty(dir.resolve("cmdline")));
        String exe = null;
        try {
            exe = readLink(dir.resolve("exe")).orElse(null);
        } catch (IOException e) {
            exe = info.command().orElse(null); // other users' /proc/PID/exe needs root
        }
        return new ProcessInfo(
                p.pid(),
                p.parent().map(ProcessHandle::pid).orElse(0L),
                info.user().orElse(null),
                info.startInstant().orElse(null),
                comm.isEmpty() ? null : comm,
                exe,
                argv);
    }

    @Override
    public String readFile(Path path) throws IOException {
        // Not Files.readString: /proc files report size 0, so it reads one byte and then reads on
        // at offset 1, where sysctl handlers answer EOF ("32768\t60999" came back as "3").
        // InputStream.readAllBytes asks for 8 KiB at once.
        // InputStream.readNBytes asks for 8 KiB at once, within the cap (FileLimits).
        return new String(FileLimits.read(path), StandardCharsets.ISO_8859_1);
    }

    @Override
    public List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public Optional<String> readLink(Path link) throws IOException {
        try {
            return Optional.of(Files.readSymbolicLink(link).toString());
        } catch (NotLinkException e) {
            return Optional.empty();
        }
    }

    @Override
    public Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.normalize();
        }
    }

    @Override
    public Optional<FileStat> stat(Path path) throws IOException {
        Map<String, Object> a = Files.readAttributes(path, "unix:uid,gid,mode,isRegularFile,isDirectory");
        FileStat.Type type = Boolean.TRUE.equals(a.get("isRegularFile"))
                ? FileStat.Type.REGULAR
                : Boolean.TRUE.equals(a.get("isDirectory")) ? FileStat.Type.DIRECTORY : FileStat.Type.OTHER;
        return Optional.of(
                new FileStat((Integer) a.get("uid"), (Integer) a.get("gid"), (Integer) a.get("mode") & 07777, type));
    }

    @Override
    public boolean exists(Path path) {
        return Files.exists(path);
    }

    @Override
    public boolean isDirectory(Path path) {
        return Files.isDirectory(path);
    }

    @Override
    public boolean isRegularFile(Path path) {
        return Files.isRegularFile(path);
    }

    @Override
    public CommandResult run(List<String> argv, Duration timeout) {
        if (!argv.get(0).startsWith("/")) {
            // never through PATH (cron's lacks /usr/sbin): callers resolve with Programs.run
            return Programs.run(this, argv, timeout);
        }
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().put("LC_ALL", "C"); // parsers expect untranslated output
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        long deadline = System.nanoTime() + timeout.toNanos();
        Process proc;
        try {
            proc = pb.start();
        } catch (IOException e) {
            return CommandResult.missing(argv);
        }
        OutputDrain out = OutputDrain.start(proc.getInputStream(), "stdout of " + argv.get(0));
        OutputDrain err = OutputDrain.start(proc.getErrorStream(), "stderr of " + argv.get(0));
        boolean finished;
        try {
            finished = proc.waitFor(remaining(deadline), TimeUnit.NANOSECONDS);
            // the deadline also covers the output: a child left behind (setsid cmd &) keeps the
            // pipe open after the command itself has exited
            finished &= out.await(remaining(deadline)) & err.await(remaining(deadline));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        }
        if (!finished) {
            proc.descendants().forEach(ProcessHandle::destroyForcibly);
            proc.destroyForcibly();
        }
        return new CommandResult(
                argv,
                finished ? proc.exitValue() : -1,
                out.text(),
                err.text(),
                false,
                !finished,
                out.truncated() || err.truncated());
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    @Override
    public List<InetAddress> resolve(String name) {
        try {
            return List.of(InetAddress.getAllByName(name));
        } catch (UnknownHostException e) {
            return List.of();
        }
    }

    @Override
    public Optional<String> reverse(InetAddress address) {
        String name = address.getCanonicalHostName();
        return name.equals(address.getHostAddress()) ? Optional.empty() : Optional.of(name);
    }

    @Override
    public List<InetAddress> localAddresses() {
        List<InetAddress> out = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nif.isUp()) {
                    out.addAll(Collections.list(nif.getInetAddresses()));
                }
            }
        } catch (SocketException e) {
            // no interfaces visible: callers treat an empty list as "unknown"
        }
        return out;
    }

    @Override
    public String hostname() {
        String h = readFileOrEmpty(PROC.resolve("sys/kernel/hostname")).strip();
        return h.isEmpty() ? "localhost" : h;
    }

    @Override
    public String user() {
        return System.getProperty("user.name");
    }

    @Override
    public boolean privileged() {
        for (String line : readFileOrEmpty(PROC.resolve("self/status")).split("\n")) {
            if (line.startsWith("Uid:")) {
                String[] f = line.substring(4).trim().split("\\s+");
                return f.length > 1 && f[1].equals("0");
            }
        }
        return false;
    }
}
