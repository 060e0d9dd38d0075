package io.portdoc.core.probe;

/**
 * One connection attempt to one address. {@code address} is the literal as text (or the name
 * as given when it did not resolve); {@code error} is what the system said, null when open.
 */
public record Attempt(String address, ProbeState state, long elapsedMs, String error) {
    /** "10.0.0.154:80", "[fd42::154]:80". */
    public String endpoint(int port) {
        return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port;
    }
}
