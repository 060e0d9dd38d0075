package io.portdoc.checks.firewall;

/** The negation of a condition without a source part. */
record NotMatch(Cond inner) implements Cond {
    @Override
    public MatchResult test(Packet p) {
        MatchResult t = inner.test(p);
        if (t instanceof MatchResult.Known k) {
            return MatchResult.of(!k.value());
        }
        if (t instanceof MatchResult.Source s) {
            return new MatchResult.Source(s.set(), !s.negated());
        }
        return t;
    }

    @Override
    public String text() {
        return "! " + inner.text();
    }
}
