package io.portdoc.checks.config.postgresql;

/** Where a line comes from: printed as {@code file:line}, the evidence location. */
public record Loc(String file, int line) {
    @Override
    public String toString() {
        return file + ":" + line;
    }
}
