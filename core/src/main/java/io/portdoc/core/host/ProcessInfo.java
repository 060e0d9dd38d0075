package io.portdoc.core.host;

import java.time.Instant;
import java.util.List;

/**
 * A process as {@code ps} would show it. {@code comm} is /proc/PID/comm (15 chars at most),
 * {@code executable} the resolved binary path (nc runs as nc.openbsd behind a symlink),
 * {@code argv} the command line. Fields the caller may not see (other users' processes
 * without root) are null or empty.
 */
public record ProcessInfo(
        long pid, long ppid, String user, Instant startTime, String comm, String executable, List<String> argv) {
    public ProcessInfo {
        argv = argv == null ? List.of() : List.copyOf(argv);
    }

    /** /proc/PID/cmdline and /proc/PID/environ: NUL-separated, with a trailing NUL. */
    public static List<String> nulSeparated(String raw) {
        if (raw.isEmpty()) {
            return List.of();
        }
        String s = raw.endsWith("\0") ? raw.substring(0, raw.length() - 1) : raw;
        return List.of(s.split("\0", -1));
    }

    /**
     * {@code argv} joined with spaces, secrets masked ({@link Secrets}), or the comm in brackets
     * like ps for kernel threads. The one text of a command line for reports.
     */
    public String commandLine() {
        return argv.isEmpty() ? "[" + comm + "]" : String.join(" ", Secrets.mask(argv));
    }
}
