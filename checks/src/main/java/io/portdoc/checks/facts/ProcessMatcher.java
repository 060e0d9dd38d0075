package io.portdoc.checks.facts;

import io.portdoc.core.host.ProcessInfo;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a process is the daemon, like {@code ps -e | grep cups} but without its false
 * hits. A process has three names: its comm (/proc/PID/comm, cut at 15 characters), its
 * executable's file name (nc runs as nc.openbsd behind a symlink) and the first word of
 * argv[0], which daemons rewrite ("sshd: /usr/sbin/sshd -D [listener] 0 of 10-100
 * startups", "postgres: checkpointer"). Any of them equal to a wanted name is a
 * {@link Strength#STRONG} match. A {@link Strength#WEAK} match is a name that only starts with
 * a wanted one (httpd: httpd2-prefork) or a script path among the arguments
 * ({@code python3 /usr/sbin/fail2ban-server}); it may be the daemon, so the step only warns.
 */
public final class ProcessMatcher {
    /** Linux keeps comm in 16 bytes, NUL included. */
    static final int COMM_LENGTH = 15;

    private static final List<String> SCRIPT_SUFFIXES = List.of(".py", ".pl", ".rb", ".js", ".sh", ".jar");

    public enum Strength {
        STRONG,
        WEAK
    }

    /** How a process matched: which name, through what ("comm", "executable", "argv[0]", ...). */
    public record Hit(ProcessInfo process, Strength strength, String name, String via) {}

    private ProcessMatcher() {}

    public static Optional<Hit> match(ProcessInfo p, List<String> names) {
        String comm = p.comm();
        String exe = p.executable() == null ? null : ProcessTable.baseName(p.executable());
        String argv0 = p.argv().isEmpty() ? null : argv0Name(p.argv().get(0));
        for (String n : names) {
            if (comm != null
                    && (same(comm, n) || n.length() > COMM_LENGTH && same(comm, n.substring(0, COMM_LENGTH)))) {
                return Optional.of(new Hit(p, Strength.STRONG, n, "comm"));
            }
            if (exe != null && same(exe, n)) {
                return Optional.of(new Hit(p, Strength.STRONG, n, "executable"));
            }
            if (argv0 != null && same(argv0, n)) {
                return Optional.of(new Hit(p, Strength.STRONG, n, "argv[0]"));
            }
        }
        for (String n : names) {
            if (n.length() >= 3 && (startsWith(comm, n) || startsWith(exe, n))) {
                return Optional.of(new Hit(p, Strength.WEAK, n, "prefix"));
            }
            for (int i = 1; i < p.argv().size(); i++) {
                if (same(scriptName(p.argv().get(i)), n)) {
                    return Optional.of(new Hit(p, Strength.WEAK, n, "argument"));
                }
            }
        }
        return Optional.empty();
    }

    /** "sshd: /usr/sbin/sshd -D [listener]" gives sshd, "/usr/sbin/cupsd" gives cupsd, "-bash" gives bash. */
    static String argv0Name(String argv0) {
        String s = argv0.strip();
        int space = s.indexOf(' ');
        if (space >= 0) {
            s = s.substring(0, space);
        }
        if (s.endsWith(":")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.startsWith("-")) {
            s = s.substring(1); // login shells
        }
        return ProcessTable.baseName(s);
    }

    /** A path argument's file name without a script suffix; null for options and plain words. */
    static String scriptName(String arg) {
        if (arg.startsWith("-")) {
            return null;
        }
        String base = ProcessTable.baseName(arg);
        for (String suffix : SCRIPT_SUFFIXES) {
            if (base.endsWith(suffix) && base.length() > suffix.length()) {
                return base.substring(0, base.length() - suffix.length());
            }
        }
        return arg.contains("/") ? base : null;
    }

    private static boolean same(String a, String b) {
        return a != null && a.equalsIgnoreCase(b);
    }

    private static boolean startsWith(String s, String prefix) {
        return s != null
                && s.length() > prefix.length()
                && s.toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT));
    }
}
