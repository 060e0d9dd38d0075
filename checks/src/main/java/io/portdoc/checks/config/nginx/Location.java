package io.portdoc.checks.config.nginx;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@code location} block: its modifier ({@code =} exact, {@code ^~} prefix that stops the
 * regular expressions, {@code ~} / {@code ~*} regular expression, none: prefix, {@code @} named),
 * the URI or compiled expression, its access level and the locations nested in it.
 */
public final class Location {
    public enum Kind {
        EXACT,
        PREFIX,
        NOREGEX,
        REGEX,
        NAMED
    }

    final Directive dir;
    final Kind kind;
    final String uri;
    final Pattern regex;
    final Level level;
    final List<Location> nested = new ArrayList<>();
    /** The {@code limit_except} block: its rules apply to the methods it does not name. */
    Level limitExcept;

    Location(Directive dir, Kind kind, String uri, Pattern regex) {
        this.dir = dir;
        this.kind = kind;
        this.uri = uri;
        this.regex = regex;
        this.level = new Level(dir);
    }

    public Directive dir() {
        return dir;
    }

    public Level level() {
        return level;
    }
}
