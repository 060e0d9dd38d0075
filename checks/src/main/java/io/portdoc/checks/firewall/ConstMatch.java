package io.portdoc.checks.firewall;

/**
 * A condition whose answer does not depend on the client: always true (a comment, {@code -m
 * pkttype --pkt-type unicast}), or unknown (marks, owner, recent, limit, an opaque {@code xt}).
 */
record ConstMatch(Tri value, String text) implements Cond {
    static ConstMatch unknown(String text) {
        return new ConstMatch(Tri.UNKNOWN, text);
    }

    @Override
    public MatchResult test(Packet p) {
        return MatchResult.of(value, text);
    }
}
