package io.portdoc.checks.config.dbconf;

/** Where a line was read: printed as {@code file:line}, the form evidence carries. */
public record Where(String file, int line) {
    @Override
    public String toString() {
        return file + ":" + line;
    }
}
