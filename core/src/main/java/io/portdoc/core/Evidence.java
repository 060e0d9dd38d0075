package io.portdoc.core;

/**
 * One thing a check saw. {@code source} names where it came from ("process", "/proc/net/tcp",
 * "nft -j list ruleset", "config"); {@code location} is {@code file:line} when it comes from a
 * file, otherwise null.
 */
public record Evidence(String source, String text, String location) {
    public static Evidence of(String source, String text) {
        return new Evidence(source, text, null);
    }

    public static Evidence at(String source, String text, String location) {
        return new Evidence(source, text, location);
    }
}
