package io.portdoc.checks.config.nginx;

/** Where a directive was read: the file and the line of its name. Printed as {@code file:line}. */
public record Where(String file, int line) {
    @Override
    public String toString() {
        return file + ":" + line;
    }
}
