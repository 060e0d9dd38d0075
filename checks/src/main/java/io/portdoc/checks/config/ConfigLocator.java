package io.portdoc.checks.config;

import io.portdoc.checks.config.apache.RunUser;
import io.portdoc.checks.facts.Daemon;
import io.portdoc.checks.facts.ProcessTable;
import io.portdoc.core.Target;
import io.portdoc.core.host.ProcessInfo;
import io.portdoc.core.host.SystemView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which configuration file to read, in this order: the running daemon's command
 * line ({@code -f FILE}, {@code -d SERVERROOT}, {@code -D NAME}; cupsd's {@code -c FILE}) and,
 * as root, its environment (APACHE_CONFDIR); then {@code --config FILE}; then the profile's
 * files; then the distributions' defaults (Debian, Red Hat, SUSE). Says which and why.
 */
final class ConfigLocator {
    enum Source {
        DAEMON_ARG,
        DAEMON_DEFAULT,
        CONFIG_OPTION,
        PROFILE,
        DISTRO_DEFAULT
    }

    /** The chosen file and how Apache would read it. */
    record Located(
            Layout layout,
            String file,
            String serverRoot,
            Set<String> defines,
            Map<String, String> env,
            Source source,
            ProcessInfo daemon,
            boolean envFromProcess,
            String envFile,
            Path ignoredConfigOption,
            String distrusted) {
        Located(
                Layout layout,
                String file,
                String serverRoot,
                Set<String> defines,
                Map<String, String> env,
                Source source,
                ProcessInfo daemon,
                boolean envFromProcess,
                String envFile,
                Path ignoredConfigOption) {
            this(
                    layout,
                    file,
                    serverRoot,
                    defines,
                    env,
                    source,
                    daemon,
                    envFromProcess,
                    envFile,
                    ignoredConfigOption,
                    null);
        }

        Located distrusting(String why) {
            return new Located(
                    layout,
                    file,
                    serverRoot,
                    defines,
                    env,
                    source,
                    daemon,
                    envFromProcess,
                    envFile,
                    ignoredConfigOption,
                    why);
        }
    }

    private ConfigLocator() {}

    /** {@code daemon}: the diagnosis's daemon instance (the one holding the target port), if it runs. */
    static Optional<Located> locate(SystemView system, Optional<ProcessInfo> daemon, Target target, boolean cups) {
        if (daemon.isPresent()) {
            return Optional.of(fromDaemon(system, target, daemon.get(), cups));
        }
        if (target.configFile() != null) {
            return Optional.of(fromFile(system, target.configFile().toString(), cups, Source.CONFIG_OPTION));
        }
        if (target.profile().config() != null) {
            for (String f : target.profile().config().files()) {
                if (system.exists(Path.of(f))) {
                    return Optional.of(fromFile(system, f, cups, Source.PROFILE));
                }
            }
        }
        List<Layout> layouts = cups ? List.of(Layout.CUPS) : List.of(Layout.DEBIAN, Layout.REDHAT, Layout.SUSE);
        for (Layout l : layouts) {
            if (system.exists(Path.of(l.defaultFile()))) {
                return Optional.of(withEnv(
                        system,
                        l,
                        l.defaultFile(),
                        l.serverRoot,
                        Set.of(),
                        Map.of(),
                        Source.DISTRO_DEFAULT,
                        null,
                        null));
            }
        }
        return Optional.empty();
    }

    private static Located fromDaemon(SystemView system, Target target, ProcessInfo p, boolean cups) {
        String program = ProcessTable.name(p);
        Layout layout = cups ? Layout.CUPS : Layout.forProgram(program);
        String fileArg = null;
        String rootArg = null;
        Set<String> defines = new LinkedHashSet<>();
        // as root, following another user's "-f /root/secret.conf" would read that file for them
        Map<String, String> procEnv = system.privileged() ? environ(system, p.pid()) : Map.of();
        String distrust = distrust(system, p, layout, followed(p, layout, cups, procEnv));
        List<String> argv = distrust == null ? p.argv() : List.of();
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.length() < 2 || a.charAt(0) != '-' || !needsValue(a.substring(0, 2), cups)) {
                continue;
            }
            String flag = a.substring(0, 2);
            String value = a.length() > 2 ? a.substring(2) : i + 1 < argv.size() ? argv.get(++i) : null;
            if (value == null) {
                continue;
            }
            switch (flag) {
                case "-f" -> fileArg = cups ? fileArg : value;
                case "-c" -> fileArg = cups ? value : fileArg;
                case "-d" -> rootArg = cups ? rootArg : value;
                case "-D" -> {
                    if (!cups) {
                        defines.add(value);
                    }
                }
                default -> {}
            }
        }
        Map<String, String> env = distrust == null ? procEnv : Map.of();
        String root = rootArg != null
                ? rootArg
                : env.containsKey("APACHE_CONFDIR") ? env.get("APACHE_CONFDIR") : layout.serverRoot;
        String file =
                fileArg == null ? layout.configUnder(root) : fileArg.startsWith("/") ? fileArg : root + "/" + fileArg;
        Path ignored = target.configFile() != null
                        && !Path.of(file)
                                .normalize()
                                .equals(target.configFile().toAbsolutePath().normalize())
                ? target.configFile()
                : null;
        Located l = withEnv(
                system,
                layout,
                file,
                root,
                defines,
                env,
                fileArg != null ? Source.DAEMON_ARG : Source.DAEMON_DEFAULT,
                p,
                ignored);
        return distrust == null ? l : l.distrusting(distrust);
    }

    /**
     * Why a daemon process's own command line and environment are not followed, or null when
     * they are. As root, following another user's {@code -f /root/secret.conf} would read a file
     * for a user who may not: a process is followed when it runs as root, or as the daemon's own
     * user (Debian's APACHE_RUN_USER) running the installed binary and naming a file that user
     * can read. {@code file} is where its options lead.
     */
    static String distrust(SystemView system, ProcessInfo p, Layout layout, String file) {
        if (!system.privileged()) {
            return null; // portdoc reads only what its own user may read anyway
        }
        String user = p.user();
        if (user == null || user.equals("root") || user.equals(system.user())) {
            return null;
        }
        String own = Envvars.parse(system.readFileOrEmpty(Path.of(layout.serverRoot + "/envvars")), layout.serverRoot)
                .get("APACHE_RUN_USER");
        if (!user.equals(own)) {
            return "it runs as " + user + ", not as root" + (own == null ? "" : " or " + own);
        }
        List<String> names = new ArrayList<>(Layout.APACHE_NAMES);
        names.addAll(Layout.CUPS_NAMES);
        if (!Daemon.installedProgram(p, names)) {
            return "its program is " + p.executable() + ", not an installed " + ProcessTable.name(p);
        }
        Optional<RunUser> owner = RunUser.resolve(system, user, null);
        if (owner.isEmpty() || owner.get().open(system, Path.of(file)) != RunUser.Open.OK) {
            return user + " could not read " + file;
        }
        return null;
    }

    /** The file a process's {@code -f}, {@code -d} and APACHE_CONFDIR lead to (cupsd: {@code -c}). */
    private static String followed(ProcessInfo p, Layout layout, boolean cups, Map<String, String> env) {
        String fileArg = null;
        String rootArg = null;
        List<String> argv = p.argv();
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.length() < 2 || a.charAt(0) != '-' || !needsValue(a.substring(0, 2), cups)) {
                continue;
            }
            String flag = a.substring(0, 2);
            String value = a.length() > 2 ? a.substring(2) : i + 1 < argv.size() ? argv.get(++i) : null;
            if (flag.equals(cups ? "-c" : "-f")) {
                fileArg = value;
            } else if (flag.equals("-d") && !cups) {
                rootArg = value;
            }
        }
        String root = rootArg != null ? rootArg : env.getOrDefault("APACHE_CONFDIR", layout.serverRoot);
        return fileArg == null ? layout.configUnder(root) : fileArg.startsWith("/") ? fileArg : root + "/" + fileArg;
    }

    /** Options that take a value (cupsd: -c FILE, -s FILE; its -f means foreground). */
    private static boolean needsValue(String flag, boolean cups) {
        if (cups) {
            return flag.equals("-c") || flag.equals("-s");
        }
        return switch (flag) {
            case "-f", "-c", "-d", "-D", "-k", "-C", "-s", "-e", "-E" -> true;
            default -> false;
        };
    }

    private static Located fromFile(SystemView system, String file, boolean cups, Source source) {
        String abs = Path.of(file).toAbsolutePath().normalize().toString();
        Layout layout;
        String root;
        Path parent = Path.of(abs).getParent();
        if (cups) {
            layout = Layout.CUPS;
            root = parent.toString();
        } else if (abs.endsWith("/conf/httpd.conf") && parent.getParent() != null) {
            layout = Layout.REDHAT;
            root = parent.getParent().toString();
        } else if (abs.equals(Layout.SUSE.defaultFile())) {
            layout = Layout.SUSE;
            root = Layout.SUSE.serverRoot;
        } else {
            layout = Layout.DEBIAN;
            root = parent.toString();
        }
        return withEnv(system, layout, abs, root, Set.of(), Map.of(), source, null, null);
    }

    /** Adds Debian's envvars when the daemon's own environment is not known. */
    private static Located withEnv(
            SystemView system,
            Layout layout,
            String file,
            String root,
            Set<String> defines,
            Map<String, String> env,
            Source source,
            ProcessInfo daemon,
            Path ignored) {
        if (!env.isEmpty() || layout.cups()) {
            return new Located(layout, file, root, defines, env, source, daemon, !env.isEmpty(), null, ignored);
        }
        String envFile = root + "/envvars";
        String script = system.readFileOrEmpty(Path.of(envFile));
        if (script.isEmpty()) {
            return new Located(layout, file, root, defines, Map.of(), source, daemon, false, null, ignored);
        }
        return new Located(
                layout, file, root, defines, Envvars.parse(script, root), source, daemon, false, envFile, ignored);
    }

    /** /proc/PID/environ (NUL-separated NAME=value), readable for root. */
    static Map<String, String> environ(SystemView system, long pid) {
        String raw = system.readFileOrEmpty(Path.of("/proc/" + pid + "/environ"));
        Map<String, String> env = new LinkedHashMap<>();
        for (String kv : ProcessInfo.nulSeparated(raw)) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                env.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return env;
    }
}
