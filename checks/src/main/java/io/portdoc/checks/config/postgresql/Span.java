package io.portdoc.checks.config.postgresql;

import io.portdoc.core.net.AddressSet;
import io.portdoc.core.net.Addresses;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An address block as an inclusive interval of one family, with IPv4 also in longs: a
 * 10,000-line pg_hba.conf is matched against one client without a BigInteger per line.
 */
public record Span(boolean v4, long lo4, long hi4, BigInteger lo6, BigInteger hi6) {
    public static Span of(InetAddress base, int prefix) {
        int bits = base instanceof Inet4Address ? 32 : 128;
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
        BigInteger lo = new BigInteger(1, base.getAddress()).andNot(hostMask);
        BigInteger hi = lo.or(hostMask);
        return of(bits == 32, lo, hi);
    }

    /** An IPv4 block from its value and prefix length. */
    public static Span v4(long address, int prefix) {
        long hostMask = (1L << (32 - prefix)) - 1;
        long lo = address & ~hostMask & 0xFFFFFFFFL;
        long hi = lo | hostMask;
        return new Span(true, lo, hi, null, null);
    }

    /** An interval of either family ({@code lo} to {@code hi} inclusive). */
    public static Span of(boolean v4, BigInteger lo, BigInteger hi) {
        return v4 ? new Span(true, lo.longValue(), hi.longValue(), null, null) : new Span(false, -1, -1, lo, hi);
    }

    public BigInteger lo() {
        return v4 ? BigInteger.valueOf(lo4) : lo6;
    }

    public BigInteger hi() {
        return v4 ? BigInteger.valueOf(hi4) : hi6;
    }

    public boolean contains(Client c) {
        if (c.v4() != v4) {
            return false;
        }
        return v4
                ? lo4 <= c.value4() && c.value4() <= hi4
                : lo6.compareTo(c.value()) <= 0 && c.value().compareTo(hi6) <= 0;
    }

    public AddressSet set() {
        return AddressSet.range(Client.address(lo(), v4), Client.address(hi(), v4));
    }

    /** A client address in the same form, computed once per evaluation (IPv4-mapped IPv6 counts as IPv4). */
    public record Client(boolean v4, long value4, BigInteger value) {
        public static Client of(InetAddress a) {
            InetAddress x = Addresses.unmap(a);
            BigInteger v = new BigInteger(1, x.getAddress());
            return x instanceof Inet4Address ? new Client(true, v.longValue(), v) : new Client(false, -1, v);
        }

        static InetAddress address(BigInteger v, boolean v4) {
            byte[] raw = v.toByteArray();
            byte[] out = new byte[v4 ? 4 : 16];
            int copy = Math.min(raw.length, out.length);
            System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
            try {
                return InetAddress.getByAddress(out);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** {@code a.b.c.d} as an unsigned 32-bit value, or -1 when it is not exactly that. */
    public static long parseV4(String s) {
        long value = 0;
        int parts = 0;
        int i = 0;
        while (i <= s.length()) {
            int start = i;
            int octet = 0;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 3) {
                octet = octet * 10 + (s.charAt(i++) - '0');
            }
            if (i == start || octet > 255) {
                return -1;
            }
            value = (value << 8) | octet;
            parts++;
            if (i == s.length()) {
                break;
            }
            if (s.charAt(i) != '.' || parts == 4) {
                return -1;
            }
            i++;
        }
        return parts == 4 ? value : -1;
    }
}
