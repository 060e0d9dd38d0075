package io.portdoc.checks.firewall;

/** The negation of a condition without a source part. */
record NotMatch(Cond inner) implements Cond {
    @Override
    public Test test(Packet p) {
        Test t = inner.test(p);
        if (t instanceof Test.Known k) {
            return Test.of(!k.value());
        }
        if (t instanceof Test.Source s) {
            return new Test.Source(s.set(), !s.negated());
        }
        return t;
    }

    @Override
    public String text() {
        return "! " + inner.text();
    }
}
