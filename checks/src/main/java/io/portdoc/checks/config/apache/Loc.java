package io.portdoc.checks.config.apache;

/** Where a directive was read: the file and its (first) line. Printed as {@code file:line}. */
public record Loc(String file, int line) {
    @Override
    public String toString() {
        return file + ":" + line;
    }
}
