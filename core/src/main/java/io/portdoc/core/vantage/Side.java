package io.portdoc.core.vantage;

/**
 * Where a piece of evidence was seen: on the server (steps 1-4, the route back) or on the client
 * portdoc runs on (its name lookup, route, output firewall, proxy variables, its probe).
 */
public enum Side {
    SERVER("server"),
    CLIENT("client");

    private final String id;

    Side(String id) {
        this.id = id;
    }

    /** The JSON value of a {@code vantage} field. */
    public String id() {
        return id;
    }
}
