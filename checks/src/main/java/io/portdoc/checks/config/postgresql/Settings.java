package io.portdoc.checks.config.postgresql;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The server settings as the postmaster sees them: the last assignment of each name wins,
 * the command line's {@code -c} over every file. Names are case-insensitive, as in guc.c.
 */
public record Settings(Map<String, Setting> values, List<String> files, List<Problem> problems) {
    /** One assignment; {@code loc} is null when it came from the command line. */
    public record Setting(String name, String value, Loc loc) {
        /** {@code file:line}, or where else the value came from. */
        public String where() {
            return loc == null ? "the postgres command line" : loc.toString();
        }
    }

    public Optional<Setting> get(String name) {
        return Optional.ofNullable(values.get(name.toLowerCase(Locale.ROOT)));
    }

    public String value(String name, String dflt) {
        return get(name).map(Setting::value).orElse(dflt);
    }
}
