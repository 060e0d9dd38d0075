package io.portdoc.core.host;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Wraps a live {@link SystemView} and writes down every read a diagnosis makes, so that
 * {@link HostRecording#writeTo} can lay it out as a {@link RecordedSystem} directory. The caller
 * gets the live answers unchanged; what the recording keeps is safe to hand on: process
 * environments keep the values of only the variables that steer where configuration is looked up
 * (the others keep their names, their values masked: the replay still knows the environment was
 * read), command
 * lines are masked ({@link Secrets}) and files that are not configuration ({@link SecretFiles})
 * are kept as unreadable, with the reason.
 */
public final class RecordingSystem implements SystemView {
    /**
     * Variables of a daemon's environment that decide which configuration it reads, or that its
     * configuration refers to (Debian's apache2.conf uses APACHE_RUN_USER, APACHE_LOG_DIR, ...).
     */
    public static final Pattern KEPT_ENVIRONMENT = Pattern.compile("APACHE_[A-Z0-9_]+|PGDATA|PGPORT");

    private static final Pattern ENVIRON = Pattern.compile("/proc/[0-9]+/environ");

    private final SystemView live;
    private final HostRecording recording = new HostRecording();

    public RecordingSystem(SystemView live) {
        this.live = live;
        recording.host(live.hostname(), live.user(), live.privileged());
    }

    public HostRecording recording() {
        return recording;
    }

    @Override
    public List<ProcessInfo> processes() {
        List<ProcessInfo> all = live.processes();
        List<ProcessInfo> masked = new ArrayList<>(all.size());
        for (ProcessInfo p : all) {
            masked.add(new ProcessInfo(
                    p.pid(), p.ppid(), p.user(), p.startTime(), p.comm(), p.executable(), Secrets.mask(p.argv())));
        }
        recording.processes(masked);
        return all;
    }

    @Override
    public String readFile(Path path) throws IOException {
        Optional<String> secret = SecretFiles.byName(path);
        String content;
        try {
            content = live.readFile(path);
        } catch (AccessDeniedException e) {
            recording.denied(path, "permission denied for " + live.user());
            throw e;
        } catch (RefusedFileException e) {
            recording.denied(path, e.getMessage());
            throw e;
        } catch (IOException e) {
            recording.absent(path);
            throw e;
        }
        if (secret.isEmpty()) {
            secret = SecretFiles.byContent(content);
        }
        if (secret.isPresent()) {
            recording.denied(path, secret.get());
        } else if (ENVIRON.matcher(path.toString()).matches()) {
            recording.file(path, keptEnvironment(content));
        } else {
            recording.file(path, content);
        }
        return content;
    }

    /** A NUL-separated NAME=value list with every value but those of {@link #KEPT_ENVIRONMENT} masked. */
    static String keptEnvironment(String raw) {
        StringBuilder out = new StringBuilder();
        for (String kv : ProcessInfo.nulSeparated(raw)) {
            int eq = kv.indexOf('=');
            if (eq > 0 && KEPT_ENVIRONMENT.matcher(kv.substring(0, eq)).matches()) {
                out.append(kv).append('\0');
            } else if (eq > 0) {
                out.append(kv, 0, eq + 1).append(Secrets.MASK).append('\0');
            }
        }
        return out.toString();
    }

    @Override
    public List<String> list(Path dir) throws IOException {
        try {
            List<String> names = live.list(dir);
            recording.listing(dir, names);
            return names;
        } catch (AccessDeniedException e) {
            recording.denied(dir, "permission denied for " + live.user());
            throw e;
        } catch (IOException e) {
            recording.absent(dir);
            throw e;
        }
    }

    /** Owner, group and mode go to {@code stat.txt}: a replay judges another user's access as the live run did. */
    @Override
    public Optional<FileStat> stat(Path path) throws IOException {
        try {
            Optional<FileStat> st = live.stat(path);
            st.ifPresent(x -> recording.stat(path, x));
            return st;
        } catch (IOException e) {
            recording.absent(path);
            throw e;
        }
    }

    @Override
    public Optional<String> readLink(Path link) throws IOException {
        try {
            Optional<String> target = live.readLink(link);
            if (target.isPresent()) {
                recording.link(link, target.get());
            } else {
                recording.present(link, false);
            }
            return target;
        } catch (AccessDeniedException e) {
            recording.denied(link, "permission denied for " + live.user());
            throw e;
        } catch (IOException e) {
            recording.absent(link);
            throw e;
        }
    }

    @Override
    public boolean exists(Path path) {
        boolean e = live.exists(path);
        if (e) {
            recording.present(path, false);
        } else {
            recording.absent(path);
        }
        return e;
    }

    @Override
    public Path realPath(Path path) {
        Path real = live.realPath(path);
        recording.realPath(path, real);
        return real;
    }

    @Override
    public boolean isDirectory(Path path) {
        boolean d = live.isDirectory(path);
        if (d) {
            recording.present(path, true);
        }
        return d;
    }

    @Override
    public boolean isRegularFile(Path path) {
        boolean f = live.isRegularFile(path);
        if (f) {
            recording.present(path, false);
        }
        return f;
    }

    @Override
    public Optional<Path> program(String name) {
        Optional<Path> p = live.program(name);
        p.ifPresent(x -> recording.present(x, false));
        return p;
    }

    @Override
    public CommandResult run(List<String> argv, Duration timeout) {
        CommandResult r = live.run(argv, timeout);
        recording.command(r);
        return r;
    }

    @Override
    public List<InetAddress> resolve(String name) {
        List<InetAddress> a = live.resolve(name);
        recording.resolved(name, a);
        return a;
    }

    @Override
    public Optional<String> reverse(InetAddress address) {
        Optional<String> n = live.reverse(address);
        recording.reversed(address, n);
        return n;
    }

    @Override
    public List<InetAddress> localAddresses() {
        List<InetAddress> a = live.localAddresses();
        recording.localAddresses(a);
        return a;
    }

    @Override
    public String hostname() {
        return live.hostname();
    }

    @Override
    public String user() {
        return live.user();
    }

    @Override
    public boolean privileged() {
        return live.privileged();
    }

    @Override
    public void connect(InetSocketAddress address, Duration timeout) throws IOException {
        try {
            live.connect(address, timeout);
            recording.connected(address, "open");
        } catch (IOException e) {
            recording.connected(address, e.getClass().getName() + ": " + e.getMessage());
            throw e;
        }
    }

    /** What was not captured, and why: the manifest's {@code unreadable}. */
    public Map<String, String> unreadable() {
        return recording.unreadable();
    }
}
