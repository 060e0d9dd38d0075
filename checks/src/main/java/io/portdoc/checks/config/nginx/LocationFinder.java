package io.portdoc.checks.config.nginx;

import java.util.ArrayList;
import java.util.List;

/**
 * The location nginx picks for a URI ({@code ngx_http_core_find_location}, src/http/ngx_http_core_module.c):
 * an exact ({@code =}) match ends the search; otherwise the longest prefix is remembered and its
 * nested locations searched; then, unless that prefix has {@code ^~}, the regular expressions of
 * the level are tried in file order and the first match wins (with its own nested locations);
 * without one, the longest prefix stays. Named ({@code @}) locations are never matched by a URI.
 */
final class LocationFinder {
    private LocationFinder() {}

    /** The chosen location and the ones enclosing it, outermost first; empty when none matches. */
    static List<Location> find(List<Location> level, String uri) {
        return search(level, uri).chain;
    }

    private record Found(boolean done, List<Location> chain) {}

    private static Found search(List<Location> level, String uri) {
        for (Location l : level) {
            if (l.kind == Location.Kind.EXACT && l.uri.equals(uri)) {
                return new Found(true, List.of(l));
            }
        }
        Location prefix = null;
        for (Location l : level) {
            boolean isPrefix = l.kind == Location.Kind.PREFIX || l.kind == Location.Kind.NOREGEX;
            if (isPrefix && uri.startsWith(l.uri) && (prefix == null || l.uri.length() > prefix.uri.length())) {
                prefix = l;
            }
        }
        List<Location> chain = new ArrayList<>();
        boolean noregex = false;
        if (prefix != null) {
            noregex = prefix.kind == Location.Kind.NOREGEX;
            Found inner = search(prefix.nested, uri);
            chain.add(prefix);
            chain.addAll(inner.chain);
            if (inner.done) {
                return new Found(true, chain);
            }
        }
        if (!noregex) {
            for (Location l : level) {
                if (l.kind == Location.Kind.REGEX
                        && l.regex != null
                        && l.regex.matcher(uri).find()) {
                    List<Location> r = new ArrayList<>();
                    r.add(l);
                    r.addAll(search(l.nested, uri).chain);
                    return new Found(true, r);
                }
            }
        }
        return new Found(false, chain);
    }
}
