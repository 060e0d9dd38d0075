package io.portdoc.checks.config.mysql;

import io.portdoc.checks.config.ConfigRequest;
import io.portdoc.checks.config.dbconf.Where;
import io.portdoc.core.host.ProcessInfo;
import io.portdoc.core.profile.ServiceProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which option files the server reads, in its order: {@code --no-defaults} (none),
 * {@code --defaults-file=F} (only F), else the defaults ({@code /etc/my.cnf},
 * {@code /etc/mysql/my.cnf}, or the profile's files) and then {@code --defaults-extra-file=F}; these must be the first
 * arguments. Without a running server, {@code --config} stands for {@code --defaults-file}.
 * The process's other {@code --name[=value]} arguments come last and win.
 */
final class MyLocator {
    static final List<String> DEFAULT_FILES = List.of("/etc/my.cnf", "/etc/mysql/my.cnf");

    enum Source {
        DAEMON_DEFAULTS_FILE,
        DAEMON_DEFAULTS,
        NO_DEFAULTS,
        CONFIG_OPTION,
        DEFAULTS
    }

    /** {@code optional}: missing files are skipped (the defaults); a named file must exist. */
    record Located(
            List<String> files, boolean optional, List<MyOption> commandLine, Source source, ProcessInfo daemon) {}

    private MyLocator() {}

    static Located locate(ConfigRequest req) {
        Optional<ProcessInfo> daemon = req.daemon();
        List<MyOption> cmd = new ArrayList<>();
        String defaultsFile = null;
        String extraFile = null;
        boolean noDefaults = false;
        if (daemon.isPresent()) {
            List<String> argv = daemon.get().argv();
            String where = "/proc/" + daemon.get().pid() + "/cmdline";
            for (int i = 1; i < argv.size(); i++) {
                String a = argv.get(i);
                if (!a.startsWith("--")) {
                    continue;
                }
                MyOption o = OptionFileReader.option(null, a.substring(2), new Where(where, i));
                switch (o.name()) {
                    case "defaults-file" -> defaultsFile = o.value();
                    case "defaults-extra-file" -> extraFile = o.value();
                    case "no-defaults" -> noDefaults = true;
                    default -> cmd.add(new MyOption(null, o.name(), o.value(), o.where(), a));
                }
            }
        }
        ProcessInfo d = daemon.orElse(null);
        if (noDefaults) {
            return new Located(List.of(), true, cmd, Source.NO_DEFAULTS, d);
        }
        if (defaultsFile != null) {
            return new Located(List.of(defaultsFile), false, cmd, Source.DAEMON_DEFAULTS_FILE, d);
        }
        if (d == null && req.target().configFile() != null) {
            return new Located(List.of(req.target().configFile().toString()), false, cmd, Source.CONFIG_OPTION, null);
        }
        ServiceProfile.ConfigSpec spec = req.target().profile().config();
        List<String> files = new ArrayList<>(spec == null || spec.files().isEmpty() ? DEFAULT_FILES : spec.files());
        if (extraFile != null) {
            files.add(extraFile);
        }
        return new Located(files, true, cmd, d == null ? Source.DEFAULTS : Source.DAEMON_DEFAULTS, d);
    }
}
