package io.portdoc.checks.firewall;

import java.net.Inet6Address;
import java.net.InetAddress;

/** Addresses written as ip(8) and nft write them: IPv6 compressed (RFC 5952), no scope. */
final class Addr {
    private Addr() {
    }

    static String text(InetAddress a) {
        if (!(a instanceof Inet6Address)) {
            return a.getHostAddress();
        }
        byte[] b = a.getAddress();
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (w[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && w[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLen - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(w[i]));
        }
        return s.toString();
    }

    /** "fd00:0:0:0:0:0:0:0/64" (AddressSet's form) as "fd00::/64". */
    static String cidr(String c) {
        int slash = c.indexOf('/');
        if (slash < 0 || !c.contains(":")) {
            return c;
        }
        return text(io.portdoc.core.net.AddressSet.literal(c.substring(0, slash))) + c.substring(slash);
    }
}
