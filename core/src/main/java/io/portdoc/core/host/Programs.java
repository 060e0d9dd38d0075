package io.portdoc.core.host;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a system program named as typed ({@code nft}, {@code ip}, {@code systemctl}) by its
 * absolute path from {@link SystemView#PROGRAM_DIRS}, never through the caller's PATH: a run
 * from cron ({@code PATH=/usr/bin:/bin}) must find {@code /usr/sbin/nft} as root's shell does.
 * The result names the program as typed, so evidence and recordings read the same on every host.
 */
public final class Programs {
    private Programs() {}

    /** {@code argv} with its program resolved; missing (not found) when it is in none of the directories. */
    public static CommandResult run(SystemView system, List<String> argv, Duration timeout) {
        if (argv.get(0).startsWith("/")) {
            return system.run(argv, timeout);
        }
        Optional<Path> program = system.program(argv.get(0));
        if (program.isEmpty()) {
            return CommandResult.missing(argv);
        }
        List<String> absolute = new ArrayList<>(argv);
        absolute.set(0, program.get().toString());
        CommandResult r = system.run(absolute, timeout);
        return new CommandResult(argv, r.exitCode(), r.stdout(), r.stderr(), r.notFound(), r.timedOut(), r.truncated());
    }
}
