package io.portdoc.core;

/** A step's answer. Order matters: {@link #worse} ranks FAIL above UNKNOWN above WARN. */
public enum Verdict {
    PASS,
    WARN,
    FAIL,
    SKIP,
    UNKNOWN;

    private int severity() {
        return switch (this) {
            case SKIP -> 0;
            case PASS -> 1;
            case WARN -> 2;
            case UNKNOWN -> 3;
            case FAIL -> 4;
        };
    }

    /** The more serious of two verdicts (used to fold a step's partial answers). */
    public Verdict worse(Verdict other) {
        return other.severity() > severity() ? other : this;
    }
}
