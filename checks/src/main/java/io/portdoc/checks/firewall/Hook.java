package io.portdoc.checks.firewall;

import java.util.Locale;

/**
 * Netfilter hooks a packet to this host (or DNATed through it) passes, in order. A packet made
 * on this host passes OUTPUT first: only its nat chains are kept, since they decide a local
 * client's redirect or DNAT (nat prerouting never sees that packet).
 */
enum Hook {
    OUTPUT,
    PREROUTING,
    INPUT,
    FORWARD;

    static Hook parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "prerouting" -> PREROUTING;
            case "input" -> INPUT;
            case "forward" -> FORWARD;
            case "output" -> OUTPUT;
            default -> null;
        };
    }
}
