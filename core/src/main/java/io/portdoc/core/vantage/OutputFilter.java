package io.portdoc.core.vantage;

/**
 * What the client's own firewall does with its SYN to the server on the output hook.
 * {@code rule} names the deciding rule (null for ACCEPT or NONE); {@code sees} what the client's
 * program gets (timeout for a drop, refused / host-unreachable for a reject).
 */
public record OutputFilter(Kind kind, String rule, String sees) {
    public enum Kind {
        /** Every output chain lets it out. */
        ACCEPT,
        DROP,
        REJECT,
        /** No firewall rules on the client. */
        NONE,
        /** The rules could not be read or judged (not root, a tool failed, a rule portdoc cannot evaluate). */
        UNKNOWN
    }

    public boolean stops() {
        return kind == Kind.DROP || kind == Kind.REJECT;
    }

    public static OutputFilter of(Kind kind) {
        return new OutputFilter(kind, null, null);
    }
}
