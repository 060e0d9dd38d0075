package io.portdoc.checks.config.redis;

import io.portdoc.core.net.AddressSet;
import io.portdoc.core.net.Addresses;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The addresses Redis listens on (the last {@code bind} line; without one, 7.0's default
 * {@code * -::*}). A leading {@code -} marks an address Redis skips when the host does not have
 * it; {@code *} is every IPv4 address and {@code ::*} every IPv6 address.
 */
record Bind(List<String> addresses, RedisLine line) {
    static final List<String> DEFAULT = List.of("*", "-::*");
    static final AddressSet LOOPBACK = AddressSet.parseCidr("127.0.0.0/8").union(AddressSet.parseCidr("::1/128"));

    static Bind of(RedisConfig config) {
        Optional<RedisLine> l = config.last("bind");
        return l.map(b -> new Bind(b.args(), b)).orElse(new Bind(DEFAULT, null));
    }

    static String bare(String address) {
        return address.startsWith("-") ? address.substring(1) : address;
    }

    static boolean wildcard(String address) {
        String a = bare(address);
        return a.equals("*") || a.equals("::*") || a.equals("0.0.0.0") || a.equals("::");
    }

    static boolean loopback(String address) {
        String a = bare(address);
        if (a.equalsIgnoreCase("localhost")) {
            return true;
        }
        InetAddress ip = ip(a);
        return ip != null && LOOPBACK.contains(ip);
    }

    /** The address an IP literal names, or null (a host name, or nonsense Redis would refuse). */
    static InetAddress ip(String text) {
        try {
            return Addresses.unmap(Addresses.literal(text));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Every address is on loopback: clients on other hosts can never connect. */
    boolean loopbackOnly() {
        return !addresses.isEmpty() && addresses.stream().allMatch(Bind::loopback);
    }

    /** Whether a client connecting to {@code host} (an address of this host) reaches a bound socket. */
    boolean serves(InetAddress host) {
        for (String a : addresses) {
            String b = bare(a);
            if (b.equals("*") || b.equals("0.0.0.0")) {
                if (host.getAddress().length == 4) {
                    return true;
                }
            } else if (b.equals("::*") || b.equals("::")) {
                if (host.getAddress().length == 16) {
                    return true;
                }
            } else {
                InetAddress ip = ip(b);
                if (ip != null && ip.equals(Addresses.unmap(host))) {
                    return true;
                }
            }
        }
        return false;
    }

    String where() {
        return line == null ? "bind " + String.join(" ", DEFAULT) : line.where().toString();
    }

    String text() {
        return line == null ? "bind " + String.join(" ", DEFAULT) : line.text();
    }
}
