package io.portdoc.core;

import java.util.Locale;

/** Who should reach a service: drives the listening verdict and the router hint. */
public enum Exposure {
    /** Only this host (e.g. Postfix on 127.0.0.1:25 on purpose): loopback is right. */
    LOCAL,
    /** Hosts on the local networks. */
    LAN,
    /** The internet, through the router. */
    PUBLIC;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Exposure parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
