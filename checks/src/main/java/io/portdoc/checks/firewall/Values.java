package io.portdoc.checks.firewall;

import java.util.Locale;
import java.util.Set;

/** The right-hand side of a condition: addresses, numbers (ports, protocols) or names. */
sealed interface Values {
    record Addrs(AddrMatch set) implements Values {}

    record Ints(IntRanges set) implements Values {}

    /** Names; interface names may end in {@code *} (nft) or {@code +} (iptables) as a wildcard. */
    record Names(Set<String> names) implements Values {
        boolean matches(String value) {
            String v = value.toLowerCase(Locale.ROOT);
            for (String n : names) {
                String p = n.toLowerCase(Locale.ROOT);
                if (p.endsWith("*") || p.endsWith("+")) {
                    if (v.startsWith(p.substring(0, p.length() - 1))) {
                        return true;
                    }
                } else if (p.equals(v)) {
                    return true;
                }
            }
            return false;
        }
    }
}
