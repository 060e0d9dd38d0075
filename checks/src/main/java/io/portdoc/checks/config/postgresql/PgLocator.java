package io.portdoc.checks.config.postgresql;

import io.portdoc.checks.config.ConfigRequest;
import io.portdoc.core.host.ProcessInfo;
import io.portdoc.core.host.SystemView;
import io.portdoc.core.profile.ServiceProfile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the configuration the way the postmaster does (guc.c SelectConfigFiles): the running
 * daemon's {@code -c config_file=} or {@code -D DIR}/postgresql.conf; then {@code --config}
 * (postgresql.conf, or a pg_hba.conf alone); then the profile's files; then the distributions'
 * defaults (Debian's newest {@code /etc/postgresql/N/main}, Red Hat's and Arch's data directories).
 */
public final class PgLocator {
    static final List<String> DEFAULTS = List.of(
            "/etc/postgresql/*/main/postgresql.conf",
            "/var/lib/pgsql/data/postgresql.conf",
            "/var/lib/pgsql/*/data/postgresql.conf",
            "/var/lib/postgres/data/postgresql.conf");
    private static final Pattern VERSION = Pattern.compile("/(?:postgresql|pgsql)[-/]?(\\d+)(?:/|$)");

    public enum Source {
        DAEMON,
        CONFIG_OPTION,
        PROFILE,
        DEFAULT
    }

    /**
     * {@code conf} is postgresql.conf (null when {@code --config} named a pg_hba.conf, then in
     * {@code hba}); {@code configDir} is where pg_hba.conf is by default; {@code overrides} are
     * the command line's settings; {@code version} the major version, 0 when unknown.
     */
    public record Located(
            Source source,
            Path conf,
            Path configDir,
            Path hba,
            Map<String, String> overrides,
            ProcessInfo daemon,
            int version) {}

    private PgLocator() {}

    public static Optional<Located> locate(ConfigRequest req) {
        SystemView sys = req.system();
        Optional<ProcessInfo> daemon =
                req.daemon().filter(PgLocator::isPostgres).map(p -> postmaster(sys, p));
        if (daemon.isPresent()) {
            ProcessInfo p = daemon.get();
            Postmaster pm = Postmaster.parse(p.argv());
            Path cwd = cwd(sys, p);
            String dir = pm.dataDir() != null ? pm.dataDir() : environ(sys, p, "PGDATA");
            String cf = pm.settings().get("config_file");
            Path configDir = dir == null ? null : cwd.resolve(dir).normalize();
            Path conf = cf != null
                    ? cwd.resolve(cf).normalize()
                    : configDir == null ? null : configDir.resolve("postgresql.conf");
            if (conf != null) {
                int v = version(sys, p.executable(), conf, configDir);
                return Optional.of(new Located(
                        Source.DAEMON,
                        conf,
                        configDir == null ? conf.getParent() : configDir,
                        null,
                        pm.settings(),
                        p,
                        v));
            }
        }
        Path given = req.target().configFile();
        if (given != null) {
            String name = given.getFileName() == null ? "" : given.getFileName().toString();
            boolean hbaOnly = name.contains("hba");
            return Optional.of(new Located(
                    Source.CONFIG_OPTION,
                    hbaOnly ? null : given,
                    given.getParent(),
                    hbaOnly ? given : null,
                    Map.of(),
                    null,
                    version(sys, null, given, given.getParent())));
        }
        ServiceProfile.ConfigSpec spec = req.target().profile().config();
        List<String> candidates = new ArrayList<>();
        if (spec != null && spec.files() != null) {
            candidates.addAll(spec.files());
        }
        boolean fromProfile = !candidates.isEmpty();
        for (String c : fromProfile ? candidates : DEFAULTS) {
            Optional<Path> f = expand(sys, c).stream().filter(sys::exists).findFirst();
            if (f.isPresent()) {
                Path conf = f.get();
                return Optional.of(new Located(
                        fromProfile ? Source.PROFILE : Source.DEFAULT,
                        conf,
                        conf.getParent(),
                        null,
                        Map.of(),
                        null,
                        version(sys, null, conf, conf.getParent())));
            }
        }
        return Optional.empty();
    }

    /**
     * A backend or auxiliary process ("postgres: 15/main: checkpointer") has rewritten its
     * argv; the postmaster, its parent, still has the options.
     */
    static ProcessInfo postmaster(SystemView sys, ProcessInfo p) {
        ProcessInfo current = p;
        for (int hops = 0;
                hops < 3 && !current.argv().isEmpty() && current.argv().get(0).startsWith("postgres:");
                hops++) {
            long parent = current.ppid();
            Optional<ProcessInfo> up =
                    sys.processes().stream().filter(q -> q.pid() == parent).findFirst();
            if (up.isEmpty() || !isPostgres(up.get())) {
                break;
            }
            current = up.get();
        }
        return current;
    }

    static boolean isPostgres(ProcessInfo p) {
        String exe = p.executable() == null
                ? ""
                : Path.of(p.executable()).getFileName().toString();
        String arg0 =
                p.argv().isEmpty() ? "" : Path.of(p.argv().get(0)).getFileName().toString();
        return List.of(exe, arg0, String.valueOf(p.comm())).stream()
                .anyMatch(n -> n.equals("postgres") || n.equals("postmaster"));
    }

    private static Path cwd(SystemView sys, ProcessInfo p) {
        try {
            return sys.readLink(Path.of("/proc", Long.toString(p.pid()), "cwd"))
                    .map(Path::of)
                    .orElse(Path.of("/"));
        } catch (IOException e) {
            return Path.of("/");
        }
    }

    private static String environ(SystemView sys, ProcessInfo p, String name) {
        String env = sys.readFileOrEmpty(Path.of("/proc", Long.toString(p.pid()), "environ"));
        for (String kv : env.split("\0")) {
            if (kv.startsWith(name + "=")) {
                return kv.substring(name.length() + 1);
            }
        }
        return null;
    }

    /** A path with {@code *} as one whole component, expanded newest version first (Debian's 13, 15, 16). */
    static List<Path> expand(SystemView sys, String pattern) {
        int star = pattern.indexOf("/*/");
        if (star < 0) {
            return List.of(Path.of(pattern));
        }
        Path parent = Path.of(pattern.substring(0, star));
        String rest = pattern.substring(star + 3);
        try {
            return sys.list(parent).stream()
                    .sorted(Comparator.comparing(PgLocator::numeric).reversed())
                    .map(n -> parent.resolve(n).resolve(rest))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static long numeric(String s) {
        try {
            return (long) (Double.parseDouble(s) * 1000);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The major version from the binary's or the config's path, else the data directory's PG_VERSION; 0 if unknown. */
    static int version(SystemView sys, String executable, Path conf, Path dataDir) {
        for (String s : new String[] {executable, conf == null ? null : conf.toString()}) {
            if (s != null) {
                Matcher m = VERSION.matcher(s);
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
        }
        if (dataDir != null) {
            String v = sys.readFileOrEmpty(dataDir.resolve("PG_VERSION")).strip();
            if (v.matches("\\d+(\\.\\d+)?")) {
                return Integer.parseInt(v.split("\\.")[0]);
            }
        }
        return 0;
    }
}
