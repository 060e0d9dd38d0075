package io.portdoc.core.probe;

import java.util.List;

/** A probe of host:port: one attempt per address, and the overall state. */
public record ProbeResult(String host, int port, ProbeState state, List<Attempt> attempts) {
    public ProbeResult {
        attempts = List.copyOf(attempts);
    }

    public static ProbeResult of(String host, int port, List<Attempt> attempts) {
        return new ProbeResult(host, port, overall(attempts), attempts);
    }

    /** Open if any attempt is open, else the most telling state ({@link ProbeState#moreTelling}). */
    public static ProbeState overall(List<Attempt> attempts) {
        ProbeState best = ProbeState.UNRESOLVED;
        for (Attempt a : attempts) {
            best = best.moreTelling(a.state());
        }
        return best;
    }

    public boolean open() {
        return state == ProbeState.OPEN;
    }
}
