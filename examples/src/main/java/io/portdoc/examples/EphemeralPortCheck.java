package io.portdoc.examples;

import io.portdoc.core.Check;
import io.portdoc.core.CheckContext;
import io.portdoc.core.CheckInfo;
import io.portdoc.core.Evidence;
import io.portdoc.core.Messages;
import io.portdoc.core.Outcome;
import io.portdoc.core.Verdict;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * An example plugin step: is the server port inside the kernel's ephemeral port range, the
 * range client connections take their local port from (the seed's "hoge nummers")? Then an
 * outgoing connection can hold the port when the daemon starts, and the daemon fails to bind
 * now and then, unless the port is listed in {@code ip_local_reserved_ports}.
 *
 * <p>Read-only and offline: two files under /proc/sys, read through {@link CheckContext#system()}
 * so tests replay a recorded host. Found by {@link java.util.ServiceLoader} through this jar's
 * {@code META-INF/services/io.portdoc.core.Check}; order 60 puts it after the five built-in steps.
 */
@CheckInfo(id = "ephemeral", order = 60, title = "title")
public final class EphemeralPortCheck implements Check {
    static final Path RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    static final Path RESERVED = Path.of("/proc/sys/net/ipv4/ip_local_reserved_ports");
    private static final Messages MSG = Messages.of(EphemeralPortCheck.class);

    @Override
    public Outcome run(CheckContext context) {
        int port = context.target().port();
        String range;
        try {
            range = context.system().readFile(RANGE);
        } catch (NoSuchFileException e) {
            return Outcome.of(Verdict.SKIP, MSG.msg("no.range", RANGE)).build();
        } catch (AccessDeniedException e) {
            return Outcome.of(Verdict.UNKNOWN, MSG.msg("denied", RANGE))
                    .hint(MSG.msg("hint.sysctl"))
                    .build();
        } catch (IOException e) {
            return Outcome.of(Verdict.UNKNOWN, MSG.msg("unreadable", RANGE, e.getMessage()))
                    .build();
        }
        String[] lowHigh = range.strip().split("\\s+");
        int low;
        int high;
        try {
            low = Integer.parseInt(lowHigh[0]);
            high = Integer.parseInt(lowHigh[lowHigh.length - 1]);
        } catch (NumberFormatException e) {
            return Outcome.of(Verdict.UNKNOWN, MSG.msg("unreadable", RANGE, "'" + range.strip() + "'"))
                    .build();
        }
        Evidence rangeEvidence = Evidence.at(RANGE.toString(), range.strip(), RANGE + ":1");
        if (port < low || port > high) {
            return Outcome.of(Verdict.PASS, MSG.msg("outside", port, low, high))
                    .evidence(rangeEvidence)
                    .build();
        }
        String reserved = context.system().readFileOrEmpty(RESERVED).strip();
        Evidence reservedEvidence =
                Evidence.at(RESERVED.toString(), reserved.isEmpty() ? "(empty)" : reserved, RESERVED + ":1");
        if (ReservedPorts.contains(reserved, port)) {
            return Outcome.of(Verdict.PASS, MSG.msg("reserved", port, low, high))
                    .evidence(rangeEvidence)
                    .evidence(reservedEvidence)
                    .build();
        }
        return Outcome.of(Verdict.WARN, MSG.msg("inside", port, low, high))
                .evidence(rangeEvidence)
                .evidence(reservedEvidence)
                .hint(MSG.msg("hint.reserve", port, reserved.isEmpty() ? String.valueOf(port) : reserved + "," + port))
                .hint(MSG.msg("hint.move", low, high))
                .build();
    }

    /** {@code ip_local_reserved_ports}: "8000-8010,50387" as the kernel writes it. */
    static final class ReservedPorts {
        private ReservedPorts() {}

        static boolean contains(String list, int port) {
            for (String item : list.split(",")) {
                String t = item.strip();
                if (t.isEmpty()) {
                    continue;
                }
                int dash = t.indexOf('-');
                try {
                    int from =
                            Integer.parseInt(dash < 0 ? t : t.substring(0, dash).strip());
                    int to = dash < 0
                            ? from
                            : Integer.parseInt(t.substring(dash + 1).strip());
                    if (from <= port && port <= to) {
                        return true;
                    }
                } catch (NumberFormatException e) {
                    // not a port or range: ignore it, the kernel would not have written it
                }
            }
            return false;
        }
    }
}
