package io.portdoc.core.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The one way portdoc reads and writes an IP address. Every address shown to a user or matched
 * against a daemon's pattern goes through {@link #text}: IPv6 in RFC 5952 form, as Apache, ip(8)
 * and nft write it ({@code fd00:10::156}, not Java's {@code fd00:10:0:0:0:0:0:156}), and an
 * IPv4-mapped IPv6 address as the IPv4 address the kernel treats it as.
 */
public final class Addresses {
    private Addresses() {}

    /** An IPv4 or IPv6 literal ({@code [..]} allowed); never a DNS query. */
    public static InetAddress literal(String s) {
        String t = s.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        if (!t.matches("[0-9a-fA-F:.%]+") || (!t.contains(":") && t.split("\\.", -1).length != 4)) {
            throw new IllegalArgumentException("not an IP address: " + s);
        }
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + s, e);
        }
    }

    /** True when {@code s} is written like an IP literal (it may still be an invalid one). */
    public static boolean looksLiteral(String s) {
        try {
            literal(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * An address as people write it: IPv6 in RFC 5952 form ({@code ::1}, {@code 2001:db8::5}) with
     * its scope kept ({@code fe80::1%eth0}); IPv4 dotted.
     */
    public static String text(InetAddress a) {
        if (!(a instanceof Inet6Address v6)) {
            return a.getHostAddress();
        }
        String scope = v6.getScopedInterface() != null
                ? v6.getScopedInterface().getName()
                : v6.getScopeId() != 0 ? Integer.toString(v6.getScopeId()) : null;
        String plain = rfc5952(v6.getAddress());
        return scope == null ? plain : plain + "%" + scope;
    }

    /** RFC 5952: lower-case hex, no leading zeros, the longest run of two or more zero groups as "::". */
    private static String rfc5952(byte[] b) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1; // a single zero group is not compressed
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /** IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) as the IPv4 address, as the kernel treats them. */
    public static InetAddress unmap(InetAddress a) {
        if (a instanceof Inet6Address) {
            byte[] b = a.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
                try {
                    return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return a;
    }
}
