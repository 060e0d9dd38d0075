package io.portdoc.checks.config.mysql;

import io.portdoc.checks.config.dbconf.Where;
import java.util.Locale;

/**
 * One option the server reads: its group ({@code mysqld}, or {@code null} for the command
 * line), its name as the server compares it (lower case, {@code _} as {@code -}, a {@code loose-}
 * prefix dropped), its value (null for a bare {@code skip-networking}), where, and the line.
 */
record MyOption(String group, String name, String value, Where where, String text) {
    /** {@code file:line}, or the command line for options the process was started with. */
    String at() {
        return where.toString();
    }

    /** A boolean option's value: bare, 1, ON, TRUE, YES are true (my_getopt's get_bool_argument). */
    boolean on() {
        if (value == null) {
            return true;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        return v.equals("1") || v.equals("on") || v.equals("true") || v.equals("yes");
    }
}
