package io.portdoc.checks.config.apache;

import io.portdoc.core.net.AddressSet;
import io.portdoc.core.net.Addresses;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An address pattern as APR's {@code apr_ipsubnet_create} reads it for {@code Allow from},
 * {@code Deny from} and {@code Require ip}: full IPv4 or IPv6 addresses, partial IPv4
 * ({@code 10.0.0} = 10.0.0.0/24, {@code 10} = /8, only without a mask), {@code /bits} (1..32 or
 * 1..128; {@code /0} is refused) and IPv4 {@code /netmask} (any, even non-contiguous); host bits
 * are cleared. IPv4-mapped IPv6 literals are refused; an IPv4 pattern matches IPv4-mapped clients.
 */
public record IpPattern(String text, boolean ipv6, byte[] sub, byte[] mask) {
    /** Apache's own error texts (apr_strerror). */
    public static final String BAD_IP = "The specified IP address is invalid.";

    public static final String BAD_MASK = "The specified network mask is invalid.";

    /** What a word turned out to be. */
    public sealed interface Result permits Ok, NotIp, Bad {}

    public record Ok(IpPattern pattern) implements Result {}

    /** Did not look like an IP address at all (APR_EINVAL): a host name for Allow/Deny. */
    public record NotIp() implements Result {}

    /** Looked like an IP address but is invalid: Apache refuses the configuration. */
    public record Bad(String message) implements Result {}

    /** {@code word} as written, e.g. {@code 10.0.0}, {@code 10.0.0.0/24}, {@code fe80::/10}. */
    public static Result parse(String word) {
        int slash = word.indexOf('/');
        String ip = slash < 0 ? word : word.substring(0, slash);
        String mask = slash < 0 ? null : word.substring(slash + 1);
        if (!looksLikeIp(ip)) {
            return new NotIp();
        }
        byte[] sub;
        byte[] m;
        boolean v6 = false;
        if (ip.indexOf(':') >= 0) {
            InetAddress a = v6Literal(ip);
            if (a == null || a instanceof Inet4Address) { // Java turns ::ffff:a.b.c.d into IPv4: APR refuses it
                return new Bad(BAD_IP);
            }
            sub = a.getAddress();
            m = ones(16);
            v6 = true;
        } else {
            sub = pton4(ip);
            m = ones(4);
            if (sub == null) {
                if (mask != null) {
                    return new Bad(BAD_IP);
                }
                byte[][] net = network(ip);
                if (net == null) {
                    return new Bad(BAD_IP);
                }
                sub = net[0];
                m = net[1];
            }
        }
        if (mask != null) {
            int max = v6 ? 128 : 32;
            Integer bits = mask.matches("[0-9]{1,4}") ? Integer.parseInt(mask) : null;
            if (bits != null && bits > 0 && bits <= max) {
                m = prefixMask(v6 ? 16 : 4, bits);
            } else if (!v6 && pton4(mask) != null) {
                m = pton4(mask);
            } else {
                return new Bad(BAD_MASK);
            }
        }
        for (int i = 0; i < sub.length; i++) {
            sub[i] &= m[i];
        }
        return new Ok(new IpPattern(word, v6, sub, m));
    }

    /** APR looks_like_ip: contains a colon, or only digits and dots. */
    public static boolean looksLikeIp(String s) {
        if (s.isEmpty()) {
            return false;
        }
        if (s.indexOf(':') >= 0) {
            return true;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress v6Literal(String s) {
        if (!s.matches("[0-9A-Fa-f:.]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** inet_pton for IPv4: exactly four decimal octets (leading zeros allowed, as APR's copy of BIND's). */
    static byte[] pton4(String s) {
        String[] p = s.split("\\.", -1);
        if (p.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String digits = p[i].replaceFirst("^0+(?=.)", "");
            if (p[i].isEmpty() || !p[i].chars().allMatch(Character::isDigit) || digits.length() > 3) {
                return null;
            }
            int v = Integer.parseInt(digits);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    /** The legacy partial form {@code a.b.c} / {@code a.b.c.} = a.b.c.0/24 (APR parse_network). */
    private static byte[][] network(String s) {
        if (s.length() >= 16) {
            return null;
        }
        byte[] sub = new byte[4];
        byte[] mask = new byte[4];
        String[] p = s.split("\\.", -1);
        int n = p.length;
        if (n > 1 && p[n - 1].isEmpty()) {
            n--; // a trailing dot is allowed
        }
        if (n > 4) {
            return null;
        }
        for (int i = 0; i < n; i++) {
            if (p[i].isEmpty() || !p[i].chars().allMatch(Character::isDigit)) {
                return null;
            }
            int v = Integer.parseInt(p[i]);
            if (v > 255) {
                return null;
            }
            sub[i] = (byte) v;
            mask[i] = (byte) 0xff;
        }
        return new byte[][] {sub, mask};
    }

    private static byte[] ones(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 0xff);
        return b;
    }

    private static byte[] prefixMask(int bytes, int bits) {
        byte[] b = new byte[bytes];
        for (int i = 0; i < bits; i++) {
            b[i / 8] |= (byte) (0x80 >>> (i % 8));
        }
        return b;
    }

    /** apr_ipsubnet_test: an IPv4 pattern also matches an IPv4-mapped IPv6 client. */
    public boolean matches(InetAddress client) {
        InetAddress a = Addresses.unmap(client);
        byte[] b = a.getAddress();
        if ((b.length == 16) != ipv6) {
            return false;
        }
        for (int i = 0; i < b.length; i++) {
            if ((b[i] & mask[i]) != sub[i]) {
                return false;
            }
        }
        return true;
    }

    public boolean contiguous() {
        BigInteger m = new BigInteger(1, mask);
        int bits = mask.length * 8;
        int ones = m.bitCount();
        return m.equals(BigInteger.ONE.shiftLeft(ones).subtract(BigInteger.ONE).shiftLeft(bits - ones));
    }

    /**
     * The addresses this pattern matches. A non-contiguous netmask (legal for APR) becomes the
     * union of its blocks, up to 4096 blocks; beyond that the covering prefix (a superset).
     */
    public AddressSet toSet() {
        InetAddress base = address(sub);
        if (contiguous()) {
            return AddressSet.prefix(base, new BigInteger(1, mask).bitCount());
        }
        int bits = mask.length * 8;
        BigInteger m = new BigInteger(1, mask);
        int low = m.getLowestSetBit();
        int free = 0;
        for (int i = low; i < bits; i++) {
            if (!m.testBit(i)) {
                free++;
            }
        }
        if (free > 12) {
            return AddressSet.prefix(base, leadingOnes(m, bits));
        }
        AddressSet out = AddressSet.EMPTY;
        BigInteger s = new BigInteger(1, sub);
        for (int combo = 0; combo < (1 << free); combo++) {
            BigInteger v = s;
            int k = 0;
            for (int i = low; i < bits; i++) {
                if (!m.testBit(i)) {
                    if ((combo >> k & 1) == 1) {
                        v = v.setBit(i);
                    }
                    k++;
                }
            }
            out = out.union(AddressSet.prefix(address(toBytes(v, mask.length)), bits - low));
        }
        return out;
    }

    private static int leadingOnes(BigInteger m, int bits) {
        int n = 0;
        for (int i = bits - 1; i >= 0 && m.testBit(i); i--) {
            n++;
        }
        return n;
    }

    private static byte[] toBytes(BigInteger v, int len) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[len];
        int copy = Math.min(raw.length, len);
        System.arraycopy(raw, raw.length - copy, out, len - copy, copy);
        return out;
    }

    private static InetAddress address(byte[] b) {
        try {
            return b.length == 16
                    ? Inet6Address.getByAddress(null, b.clone(), null)
                    : InetAddress.getByAddress(b.clone());
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpPattern p && p.ipv6 == ipv6 && Arrays.equals(p.sub, sub) && Arrays.equals(p.mask, mask);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sub) * 31 + Arrays.hashCode(mask);
    }

    @Override
    public String toString() {
        return text;
    }
}
