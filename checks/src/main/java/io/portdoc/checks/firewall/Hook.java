package io.portdoc.checks.firewall;

import java.util.Locale;

/**
 * Netfilter hooks a packet to this host (or DNATed through it) passes, in order: the netdev
 * ingress hook of the arrival device first (tables of family netdev, and inet since Linux 5.10),
 * before the IP stack and conntrack.
 */
enum Hook {
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
            default -> null;
        };
    }
}
