package io.portdoc.core.net;

/** The seed's three port groups (IANA). */
public enum PortClass {
    /** 0-1023: system services; binding needs root or CAP_NET_BIND_SERVICE. */
    WELL_KNOWN("well-known"),
    /** 1024-49151: registered with IANA, usable by ordinary users. */
    REGISTERED("registered"),
    /** 49152-65535: dynamic / private, the range clients' ephemeral ports come from. */
    DYNAMIC("dynamic");

    public final String id;

    PortClass(String id) {
        this.id = id;
    }

    public static PortClass of(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0-65535");
        }
        return port <= 1023 ? WELL_KNOWN : port <= 49151 ? REGISTERED : DYNAMIC;
    }
}
