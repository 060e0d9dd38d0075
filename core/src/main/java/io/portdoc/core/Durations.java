package io.portdoc.core;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them: {@code 3s}, {@code 500ms}, {@code 1m}, {@code 1.5s}; a bare number is seconds. */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    private Durations() {}

    public static Duration parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid duration '" + text + "' (use e.g. 3s, 500ms, 1m)");
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double ms = switch (unit) {
            case "ms" -> n;
            case "m" -> n * 60_000;
            case "h" -> n * 3_600_000;
            default -> n * 1000;
        };
        if (ms < 1 || ms > 3_600_000) {
            throw new IllegalArgumentException("duration '" + text + "' is outside 1ms-1h");
        }
        return Duration.ofMillis(Math.round(ms));
    }

    /** The short form used in reports: {@code 3s}, {@code 500ms}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }
}
