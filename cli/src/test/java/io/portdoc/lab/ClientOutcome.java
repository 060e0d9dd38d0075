package io.portdoc.lab;

/**
 * What a real client (OpenBSD {@code nc -vz}) got, in the probe contract's words: {@code open},
 * {@code refused}, {@code timeout}, {@code host-unreachable}, {@code network-unreachable},
 * {@code unresolved}; {@code message} is nc's own line (the kernel's error text).
 */
public record ClientOutcome(String state, long elapsedMs, String message) {
    /** This outcome, after checking its state is {@code expected} (the message says what nc said). */
    public ClientOutcome expect(String expected) {
        if (!state.equals(expected)) {
            throw new AssertionError("a real client expected " + expected + " but got " + state + " after " + elapsedMs
                    + " ms: " + message);
        }
        return this;
    }

    /** nc's message to a state: the strerror texts of ECONNREFUSED, EHOSTUNREACH, ... */
    static ClientOutcome fromNc(int exit, String output, long elapsedMs) {
        String text = output.strip();
        String last = text.isEmpty() ? "" : text.substring(text.lastIndexOf('\n') + 1);
        String state;
        if (exit == 0 && text.contains("succeeded")) {
            state = "open";
        } else if (last.contains("Connection refused")) {
            state = "refused";
        } else if (last.contains("timed out")) {
            state = "timeout";
        } else if (last.contains("No route to host") || last.contains("Permission denied")) {
            state = "host-unreachable";
        } else if (last.contains("Network is unreachable")) {
            state = "network-unreachable";
        } else if (last.contains("not known") || last.contains("name resolution") || last.contains("No address")) {
            state = "unresolved";
        } else {
            state = "unknown";
        }
        return new ClientOutcome(state, elapsedMs, text);
    }
}
