package io.portdoc.checks.firewall;

/**
 * What a condition says about a packet: known, unknown (portdoc cannot evaluate it), or "holds
 * exactly for sources in this set" when the packet's source is symbolic (no --client).
 */
sealed interface MatchResult {
    Known TRUE = new Known(true);
    Known FALSE = new Known(false);

    static Known of(boolean b) {
        return b ? TRUE : FALSE;
    }

    static MatchResult of(Tri t, String what) {
        return switch (t) {
            case TRUE -> TRUE;
            case FALSE -> FALSE;
            case UNKNOWN -> new Unknown(what);
        };
    }

    record Known(boolean value) implements MatchResult {}

    record Unknown(String what) implements MatchResult {}

    record Source(AddrMatch set, boolean negated) implements MatchResult {}
}
