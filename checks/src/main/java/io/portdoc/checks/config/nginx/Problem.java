package io.portdoc.checks.config.nginx;

/**
 * Why a configuration could not be judged. {@code EMERG}: nginx itself refuses it ({@code text} in
 * nginx's own words, as {@code nginx -t} prints after "[emerg]"); {@code UNREADABLE}: a file
 * portdoc may not read; {@code LIMIT}: a hostile or runaway input stopped by a size, depth or
 * loop limit.
 */
public record Problem(Kind kind, String text, Where where) {
    public enum Kind {
        EMERG,
        UNREADABLE,
        LIMIT
    }
}
