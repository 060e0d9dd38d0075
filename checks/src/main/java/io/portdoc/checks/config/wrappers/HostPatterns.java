package io.portdoc.checks.config.wrappers;

import io.portdoc.core.net.AddressSet;
import io.portdoc.core.net.Addresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * hosts_access(5) patterns, as libwrap's hosts_access.c matches them: {@code ALL}, {@code LOCAL}
 * (a name without a dot), {@code KNOWN} / {@code UNKNOWN} (whether the name is known),
 * {@code .example.com} (name suffix), {@code 10.0.0.} (address prefix), {@code n.n.n.n/m.m.m.m}
 * (net/mask), {@code [ipv6]} and {@code [ipv6]/len}, {@code *} / {@code ?} wildcards, and
 * {@code list EXCEPT list} (the exception list is matched like a list, and may nest).
 */
final class HostPatterns {
    private HostPatterns() {}

    /** list_match(): the first matching word decides, unless an EXCEPT list after it matches too. */
    static Tri list(List<String> words, Function<String, Tri> match) {
        return list(words, 0, match);
    }

    private static Tri list(List<String> words, int from, Function<String, Tri> match) {
        for (int i = from; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("EXCEPT")) {
                return Tri.NO;
            }
            Tri m = match.apply(w);
            if (m == Tri.NO) {
                continue;
            }
            int except = words.subList(i, words.size()).indexOf("EXCEPT");
            Tri ifMatched = except < 0 ? Tri.YES : not(list(words, i + except + 1, match));
            if (m == Tri.YES) {
                return ifMatched;
            }
            Tri otherwise = list(words, i + 1, match);
            return ifMatched == otherwise ? ifMatched : Tri.DEPENDS;
        }
        return Tri.NO;
    }

    private static Tri not(Tri t) {
        return t == Tri.YES ? Tri.NO : t == Tri.NO ? Tri.YES : Tri.DEPENDS;
    }

    /** A daemon_list word against the daemon's process name ({@code name@host} needs the server address). */
    static Tri daemon(String word, String daemon, InetAddress server) {
        int at = word.lastIndexOf('@');
        if (at > 0) {
            Tri d = stringMatch(word.substring(0, at), daemon);
            if (d == Tri.NO) {
                return Tri.NO;
            }
            return server == null ? Tri.DEPENDS : host(word.substring(at + 1), new Client(server, null, false));
        }
        return stringMatch(word, daemon);
    }

    /** A client_list word against the client (host_match in hosts_access.c). */
    static Tri host(String word, Client c) {
        String w = word.toUpperCase(Locale.ROOT);
        if (word.startsWith("@") || word.startsWith("/") || word.indexOf('@') > 0) {
            return Tri.DEPENDS; // NIS netgroup, a pattern file, or user@host (ident): not evaluated
        }
        switch (w) {
            case "ALL":
                return Tri.YES;
            case "LOCAL":
                return !c.looked()
                        ? Tri.DEPENDS
                        : Tri.of(c.name() != null && c.name().indexOf('.') < 0);
            case "KNOWN":
                return !c.looked() ? Tri.DEPENDS : Tri.of(c.name() != null);
            case "UNKNOWN":
                return !c.looked() ? Tri.DEPENDS : Tri.of(c.name() == null);
            case "PARANOID":
                return !c.looked() ? Tri.DEPENDS : Tri.NO;
            default:
                break;
        }
        Optional<AddressSet> set = addresses(word);
        if (set.isPresent()) {
            return Tri.of(set.get().contains(c.addr()));
        }
        if (word.contains("/")) {
            return Tri.NO; // a mask libwrap cannot read (e.g. 10.0.0.0/24): it matches nothing
        }
        // string_match() is tried on the address text too (wildcards, prefixes), then on the name
        if (stringMatch(word, Addresses.text(c.addr())) == Tri.YES) {
            return Tri.YES;
        }
        if (!c.looked()) {
            return Tri.DEPENDS;
        }
        return c.name() == null ? Tri.NO : stringMatch(word, c.name());
    }

    /** string_match(): {@code .suffix}, {@code prefix.}, wildcards, or the whole string, ignoring case. */
    static Tri stringMatch(String tok, String s) {
        String t = tok.toLowerCase(Locale.ROOT);
        String v = s.toLowerCase(Locale.ROOT);
        if (t.equals("all")) {
            return Tri.YES;
        }
        if (t.startsWith(".")) {
            return Tri.of(v.endsWith(t));
        }
        if (t.endsWith(".")) {
            return Tri.of(v.startsWith(t));
        }
        if (t.indexOf('*') >= 0 || t.indexOf('?') >= 0) {
            return Tri.of(v.matches(t.replace(".", "\\.").replace("*", ".*").replace("?", ".")));
        }
        return Tri.of(t.equals(v));
    }

    /**
     * The addresses an address pattern stands for: {@code 10.0.0.} (prefix), {@code 10.0.0.7},
     * {@code n.n.n.n/m.m.m.m}, {@code [v6]}, {@code [v6]/len}, {@code ALL}; empty for names.
     */
    static Optional<AddressSet> addresses(String word) {
        if (word.equalsIgnoreCase("ALL")) {
            return Optional.of(AddressSet.ALL);
        }
        try {
            if (word.startsWith("[")) {
                int close = word.indexOf(']');
                if (close < 0) {
                    return Optional.empty();
                }
                InetAddress a = Addresses.literal(word.substring(1, close));
                String rest = word.substring(close + 1);
                if (rest.isEmpty()) {
                    return Optional.of(AddressSet.of(a));
                }
                if (rest.matches("/\\d{1,3}") && Integer.parseInt(rest.substring(1)) <= 128) {
                    return Optional.of(AddressSet.prefix(a, Integer.parseInt(rest.substring(1))));
                }
                return Optional.empty();
            }
            if (word.matches("(\\d{1,3}\\.){1,3}")) {
                String[] o = word.split("\\.");
                StringBuilder base = new StringBuilder(word);
                for (int i = o.length; i < 4; i++) {
                    base.append(i == 3 ? "0" : "0.");
                }
                return Optional.of(AddressSet.prefix(Addresses.literal(base.toString()), 8 * o.length));
            }
            if (word.matches("(\\d{1,3}\\.){3}\\d{1,3}")) {
                return Optional.of(AddressSet.of(Addresses.literal(word)));
            }
            if (word.matches("(\\d{1,3}\\.){3}\\d{1,3}/(\\d{1,3}\\.){3}\\d{1,3}")) {
                String[] nm = word.split("/");
                InetAddress net = Addresses.literal(nm[0]);
                InetAddress mask = Addresses.literal(nm[1]);
                if (!(net instanceof Inet4Address)) {
                    return Optional.empty();
                }
                int prefix = AddressSet.maskToPrefix(mask);
                // libwrap compares net with address AND mask: a net with host bits set matches nothing
                AddressSet block = AddressSet.prefix(net, prefix);
                return Optional.of(
                        block.contains(net)
                                        && Addresses.text(net)
                                                .equals(block.toCidrs().get(0).split("/")[0])
                                ? block
                                : AddressSet.EMPTY);
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
