package io.portdoc.core.net;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * An immutable set of IP addresses, IPv4 and IPv6 kept apart, as sorted disjoint intervals.
 * Config and firewall engines answer "who is let in" with these, and print them as CIDR lists
 * ("10.0.0.0/24, 127.0.0.0/8").
 */
public final class AddressSet {
    private static final BigInteger V4_MAX = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
    private static final BigInteger V6_MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    /** Inclusive interval. */
    private record Range(BigInteger lo, BigInteger hi) {}

    public static final AddressSet EMPTY = new AddressSet(List.of(), List.of());
    public static final AddressSet ALL =
            new AddressSet(List.of(new Range(BigInteger.ZERO, V4_MAX)), List.of(new Range(BigInteger.ZERO, V6_MAX)));

    private final List<Range> v4;
    private final List<Range> v6;

    private AddressSet(List<Range> v4, List<Range> v6) {
        this.v4 = v4;
        this.v6 = v6;
    }

    public static AddressSet allV4() {
        return new AddressSet(ALL.v4, List.of());
    }

    public static AddressSet allV6() {
        return new AddressSet(List.of(), ALL.v6);
    }

    /** {@code 10.0.0.0/24}, {@code 10.0.0.7}, {@code ::1/128}, {@code 10.0.0.0/255.255.255.0}: host bits cleared. */
    public static AddressSet parseCidr(String text) {
        String s = text.trim();
        int slash = s.indexOf('/');
        InetAddress base = Addresses.literal(slash < 0 ? s : s.substring(0, slash));
        int bits = base instanceof Inet4Address ? 32 : 128;
        int prefix = bits;
        if (slash >= 0) {
            String m = s.substring(slash + 1);
            prefix = m.contains(".") ? maskToPrefix(Addresses.literal(m)) : Integer.parseInt(m);
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("bad prefix length in " + text);
            }
        }
        return prefix(base, prefix);
    }

    public static AddressSet prefix(InetAddress base, int prefix) {
        int bits = base instanceof Inet4Address ? 32 : 128;
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
        BigInteger lo = toBig(base).andNot(hostMask);
        return range(base instanceof Inet4Address, lo, lo.or(hostMask));
    }

    public static AddressSet of(InetAddress a) {
        return prefix(a, a instanceof Inet4Address ? 32 : 128);
    }

    /** Inclusive address range ({@code 10.0.0.5-10.0.0.9}); both ends of one family. */
    public static AddressSet range(InetAddress from, InetAddress to) {
        if ((from instanceof Inet4Address) != (to instanceof Inet4Address)) {
            throw new IllegalArgumentException("range mixes IPv4 and IPv6");
        }
        return range(from instanceof Inet4Address, toBig(from), toBig(to));
    }

    private static AddressSet range(boolean ipv4, BigInteger lo, BigInteger hi) {
        if (lo.compareTo(hi) > 0) {
            return EMPTY;
        }
        List<Range> r = List.of(new Range(lo, hi));
        return ipv4 ? new AddressSet(r, List.of()) : new AddressSet(List.of(), r);
    }

    /** A netmask like 255.255.255.0 as a prefix length; non-contiguous masks are rejected. */
    public static int maskToPrefix(InetAddress mask) {
        BigInteger m = toBig(mask);
        int bits = mask instanceof Inet4Address ? 32 : 128;
        int prefix = m.bitCount();
        BigInteger expected =
                BigInteger.ONE.shiftLeft(prefix).subtract(BigInteger.ONE).shiftLeft(bits - prefix);
        if (!m.equals(expected)) {
            throw new IllegalArgumentException("netmask " + mask.getHostAddress() + " is not contiguous");
        }
        return prefix;
    }

    static BigInteger toBig(InetAddress a) {
        return new BigInteger(1, a.getAddress());
    }

    private static InetAddress fromBig(BigInteger v, boolean ipv4) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[ipv4 ? 4 : 16];
        int copy = Math.min(raw.length, out.length);
        System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
        try {
            return InetAddress.getByAddress(out);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) count as IPv4, as the kernel treats them. */
    public boolean contains(InetAddress a) {
        InetAddress x = Addresses.unmap(a);
        List<Range> rs = x instanceof Inet4Address ? v4 : v6;
        BigInteger v = toBig(x);
        for (Range r : rs) {
            if (r.lo.compareTo(v) <= 0 && v.compareTo(r.hi) <= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The union of many sets in one sort-and-merge pass: folding {@link #union} over 100,000
     * firewall set elements would be quadratic.
     */
    public static AddressSet unionAll(Collection<AddressSet> sets) {
        List<Range> a = new ArrayList<>();
        List<Range> b = new ArrayList<>();
        for (AddressSet s : sets) {
            a.addAll(s.v4);
            b.addAll(s.v6);
        }
        return new AddressSet(normalize(a), normalize(b));
    }

    /**
     * IPv4 intervals {@code [lo[i], hi[i]]} of unsigned 32-bit values, in any order: a firewall
     * set's 100,000 members without making an InetAddress and a one-range set of each.
     */
    public static AddressSet ofV4Ranges(long[] lo, long[] hi) {
        List<Range> rs = new ArrayList<>(lo.length);
        for (int i = 0; i < lo.length; i++) {
            if (lo[i] < 0 || hi[i] > 0xFFFFFFFFL || lo[i] > hi[i]) {
                throw new IllegalArgumentException("not an IPv4 range: " + lo[i] + "-" + hi[i]);
            }
            rs.add(new Range(BigInteger.valueOf(lo[i]), BigInteger.valueOf(hi[i])));
        }
        return new AddressSet(normalize(rs), List.of());
    }

    public boolean isEmpty() {
        return v4.isEmpty() && v6.isEmpty();
    }

    public boolean isAll() {
        return equals(ALL);
    }

    public AddressSet union(AddressSet o) {
        return new AddressSet(merge(v4, o.v4), merge(v6, o.v6));
    }

    public AddressSet intersect(AddressSet o) {
        return new AddressSet(intersect(v4, o.v4), intersect(v6, o.v6));
    }

    public AddressSet minus(AddressSet o) {
        return new AddressSet(minus(v4, o.v4), minus(v6, o.v6));
    }

    public AddressSet complement() {
        return new AddressSet(invert(v4, V4_MAX), invert(v6, V6_MAX));
    }

    public AddressSet ipv4() {
        return new AddressSet(v4, List.of());
    }

    public AddressSet ipv6() {
        return new AddressSet(List.of(), v6);
    }

    /**
     * Both lists are sorted and disjoint (every instance keeps that), so one linear pass merges
     * them: sets of 100,000 firewall set elements go through union and minus many times.
     */
    private static List<Range> merge(List<Range> a, List<Range> b) {
        List<Range> out = new ArrayList<>(a.size() + b.size());
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            Range r = j >= b.size() || (i < a.size() && a.get(i).lo.compareTo(b.get(j).lo) <= 0)
                    ? a.get(i++)
                    : b.get(j++);
            append(out, r);
        }
        return List.copyOf(out);
    }

    /** Ranges in any order, overlapping or not, to the sorted disjoint form. */
    private static List<Range> normalize(List<Range> rs) {
        List<Range> all = new ArrayList<>(rs);
        all.sort((x, y) -> x.lo.compareTo(y.lo));
        List<Range> out = new ArrayList<>(all.size());
        all.forEach(r -> append(out, r));
        return List.copyOf(out);
    }

    /** Adds r (starting at or after the last range's start), joining it to the last range when they touch. */
    private static void append(List<Range> out, Range r) {
        if (!out.isEmpty() && out.get(out.size() - 1).hi.add(BigInteger.ONE).compareTo(r.lo) >= 0) {
            Range last = out.remove(out.size() - 1);
            out.add(new Range(last.lo, last.hi.max(r.hi)));
        } else {
            out.add(r);
        }
    }

    /** What of a lies outside b, in one sweep (no complement of a 100,000-range b). */
    private static List<Range> minus(List<Range> a, List<Range> b) {
        List<Range> out = new ArrayList<>();
        int j = 0;
        for (Range x : a) {
            while (j < b.size() && b.get(j).hi.compareTo(x.lo) < 0) {
                j++;
            }
            BigInteger lo = x.lo;
            for (int k = j; k < b.size() && b.get(k).lo.compareTo(x.hi) <= 0 && lo.compareTo(x.hi) <= 0; k++) {
                Range y = b.get(k);
                if (y.lo.compareTo(lo) > 0) {
                    out.add(new Range(lo, y.lo.subtract(BigInteger.ONE)));
                }
                lo = lo.max(y.hi.add(BigInteger.ONE));
            }
            if (lo.compareTo(x.hi) <= 0) {
                out.add(new Range(lo, x.hi));
            }
        }
        return List.copyOf(out);
    }

    /** Linear sweep over two sorted disjoint lists; the pieces come out sorted, disjoint and not touching. */
    private static List<Range> intersect(List<Range> a, List<Range> b) {
        List<Range> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            Range x = a.get(i);
            Range y = b.get(j);
            BigInteger lo = x.lo.max(y.lo);
            BigInteger hi = x.hi.min(y.hi);
            if (lo.compareTo(hi) <= 0) {
                out.add(new Range(lo, hi));
            }
            if (x.hi.compareTo(y.hi) < 0) {
                i++;
            } else {
                j++;
            }
        }
        return List.copyOf(out);
    }

    private static List<Range> invert(List<Range> rs, BigInteger max) {
        List<Range> out = new ArrayList<>();
        BigInteger next = BigInteger.ZERO;
        for (Range r : rs) {
            if (r.lo.compareTo(next) > 0) {
                out.add(new Range(next, r.lo.subtract(BigInteger.ONE)));
            }
            next = r.hi.add(BigInteger.ONE);
        }
        if (next.compareTo(max) <= 0) {
            out.add(new Range(next, max));
        }
        return List.copyOf(out);
    }

    /** The smallest list of CIDR blocks covering this set, IPv4 first. */
    public List<String> toCidrs() {
        return toCidrs(Integer.MAX_VALUE);
    }

    /** The first {@code limit} blocks of {@link #toCidrs()}: printing a few of 100,000 need not format them all. */
    public List<String> toCidrs(int limit) {
        List<String> out = new ArrayList<>();
        cidrs(out, limit);
        return out;
    }

    /** {@code toCidrs().size()} without formatting the blocks. */
    public int cidrCount() {
        int count = 0;
        for (Range r : v4) { // IPv4 in longs: counting 100,000 ranges with BigInteger costs ~100 ms cold
            for (long lo = r.lo.longValue(), hi = r.hi.longValue(); lo <= hi; count++) {
                int size = lo == 0 ? 32 : Long.numberOfTrailingZeros(lo);
                while (size > 0 && lo + (1L << size) - 1 > hi) {
                    size--;
                }
                lo += 1L << size;
            }
        }
        return count + new AddressSet(List.of(), v6).cidrs(null, Integer.MAX_VALUE);
    }

    /** Walks the blocks, formatting the first {@code limit} into out (when not null); returns how many it walked. */
    private int cidrs(List<String> out, int limit) {
        int count = 0;
        for (boolean ipv4 : new boolean[] {true, false}) {
            int bits = ipv4 ? 32 : 128;
            for (Range r : ipv4 ? v4 : v6) {
                BigInteger lo = r.lo;
                while (lo.compareTo(r.hi) <= 0) {
                    int size = lo.signum() == 0 ? bits : lo.getLowestSetBit();
                    while (size > 0
                            && lo.add(BigInteger.ONE.shiftLeft(size))
                                            .subtract(BigInteger.ONE)
                                            .compareTo(r.hi)
                                    > 0) {
                        size--;
                    }
                    if (out != null) {
                        if (out.size() >= limit) {
                            return count;
                        }
                        out.add(Addresses.text(fromBig(lo, ipv4)) + "/" + (bits - size));
                    }
                    count++;
                    lo = lo.add(BigInteger.ONE.shiftLeft(size));
                }
            }
        }
        return count;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressSet s && s.v4.equals(v4) && s.v6.equals(v6);
    }

    @Override
    public int hashCode() {
        return v4.hashCode() * 31 + v6.hashCode();
    }

    @Override
    public String toString() {
        return isEmpty() ? "(none)" : String.join(", ", toCidrs());
    }
}
