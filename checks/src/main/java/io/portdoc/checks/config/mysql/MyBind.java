package io.portdoc.checks.config.mysql;

import io.portdoc.core.net.AddressSet;
import io.portdoc.core.net.Addresses;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

/**
 * The addresses the server listens on ({@code bind-address}; unset, every address). {@code *} and
 * {@code ::} are every IPv4 and IPv6 address, {@code 0.0.0.0} every IPv4 address; a
 * comma-separated list where the version takes one (see {@link ServerVersion#bindList}).
 */
record MyBind(List<String> addresses, MyOption option) {
    static final AddressSet LOOPBACK = AddressSet.parseCidr("127.0.0.0/8").union(AddressSet.parseCidr("::1/128"));

    static MyBind of(MySettings s, ServerVersion v) {
        return s.last("bind-address")
                .filter(o -> o.value() != null && !o.value().isBlank())
                .map(o -> new MyBind(
                        v == null || v.bindList()
                                ? Arrays.stream(o.value().split(","))
                                        .map(String::strip)
                                        .filter(a -> !a.isEmpty())
                                        .toList()
                                : List.of(o.value().strip()),
                        o))
                .orElse(new MyBind(List.of("*"), null));
    }

    static InetAddress ip(String text) {
        try {
            return Addresses.unmap(Addresses.literal(text));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static boolean loopback(String a) {
        if (a.equalsIgnoreCase("localhost")) {
            return true;
        }
        InetAddress ip = ip(a);
        return ip != null && LOOPBACK.contains(ip);
    }

    boolean loopbackOnly() {
        return addresses.stream().allMatch(MyBind::loopback);
    }

    boolean serves(InetAddress host) {
        InetAddress h = Addresses.unmap(host);
        for (String a : addresses) {
            if (a.equals("*") || a.equals("::")) {
                return true;
            }
            if (a.equals("0.0.0.0") && h.getAddress().length == 4) {
                return true;
            }
            InetAddress ip = ip(a);
            if (ip != null && ip.equals(h)) {
                return true;
            }
        }
        return false;
    }

    String where() {
        return option == null ? "bind-address" : option.at();
    }

    String text() {
        return option == null ? "bind-address = * (no bind-address line: every address)" : option.text();
    }
}
