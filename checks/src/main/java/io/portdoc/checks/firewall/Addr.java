package io.portdoc.checks.firewall;

import io.portdoc.core.net.Addresses;

/** CIDR blocks written as ip(8) and nft write them: IPv6 compressed (RFC 5952). */
final class Addr {
    private Addr() {}

    /** "fd00:0:0:0:0:0:0:0/64" (AddressSet's form) as "fd00::/64". */
    static String cidr(String c) {
        int slash = c.indexOf('/');
        if (slash < 0 || !c.contains(":")) {
            return c;
        }
        return Addresses.text(Addresses.literal(c.substring(0, slash))) + c.substring(slash);
    }
}
