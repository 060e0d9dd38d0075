package io.portdoc.core.host;

import java.util.List;
import java.util.Locale;

/**
 * The outcome of a command run with a fixed argv: {@code notFound} when the program does not
 * exist, {@code timedOut} when it was killed at its deadline (or its output pipe was still open
 * then), {@code truncated} when its output was longer than portdoc keeps (32 MiB).
 */
public record CommandResult(
        List<String> argv,
        int exitCode,
        String stdout,
        String stderr,
        boolean notFound,
        boolean timedOut,
        boolean truncated) {
    public CommandResult(
            List<String> argv, int exitCode, String stdout, String stderr, boolean notFound, boolean timedOut) {
        this(argv, exitCode, stdout, stderr, notFound, timedOut, false);
    }

    public static CommandResult missing(List<String> argv) {
        return new CommandResult(argv, 127, "", "", true, false);
    }

    public boolean ok() {
        return !notFound && !timedOut && !truncated && exitCode == 0;
    }

    /** The argv as one line, for evidence. */
    public String commandLine() {
        return String.join(" ", argv);
    }

    /** True when stderr reads like a privilege problem (iptables, nft and ss all say it differently). */
    public boolean permissionDenied() {
        String e = stderr.toLowerCase(Locale.ROOT);
        return e.contains("permission denied")
                || e.contains("operation not permitted")
                || e.contains("you must be root");
    }
}
