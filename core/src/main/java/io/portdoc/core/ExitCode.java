package io.portdoc.core;

/** The process exit codes of DESIGN.md: the one place their numbers are written down. */
public enum ExitCode {
    /** No problem found. */
    OK(0),
    /** A problem found: some step FAIL (probe: not open; listening: nothing on --port). */
    PROBLEM(1),
    /** Usage, invalid profile, unreadable file given on the command line. */
    BAD_INPUT(2),
    /** No FAIL, but a step could not tell (UNKNOWN), e.g. without enough privileges. */
    INCONCLUSIVE(3),
    /** A bug: an exception nobody expected. */
    INTERNAL_ERROR(4);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The exit code of a diagnosis that concluded {@code verdict}. */
    public static ExitCode of(Verdict verdict) {
        return switch (verdict) {
            case FAIL -> PROBLEM;
            case UNKNOWN -> INCONCLUSIVE;
            case PASS, WARN, SKIP -> OK;
        };
    }
}
