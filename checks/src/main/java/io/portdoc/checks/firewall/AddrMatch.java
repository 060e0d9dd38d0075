package io.portdoc.checks.firewall;

import io.portdoc.core.net.AddressSet;
import io.portdoc.core.net.Addresses;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The addresses of a firewall set or rule operand, built for lookups: IPv4 as sorted disjoint
 * {@code long} intervals (a 100,000-element ipset is a binary search, not a BigInteger scan),
 * IPv6 as BigInteger intervals. {@link #toAddressSet()} is computed once, for the symbolic
 * "who is let in" evaluation.
 */
final class AddrMatch {
    static final AddrMatch EMPTY = new Builder().build();

    private final long[] v4lo;
    private final long[] v4hi;
    private final BigInteger[] v6lo;
    private final BigInteger[] v6hi;
    private AddressSet set;

    private AddrMatch(long[] v4lo, long[] v4hi, BigInteger[] v6lo, BigInteger[] v6hi) {
        this.v4lo = v4lo;
        this.v4hi = v4hi;
        this.v6lo = v6lo;
        this.v6hi = v6hi;
    }

    static AddrMatch of(String... cidrs) {
        Builder b = new Builder();
        for (String c : cidrs) {
            b.addText(c);
        }
        return b.build();
    }

    static AddrMatch union(Collection<AddrMatch> parts) {
        Builder b = new Builder();
        for (AddrMatch m : parts) {
            for (int i = 0; i < m.v4lo.length; i++) {
                b.add4(m.v4lo[i], m.v4hi[i]);
            }
            for (int i = 0; i < m.v6lo.length; i++) {
                b.add6(m.v6lo[i], m.v6hi[i]);
            }
        }
        return b.build();
    }

    boolean contains(InetAddress address) {
        InetAddress a = Addresses.unmap(address);
        if (a instanceof Inet4Address) {
            long v = toLong(a.getAddress());
            int i = Arrays.binarySearch(v4lo, v);
            if (i >= 0) {
                return true;
            }
            int ins = -i - 2; // last interval starting below v
            return ins >= 0 && v4hi[ins] >= v;
        }
        BigInteger v = new BigInteger(1, a.getAddress());
        int i = Arrays.binarySearch(v6lo, v);
        if (i >= 0) {
            return true;
        }
        int ins = -i - 2;
        return ins >= 0 && v6hi[ins].compareTo(v) >= 0;
    }

    boolean hasV4() {
        return v4lo.length > 0;
    }

    boolean hasV6() {
        return v6lo.length > 0;
    }

    boolean isEmpty() {
        return v4lo.length == 0 && v6lo.length == 0;
    }

    int intervals() {
        return v4lo.length + v6lo.length;
    }

    /** The same addresses as a core AddressSet (memoized). */
    synchronized AddressSet toAddressSet() {
        if (set == null) {
            List<AddressSet> parts = new ArrayList<>(v6lo.length + 1);
            parts.add(AddressSet.ofV4Ranges(v4lo, v4hi));
            for (int i = 0; i < v6lo.length; i++) {
                parts.add(AddressSet.range(fromBig(v6lo[i]), fromBig(v6hi[i])));
            }
            set = AddressSet.unionAll(parts);
        }
        return set;
    }

    @Override
    public String toString() {
        return toAddressSet().toString();
    }

    /** A dotted quad in {@code s[from, to)} as an unsigned value, or -1 when it is not one. */
    static long parseV4(String s, int from, int to) {
        long v = 0;
        int part = 0;
        int digits = 0;
        int dots = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                part = part * 10 + (c - '0');
                if (++digits > 3 || part > 255) {
                    return -1;
                }
            } else if (c == '.' && digits > 0 && dots < 3) {
                v = (v << 8) | part;
                part = 0;
                digits = 0;
                dots++;
            } else {
                return -1;
            }
        }
        return dots == 3 && digits > 0 ? (v << 8) | part : -1;
    }

    private static int parseInt(String s, int from, int to) {
        int v = 0;
        if (from >= to || to - from > 3) {
            return -1;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    static long toLong(byte[] b) {
        return ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
    }

    private static InetAddress fromBig(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[16];
        int copy = Math.min(raw.length, 16);
        System.arraycopy(raw, raw.length - copy, out, 16 - copy, copy);
        try {
            return InetAddress.getByAddress(out);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Collects addresses, prefixes and ranges; {@link #build()} sorts and merges once. */
    static final class Builder {
        private long[] lo4 = new long[16];
        private long[] hi4 = new long[16];
        private int n4;
        private final List<BigInteger[]> six = new ArrayList<>();

        /**
         * A range whose end comes before its start holds no address: the kernel's iprange match
         * tests {@code from <= a && a <= to} (xt_iprange.c), and nft refuses such a range.
         */
        Builder add4(long lo, long hi) {
            if (lo > hi) {
                return this;
            }
            if (n4 == lo4.length) {
                lo4 = Arrays.copyOf(lo4, n4 * 2);
                hi4 = Arrays.copyOf(hi4, n4 * 2);
            }
            lo4[n4] = lo;
            hi4[n4++] = hi;
            return this;
        }

        Builder add6(BigInteger lo, BigInteger hi) {
            if (lo.compareTo(hi) > 0) {
                return this; // empty, as in add4
            }
            six.add(new BigInteger[] {lo, hi});
            return this;
        }

        /** {@code a.b.c.d}, {@code a.b.c.d/nn}, {@code a.b.c.d/m.m.m.m}, IPv6 alike. */
        Builder addText(String text) {
            String s = text.trim();
            int slash = s.indexOf('/');
            long fast = parseV4(s, 0, slash < 0 ? s.length() : slash);
            if (fast >= 0) { // the common case, without regex or InetAddress: ipsets have 100,000 of these
                int len = slash < 0 ? 32 : parseInt(s, slash + 1, s.length());
                if (len >= 0 && len <= 32) {
                    long host = len == 32 ? 0 : (1L << (32 - len)) - 1;
                    return add4(fast & ~host & 0xffffffffL, (fast & ~host & 0xffffffffL) | host);
                }
            }
            InetAddress base = Addresses.literal(slash < 0 ? s : s.substring(0, slash));
            int bits = base instanceof Inet4Address ? 32 : 128;
            int len = bits;
            if (slash >= 0) {
                String m = s.substring(slash + 1);
                len = m.contains(".") || m.contains(":")
                        ? AddressSet.maskToPrefix(Addresses.literal(m))
                        : Integer.parseInt(m);
            }
            return addPrefix(base, len);
        }

        Builder addPrefix(InetAddress base, int len) {
            InetAddress a = Addresses.unmap(base);
            if (a instanceof Inet4Address) {
                long v = toLong(a.getAddress());
                long host = len >= 32 ? 0 : (1L << (32 - len)) - 1;
                return add4(v & ~host & 0xffffffffL, (v & ~host & 0xffffffffL) | host);
            }
            BigInteger v = new BigInteger(1, a.getAddress());
            BigInteger host = BigInteger.ONE.shiftLeft(128 - len).subtract(BigInteger.ONE);
            BigInteger lo = v.andNot(host);
            return add6(lo, lo.or(host));
        }

        Builder addRange(InetAddress from, InetAddress to) {
            InetAddress a = Addresses.unmap(from);
            InetAddress b = Addresses.unmap(to);
            if (a instanceof Inet4Address && b instanceof Inet4Address) {
                return add4(toLong(a.getAddress()), toLong(b.getAddress()));
            }
            return add6(new BigInteger(1, a.getAddress()), new BigInteger(1, b.getAddress()));
        }

        Builder addRangeText(String from, String to) {
            long a = parseV4(from.trim(), 0, from.trim().length());
            long b = parseV4(to.trim(), 0, to.trim().length());
            if (a >= 0 && b >= 0) {
                return add4(a, b);
            }
            return addRange(Addresses.literal(from), Addresses.literal(to));
        }

        AddrMatch build() {
            // one packed long per interval (lo in the high half, sign-flipped so signed order is
            // unsigned order): sorting 100,000 of them allocates nothing per element
            long[] packed = new long[n4];
            for (int i = 0; i < n4; i++) {
                packed[i] = ((lo4[i] ^ 0x80000000L) << 32) | hi4[i];
            }
            Arrays.sort(packed);
            long[] lo = new long[n4];
            long[] hi = new long[n4];
            int n = 0;
            for (long k : packed) {
                long l = (k >>> 32) ^ 0x80000000L;
                long h = k & 0xffffffffL;
                if (n > 0 && hi[n - 1] + 1 >= l) {
                    hi[n - 1] = Math.max(hi[n - 1], h);
                } else {
                    lo[n] = l;
                    hi[n++] = h;
                }
            }
            six.sort((x, y) -> x[0].compareTo(y[0]));
            List<BigInteger[]> m6 = new ArrayList<>();
            for (BigInteger[] r : six) {
                BigInteger[] last = m6.isEmpty() ? null : m6.get(m6.size() - 1);
                if (last != null && last[1].add(BigInteger.ONE).compareTo(r[0]) >= 0) {
                    last[1] = last[1].max(r[1]);
                } else {
                    m6.add(new BigInteger[] {r[0], r[1]});
                }
            }
            BigInteger[] l6 = new BigInteger[m6.size()];
            BigInteger[] h6 = new BigInteger[m6.size()];
            for (int i = 0; i < l6.length; i++) {
                l6[i] = m6.get(i)[0];
                h6[i] = m6.get(i)[1];
            }
            return new AddrMatch(Arrays.copyOf(lo, n), Arrays.copyOf(hi, n), l6, h6);
        }
    }
}
