package io.portdoc.checks.config.wrappers;

import io.portdoc.core.net.AddressSet;
import io.portdoc.core.net.Addresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * xinetd's address forms for only_from / no_access (xinetd.conf(5), addr.c): {@code 10.0.0.0}
 * (trailing zero parts are wildcards, {@code 0.0.0.0} is everyone), {@code 10.0.0.{1,7}}
 * (factorized), {@code 10.0.0.0/24} and {@code fd42::/64}, an exact IPv6 address ({@code ::} is
 * every IPv6 address), or a host name / {@code .domain} matched against the client's reverse name.
 */
final class XinetdAddresses {
    private XinetdAddresses() {}

    /** The addresses a word stands for; empty when it is a name (or a form portdoc does not read). */
    static Optional<AddressSet> set(String w) {
        try {
            if (w.contains("{")) {
                int open = w.indexOf('{');
                String head = w.substring(0, open);
                if (!w.endsWith("}") || !head.matches("(\\d{1,3}\\.){1,3}")) {
                    return Optional.empty();
                }
                AddressSet s = AddressSet.EMPTY;
                for (String part : w.substring(open + 1, w.length() - 1).split(",")) {
                    Optional<AddressSet> one = numeric(head + part.strip());
                    if (one.isEmpty()) {
                        return Optional.empty();
                    }
                    s = s.union(one.get());
                }
                return Optional.of(s);
            }
            if (w.contains("/")) {
                String[] nm = w.split("/", 2);
                if (!nm[1].matches("\\d{1,3}")) {
                    return Optional.empty();
                }
                return Optional.of(AddressSet.prefix(Addresses.literal(nm[0]), Integer.parseInt(nm[1])));
            }
            return numeric(w);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** numeric_addr(): IPv4 with fewer parts or trailing zeros covers the rest; IPv6 is exact, {@code ::} all. */
    private static Optional<AddressSet> numeric(String w) {
        if (w.contains(":")) {
            InetAddress a = Addresses.literal(w);
            return Optional.of(a.isAnyLocalAddress() ? AddressSet.allV6() : AddressSet.of(a));
        }
        if (!w.matches("\\d{1,3}(\\.\\d{1,3}){0,3}")) {
            return Optional.empty();
        }
        String[] parts = w.split("\\.");
        StringBuilder full = new StringBuilder(w);
        for (int i = parts.length; i < 4; i++) {
            full.append(".0");
        }
        InetAddress a = Addresses.literal(full.toString());
        if (!(a instanceof Inet4Address)) {
            return Optional.empty();
        }
        byte[] b = a.getAddress();
        int zeros = 0;
        for (int i = 3; i >= 0 && b[i] == 0; i--) {
            zeros++;
        }
        return Optional.of(AddressSet.prefix(a, 32 - 8 * zeros));
    }

    /** addrlist_match(): does any word match the client? Names need the client's verified reverse name. */
    static Tri matches(List<String> words, Client c) {
        Tri result = Tri.NO;
        for (String w : words) {
            Optional<AddressSet> s = set(w);
            if (s.isPresent()) {
                if (s.get().contains(c.addr())) {
                    return Tri.YES;
                }
                continue;
            }
            if (!c.looked()) {
                result = Tri.DEPENDS;
            } else if (c.name() != null
                    && (w.startsWith(".")
                            ? c.name().toLowerCase().endsWith(w.toLowerCase())
                            : c.name().equalsIgnoreCase(w))) {
                return Tri.YES;
            }
        }
        return result;
    }
}
