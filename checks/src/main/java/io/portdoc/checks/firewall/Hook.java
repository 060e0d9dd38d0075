package io.portdoc.checks.firewall;

import java.util.Locale;

/** Netfilter hooks a packet to this host (or DNATed through it) passes, in order. */
enum Hook {
    PREROUTING,
    INPUT,
    FORWARD;

    static Hook parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "prerouting" -> PREROUTING;
            case "input" -> INPUT;
            case "forward" -> FORWARD;
            default -> null;
        };
    }
}
