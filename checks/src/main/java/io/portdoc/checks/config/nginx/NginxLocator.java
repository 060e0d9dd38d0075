package io.portdoc.checks.config.nginx;

import io.portdoc.core.Target;
import io.portdoc.core.host.CommandResult;
import io.portdoc.core.host.ProcessInfo;
import io.portdoc.core.host.SystemView;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which nginx.conf the judge reads: the running master's {@code -c} (relative to its {@code -p}
 * prefix, as {@code ngx_process_options} resolves it), else the compiled-in path its binary
 * reports with {@code -V}; without a running daemon {@code --config}, the profile's files, then
 * {@code /etc/nginx/nginx.conf} (Debian, Red Hat) and {@code /usr/local/nginx/conf/nginx.conf}
 * (nginx's own default).
 */
final class NginxLocator {
    static final List<String> DEFAULTS = List.of("/etc/nginx/nginx.conf", "/usr/local/nginx/conf/nginx.conf");
    private static final String TITLE = "nginx: ";

    enum Source {
        DAEMON_ARG,
        DAEMON_COMPILED,
        CONFIG_OPTION,
        PROFILE,
        DEFAULT
    }

    /** The file, why it was chosen, the master it belongs to (null without one) and a --config it overrode. */
    record Located(Path file, Source source, ProcessInfo master, Path ignoredConfig) {}

    private NginxLocator() {}

    static Optional<Located> locate(SystemView system, Target t, Optional<ProcessInfo> daemon) {
        Optional<ProcessInfo> master = daemon.map(p -> master(system, p));
        if (master.isPresent()) {
            List<String> args = args(master.get());
            String conf = option(args, "-c");
            String prefix = option(args, "-p");
            Source source = Source.DAEMON_ARG;
            if (conf == null || prefix == null) {
                String[] compiled = compiled(system, master.get());
                prefix = prefix != null ? prefix : compiled[0];
                if (conf == null && compiled[1] != null) {
                    conf = compiled[1];
                    source = Source.DAEMON_COMPILED;
                }
            }
            if (conf != null) {
                Path file =
                        Path.of(prefix == null ? "/usr/local/nginx/" : prefix).resolve(conf);
                Path ignored = t.configFile() != null && !t.configFile().equals(file) ? t.configFile() : null;
                return Optional.of(new Located(file, source, master.get(), ignored));
            }
        }
        ProcessInfo m = master.orElse(null);
        if (t.configFile() != null) {
            return Optional.of(new Located(t.configFile(), Source.CONFIG_OPTION, m, null));
        }
        if (t.profile().config() != null) {
            for (String f : t.profile().config().files()) {
                if (system.exists(Path.of(f))) {
                    return Optional.of(new Located(Path.of(f), Source.PROFILE, m, null));
                }
            }
        }
        for (String f : DEFAULTS) {
            if (system.exists(Path.of(f))) {
                return Optional.of(new Located(Path.of(f), Source.DEFAULT, m, null));
            }
        }
        return Optional.empty();
    }

    /** A worker's settings are its master's: workers show only "nginx: worker process". */
    static ProcessInfo master(SystemView system, ProcessInfo p) {
        String title = p.argv().isEmpty() ? "" : p.argv().get(0);
        if (title.startsWith(TITLE) && !title.contains("master process")) {
            for (ProcessInfo q : system.processes()) {
                if (q.pid() == p.ppid()) {
                    return q;
                }
            }
        }
        return p;
    }

    /**
     * The master's arguments. nginx overwrites its argv with a title, so /proc/PID/cmdline reads
     * {@code nginx: master process /usr/sbin/nginx -c /etc/nginx/nginx.conf -g daemon on;} as one string
     * (followed by the NULs that padded the old arguments).
     */
    static List<String> args(ProcessInfo p) {
        List<String> argv = p.argv();
        if (!argv.isEmpty() && argv.get(0).startsWith(TITLE)) {
            String t = argv.get(0);
            int at = t.indexOf("master process ");
            String rest =
                    at < 0 ? "" : t.substring(at + "master process ".length()).strip();
            return new ArrayList<>(Arrays.asList(rest.split("\\s+")));
        }
        return argv;
    }

    /** {@code -c FILE} or {@code -cFILE} as nginx's option parser takes them (the last one wins). */
    static String option(List<String> args, String flag) {
        String value = null;
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals(flag) && i + 1 < args.size()) {
                value = args.get(++i);
            } else if (a.startsWith(flag) && a.length() > 2) {
                value = a.substring(2);
            } else if (a.equals("-g") && i + 1 < args.size()) {
                i++;
            }
        }
        return value;
    }

    /** {prefix, conf-path} from {@code BINARY -V} (configure arguments), nulls when unknown. */
    private static String[] compiled(SystemView system, ProcessInfo master) {
        String exe = master.executable();
        String[] out = new String[2];
        if (exe == null || !exe.startsWith("/")) {
            return out;
        }
        CommandResult r = system.run(List.of(exe, "-V"), Duration.ofSeconds(2));
        String text = r.stderr() + "\n" + r.stdout();
        for (String word : text.split("\\s+")) {
            if (word.startsWith("--prefix=")) {
                out[0] = word.substring("--prefix=".length());
            } else if (word.startsWith("--conf-path=")) {
                out[1] = word.substring("--conf-path=".length());
            }
        }
        if (out[1] == null && r.stderr().contains("nginx version")) {
            out[1] = "conf/nginx.conf";
        }
        return out;
    }
}
