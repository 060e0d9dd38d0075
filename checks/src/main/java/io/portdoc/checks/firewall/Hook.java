package io.portdoc.checks.firewall;

import java.util.Locale;

/**
 * Netfilter hooks a packet to this host (or DNATed through it) passes, in order. A packet made
 * on this host passes OUTPUT first: only its nat chains are kept, since they decide a local
 * client's redirect or DNAT (nat prerouting never sees that packet). Then the netdev ingress
 * hook of the arrival device (tables of family netdev, and inet since Linux 5.10), before the IP
 * stack and conntrack.
 */
enum Hook {
    OUTPUT,
    INGRESS,
    PREROUTING,
    INPUT,
    FORWARD;

    static Hook parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "ingress" -> INGRESS;
            case "prerouting" -> PREROUTING;
            case "input" -> INPUT;
            case "forward" -> FORWARD;
            case "output" -> OUTPUT;
            default -> null;
        };
    }
}
