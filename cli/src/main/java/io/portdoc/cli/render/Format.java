package io.portdoc.cli.render;

import java.util.Locale;

/** Output formats of {@code --format}. */
public enum Format {
    TEXT, JSON, MARKDOWN;

    /** picocli converter: unknown names are bad input (exit 2). */
    public static Format parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown format '" + s + "' (use text, json or markdown)");
        }
    }
}
