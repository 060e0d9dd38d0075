package io.portdoc.checks.config.sshd;

import io.portdoc.checks.facts.SocketListing;
import io.portdoc.core.Target;
import io.portdoc.core.host.ProcessInfo;
import io.portdoc.core.host.SystemView;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which sshd_config counts, in the config step's order: the running daemon's own {@code -f},
 * then {@code --config}, then the profile's files, then OpenSSH's default; and which sshd binary
 * answers {@code -T} (the running one, else /usr/sbin/sshd).
 */
record SshdSource(Path file, Kind kind, ProcessInfo daemon, String binary) {
    static final Path DEFAULT = Path.of("/etc/ssh/sshd_config");
    static final String DEFAULT_BINARY = "/usr/sbin/sshd";

    enum Kind {
        DAEMON_ARG,
        DAEMON_DEFAULT,
        CONFIG_OPTION,
        PROFILE,
        DEFAULT
    }

    static SshdSource locate(SystemView system, Target t, Optional<ProcessInfo> daemon) {
        ProcessInfo d = listener(system, t, daemon).orElse(null);
        List<String> argv = d == null ? List.of() : argv(d);
        String binary = binary(system, d, argv);
        for (int i = 0; i + 1 < argv.size(); i++) {
            if (argv.get(i).equals("-f")) {
                return new SshdSource(Path.of(argv.get(i + 1)), Kind.DAEMON_ARG, d, binary);
            }
            if (argv.get(i).startsWith("-f") && argv.get(i).length() > 2) {
                return new SshdSource(Path.of(argv.get(i).substring(2)), Kind.DAEMON_ARG, d, binary);
            }
        }
        if (t.configFile() != null) {
            return new SshdSource(t.configFile(), Kind.CONFIG_OPTION, d, binary);
        }
        if (d != null) {
            return new SshdSource(DEFAULT, Kind.DAEMON_DEFAULT, d, binary);
        }
        if (t.profile().config() != null) {
            for (String f : t.profile().config().files()) {
                if (system.exists(Path.of(f))) {
                    return new SshdSource(Path.of(f), Kind.PROFILE, null, binary);
                }
            }
        }
        return new SshdSource(DEFAULT, Kind.DEFAULT, null, binary);
    }

    /**
     * The listening sshd: the daemon step may hand over one of sshd's per-connection processes
     * ({@code sshd: alice [priv]}, or one whose arguments are hidden), which carry no {@code -f};
     * then the sshd process that holds the target port is the one whose config counts.
     */
    static Optional<ProcessInfo> listener(SystemView system, Target t, Optional<ProcessInfo> daemon) {
        if (daemon.isEmpty() || looksLikeListener(daemon.get())) {
            return daemon;
        }
        try {
            for (SocketListing.Entry e : SocketListing.read(system, t.port()).entries()) {
                for (long pid : e.pids()) {
                    Optional<ProcessInfo> p = system.processes().stream()
                            .filter(x -> x.pid() == pid && "sshd".equals(x.comm()))
                            .findFirst();
                    if (p.isPresent()) {
                        return p;
                    }
                }
            }
        } catch (RuntimeException e) {
            // no socket table here (a recorded host without one): keep the daemon step's choice
        }
        return daemon;
    }

    private static boolean looksLikeListener(ProcessInfo p) {
        List<String> a = p.argv();
        if (a.isEmpty()) {
            return false;
        }
        return !a.get(0).startsWith("sshd: ") || String.join(" ", a).contains("[listener]");
    }

    /**
     * sshd rewrites its process title ({@code sshd: /usr/sbin/sshd -D [listener] 0 of 10-100
     * startups}): the arguments are then the words of that one string.
     */
    static List<String> argv(ProcessInfo p) {
        List<String> a = p.argv();
        if (a.size() == 1 && a.get(0).startsWith("sshd: ")) {
            return Arrays.asList(a.get(0).substring("sshd: ".length()).trim().split("\\s+"));
        }
        return a;
    }

    private static String binary(SystemView system, ProcessInfo d, List<String> argv) {
        if (d != null
                && d.executable() != null
                && d.executable().startsWith("/")
                && system.exists(Path.of(d.executable()))) {
            return d.executable();
        }
        if (!argv.isEmpty() && argv.get(0).startsWith("/") && system.exists(Path.of(argv.get(0)))) {
            return argv.get(0);
        }
        return DEFAULT_BINARY;
    }
}
