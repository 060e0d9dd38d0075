package io.portdoc.core.probe;

import io.portdoc.core.Durations;
import io.portdoc.core.Messages;
import io.portdoc.core.Msg;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What each failed attempt most likely means, as the seed's three telnet outcomes read: one
 * hint per kind of failure, naming the endpoints that had it. "No route to host" is split by
 * how long it took: an ICMP reject from a firewall comes back in milliseconds, a missing ARP
 * (or neighbour) answer only after the kernel gave up, about 3 s.
 */
public final class ProbeHints {
    /** Below this, "No route to host" was an answer (ICMP), not the ARP timeout (~3 s). */
    public static final long FAST_UNREACHABLE_MS = 2000;

    private static final Messages MSG = Messages.of(ProbeHints.class);

    private ProbeHints() {}

    /** The kinds of host-unreachable; {@code ADMIN} is the fast one (or EACCES from ICMPv6). */
    enum Kind {
        REFUSED,
        ADMIN,
        ABSENT,
        TIMEOUT,
        NO_ROUTE,
        UNRESOLVED
    }

    static Kind kind(Attempt a) {
        return switch (a.state()) {
            case OPEN -> null;
            case REFUSED -> Kind.REFUSED;
            case TIMEOUT -> Kind.TIMEOUT;
            case NETWORK_UNREACHABLE -> Kind.NO_ROUTE;
            case UNRESOLVED -> Kind.UNRESOLVED;
            case HOST_UNREACHABLE -> isFastReject(a) ? Kind.ADMIN : Kind.ABSENT;
        };
    }

    /** A host-unreachable that was an answer from a firewall rather than the ARP timeout. */
    public static boolean isFastReject(Attempt a) {
        String e = a.error() == null ? "" : a.error().toLowerCase(Locale.ROOT);
        return a.elapsedMs() < FAST_UNREACHABLE_MS || e.contains("permission denied") || e.contains("not permitted");
    }

    /** One hint per kind of failure among the attempts, most telling first. */
    public static List<Msg> explain(ProbeResult r, Duration timeout) {
        Map<Kind, List<String>> byKind = new LinkedHashMap<>();
        Map<Kind, Long> slowest = new LinkedHashMap<>();
        for (Kind k : Kind.values()) {
            byKind.put(k, new ArrayList<>());
        }
        for (Attempt a : r.attempts()) {
            Kind k = kind(a);
            if (k != null) {
                byKind.get(k).add(k == Kind.UNRESOLVED ? a.address() : a.endpoint(r.port()));
                slowest.merge(k, a.elapsedMs(), Math::max);
            }
        }
        List<Msg> out = new ArrayList<>();
        byKind.forEach((k, endpoints) -> {
            if (endpoints.isEmpty()) {
                return;
            }
            String who = String.join(", ", endpoints);
            out.add(
                    switch (k) {
                        case REFUSED -> MSG.msg("hint.refused", who);
                        case ADMIN -> MSG.msg("hint.host-unreachable.fast", who, slowest.get(k));
                        case ABSENT -> MSG.msg("hint.host-unreachable.slow", who, slowest.get(k));
                        case TIMEOUT -> MSG.msg("hint.timeout", who, Durations.format(timeout));
                        case NO_ROUTE -> MSG.msg("hint.network-unreachable", who);
                        case UNRESOLVED -> MSG.msg("hint.unresolved", who);
                    });
        });
        return out;
    }
}
