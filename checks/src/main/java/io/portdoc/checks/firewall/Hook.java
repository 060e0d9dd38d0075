package io.portdoc.checks.firewall;

import java.util.Locale;

/**
 * Netfilter hooks a packet to this host (or DNATed through it) passes, in order; then the hooks a
 * packet this host sends passes (output, postrouting), for the client's own firewall.
 */
enum Hook {
    PREROUTING,
    INPUT,
    FORWARD,
    OUTPUT,
    POSTROUTING;

    /** On the way in (or through): the hooks the server's firewall step evaluates. */
    boolean inbound() {
        return this == PREROUTING || this == INPUT || this == FORWARD;
    }

    static Hook parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "prerouting" -> PREROUTING;
            case "input" -> INPUT;
            case "forward" -> FORWARD;
            case "output" -> OUTPUT;
            case "postrouting" -> POSTROUTING;
            default -> null;
        };
    }
}
