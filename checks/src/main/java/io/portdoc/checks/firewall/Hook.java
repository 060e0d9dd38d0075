package io.portdoc.checks.firewall;

/** Netfilter hooks a packet to this host (or DNATed through it) passes, in order. */
enum Hook {
    PREROUTING, INPUT, FORWARD;

    static Hook parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "prerouting" -> PREROUTING;
            case "input" -> INPUT;
            case "forward" -> FORWARD;
            default -> null;
        };
    }
}
