package io.portdoc.checks.config.postgresql;

/**
 * Something that stops an exact answer. {@code UNREADABLE}: a file could not be read (UNKNOWN);
 * {@code HOSTILE}: an include loop, nesting too deep, a huge or binary file, or a rule portdoc
 * cannot evaluate (UNKNOWN); {@code INVALID}: a line PostgreSQL itself rejects, so it refuses
 * the whole file.
 */
public record Problem(Kind kind, String detail, Loc loc) {
    public enum Kind {
        UNREADABLE,
        HOSTILE,
        INVALID
    }

    @Override
    public String toString() {
        return loc == null ? detail : loc + ": " + detail;
    }
}
