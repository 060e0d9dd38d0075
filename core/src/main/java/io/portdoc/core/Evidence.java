package io.portdoc.core;

/**
 * One thing a check saw. {@code source} names where it came from ("process", "/proc/net/tcp",
 * "nft -j list ruleset", "config"); {@code location} is {@code file:line} when it comes from a
 * file, otherwise null.
 */
public record Evidence(String source, String text, String location) {
    /** Longest evidence text kept (shown with --verbose and in JSON / markdown). */
    public static final int MAX_CHARS = 4096;

    public Evidence {
        text = shorten(text, MAX_CHARS);
        source = shorten(source, MAX_CHARS);
        location = shorten(location, MAX_CHARS);
    }

    /** {@code text} cut at {@code max} characters, saying how much was left out. */
    public static String shorten(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max) + "... (" + (text.length() - max) + " more characters)";
    }

    public static Evidence of(String source, String text) {
        return new Evidence(source, text, null);
    }

    public static Evidence at(String source, String text, String location) {
        return new Evidence(source, text, location);
    }
}
