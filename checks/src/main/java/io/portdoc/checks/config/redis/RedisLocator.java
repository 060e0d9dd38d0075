package io.portdoc.checks.config.redis;

import io.portdoc.checks.config.ConfigRequest;
import io.portdoc.core.host.ProcessInfo;
import io.portdoc.core.profile.ServiceProfile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which redis.conf the server reads: its first argument ({@code redis-server FILE [--opt v]}),
 * then {@code --config}, then the profile's files. Redis rewrites its own command line by default
 * ({@code set-proc-title yes}: "redis-server 127.0.0.1:6379"), which hides the file: then only
 * the later sources are left, and the evidence says so.
 */
final class RedisLocator {
    enum Source {
        DAEMON_ARG,
        CONFIG_OPTION,
        PROFILE
    }

    /** {@code options}: command-line options after the file; {@code retitled}: the title hid the file. */
    record Located(String file, List<String> options, Source source, ProcessInfo daemon, boolean retitled) {}

    static final List<String> DEFAULT_FILES = List.of("/etc/redis/redis.conf", "/etc/redis.conf");
    /** A rewritten title: "{title} {listen-addr} {server-mode}", e.g. "/usr/bin/redis-server 127.0.0.1:6379". */
    private static final Pattern TITLE = Pattern.compile("\\S+ (\\S*:\\d+|\\*:\\d+)( \\[\\w+\\])?\\s*");

    private RedisLocator() {}

    static Optional<Located> locate(ConfigRequest req) {
        Optional<ProcessInfo> daemon = req.daemon();
        boolean retitled = false;
        List<String> options = List.of();
        if (daemon.isPresent()) {
            List<String> argv = daemon.get().argv();
            retitled = TITLE.matcher(daemon.get().commandLine()).matches();
            if (!retitled && argv.size() > 1) {
                String first = argv.get(1);
                boolean hasFile = !first.startsWith("-");
                options = new ArrayList<>(argv.subList(hasFile ? 2 : 1, argv.size()));
                if (hasFile) {
                    String file = absolute(first, req);
                    return Optional.of(new Located(file, options, Source.DAEMON_ARG, daemon.get(), false));
                }
            }
        }
        if (req.target().configFile() != null) {
            return Optional.of(new Located(
                    req.target().configFile().toString(),
                    options,
                    Source.CONFIG_OPTION,
                    daemon.orElse(null),
                    retitled));
        }
        ServiceProfile.ConfigSpec spec = req.target().profile().config();
        List<String> files = spec == null || spec.files().isEmpty() ? DEFAULT_FILES : spec.files();
        for (String f : files) {
            if (req.system().exists(Path.of(f))) {
                return Optional.of(new Located(f, options, Source.PROFILE, daemon.orElse(null), retitled));
            }
        }
        return Optional.empty();
    }

    /** A relative file name is relative to the daemon's working directory, which /proc/PID/cwd shows. */
    private static String absolute(String file, ConfigRequest req) {
        if (file.startsWith("/") || req.daemon().isEmpty()) {
            return file;
        }
        try {
            String pid = Long.toString(req.daemon().get().pid());
            Optional<String> cwd = req.system().readLink(Path.of("/proc", pid, "cwd"));
            return cwd.map(c -> Path.of(c).resolve(file).toString()).orElse(file);
        } catch (IOException e) {
            return file;
        }
    }
}
