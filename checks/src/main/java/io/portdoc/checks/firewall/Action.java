package io.portdoc.checks.firewall;

/** What a matching rule does. Rules without a verdict (counter, log, mark) are {@link Continue}. */
sealed interface Action {
    record Accept() implements Action {}

    record Drop() implements Action {}

    record Reject(String type, ClientSees sees) implements Action {}

    record Jump(String chain) implements Action {}

    record Goto(String chain) implements Action {}

    record Return() implements Action {}

    record Continue() implements Action {}

    /**
     * DNAT / REDIRECT in a nat chain: where the packet goes instead (address null: this host; port
     * 0: unchanged). {@code unsupported} says why portdoc cannot tell where (an address or port
     * range, where the kernel picks one), else null.
     */
    record Dnat(String address, int port, boolean redirect, String unsupported) implements Action {
        Dnat(String address, int port, boolean redirect) {
            this(address, port, redirect, null);
        }

        static Dnat unsupported(boolean redirect, String why) {
            return new Dnat(null, 0, redirect, why);
        }
    }

    /** A verdict portdoc cannot predict: queue to user space, an unknown terminating target. */
    record Opaque(String what) implements Action {}

    Accept ACCEPT = new Accept();
    Drop DROP = new Drop();
    Return RETURN = new Return();
    Continue CONTINUE = new Continue();

    default boolean terminal() {
        return this instanceof Accept
                || this instanceof Drop
                || this instanceof Reject
                || this instanceof Dnat
                || this instanceof Opaque;
    }
}
