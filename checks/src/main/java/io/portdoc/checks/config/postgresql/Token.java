package io.portdoc.checks.config.postgresql;

/**
 * One value of a pg_hba.conf column. Keywords ({@code all}, {@code sameuser}, ...), {@code +role}
 * and regular expressions ({@code /...}) count only unquoted, as in hba.c: {@code "all"} is the
 * database named all.
 */
public record Token(String value, boolean quoted) {
    public boolean is(String keyword) {
        return !quoted && value.equals(keyword);
    }

    public boolean regex() {
        return !quoted && value.startsWith("/");
    }

    @Override
    public String toString() {
        return quoted ? "\"" + value + "\"" : value;
    }
}
