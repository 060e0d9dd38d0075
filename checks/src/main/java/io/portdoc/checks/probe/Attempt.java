package io.portdoc.checks.probe;

import io.portdoc.core.net.AddressSet;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * One connection attempt to one address. {@code address} is the literal as text (or the name
 * as given when it did not resolve); {@code error} is what the system said, null when open.
 */
public record Attempt(String address, ProbeState state, long elapsedMs, String error) {
    /** "10.0.0.154:80", "[fd42::154]:80". */
    public String endpoint(int port) {
        return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port;
    }

    /** RFC 5952 text of an address, its scope kept ({@code fe80::1%eth0}). */
    public static String text(InetAddress a) {
        if (!(a instanceof Inet6Address v6)) {
            return a.getHostAddress();
        }
        String scope = v6.getScopedInterface() != null ? v6.getScopedInterface().getName()
                : v6.getScopeId() != 0 ? Integer.toString(v6.getScopeId()) : null;
        String plain = AddressSet.format(v6);
        return scope == null ? plain : plain + "%" + scope;
    }
}
