package io.portdoc.checks.firewall;

import java.util.Locale;

/**
 * Netfilter hooks a packet to this host (or DNATed through it) passes, in order. A packet made
 * on this host passes OUTPUT first (nat prerouting never sees it: its nat is decided there). Then
 * the netdev ingress hook of the arrival device (tables of family netdev, and inet since Linux
 * 5.10), before the IP stack and conntrack. POSTROUTING with OUTPUT are what a packet this host
 * sends passes, for the client's own firewall.
 */
enum Hook {
    OUTPUT,
    INGRESS,
    PREROUTING,
    INPUT,
    FORWARD,
    POSTROUTING;

    /** On the way in (or through): the hooks the server's firewall step evaluates for a remote client. */
    boolean inbound() {
        return this == INGRESS || this == PREROUTING || this == INPUT || this == FORWARD;
    }

    static Hook parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "ingress" -> INGRESS;
            case "prerouting" -> PREROUTING;
            case "input" -> INPUT;
            case "forward" -> FORWARD;
            case "output" -> OUTPUT;
            case "postrouting" -> POSTROUTING;
            default -> null;
        };
    }
}
