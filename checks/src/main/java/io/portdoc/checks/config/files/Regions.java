package io.portdoc.checks.config.files;

import io.portdoc.core.net.AddressSet;
import io.portdoc.core.net.Addresses;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Who gets in, without a client: the address space cut at every boundary of the address sets
 * the rules test, so one address per piece answers for all of it. IPv4 is cut on its numbers
 * (a piece per boundary, whatever the number of sets); IPv6 by set algebra (configs name few
 * IPv6 blocks).
 */
public final class Regions {
    public static final int MAX_V6_REGIONS = 256;

    /** Addresses let in, refused, and those whose answer depends on something else (names, users). */
    public record Split(AddressSet in, AddressSet out, AddressSet depends) {}

    private Regions() {}

    /** Each piece's class, by the answer for its first address; the pieces of a class are merged. */
    public static <K> Map<K, AddressSet> classify(Collection<AddressSet> atoms, Function<InetAddress, K> answer) {
        TreeSet<Long> cuts = new TreeSet<>(List.of(0L));
        List<AddressSet> v6atoms = new ArrayList<>();
        for (AddressSet a : atoms) {
            for (String cidr : a.toCidrs()) {
                int slash = cidr.indexOf('/');
                if (cidr.contains(":")) {
                    v6atoms.add(AddressSet.parseCidr(cidr));
                    continue;
                }
                long lo = v4(cidr.substring(0, slash));
                long size = 1L << (32 - Integer.parseInt(cidr.substring(slash + 1)));
                cuts.add(lo);
                if (lo + size <= 0xFFFFFFFFL) {
                    cuts.add(lo + size);
                }
            }
        }
        Map<K, List<long[]>> pieces = new LinkedHashMap<>();
        Long prev = null;
        for (Long c : cuts) {
            if (prev != null) {
                pieces.computeIfAbsent(answer.apply(address(prev)), k -> new ArrayList<>())
                        .add(new long[] {prev, c - 1});
            }
            prev = c;
        }
        pieces.computeIfAbsent(answer.apply(address(prev)), k -> new ArrayList<>())
                .add(new long[] {prev, 0xFFFFFFFFL});
        Map<K, AddressSet> out = new LinkedHashMap<>();
        for (Map.Entry<K, List<long[]>> e : pieces.entrySet()) {
            long[] lo = new long[e.getValue().size()];
            long[] hi = new long[lo.length];
            for (int i = 0; i < lo.length; i++) {
                lo[i] = e.getValue().get(i)[0];
                hi[i] = e.getValue().get(i)[1];
            }
            out.put(e.getKey(), AddressSet.ofV4Ranges(lo, hi));
        }
        for (AddressSet r : cutV6(v6atoms)) {
            String cidr = r.toCidrs(1).get(0);
            K k = answer.apply(Addresses.literal(cidr.substring(0, cidr.indexOf('/'))));
            out.merge(k, r, AddressSet::union);
        }
        return out;
    }

    private static List<AddressSet> cutV6(List<AddressSet> atoms) {
        List<AddressSet> regions = new ArrayList<>(List.of(AddressSet.allV6()));
        for (AddressSet a : atoms) {
            List<AddressSet> next = new ArrayList<>();
            for (AddressSet r : regions) {
                AddressSet in = r.intersect(a);
                AddressSet out = r.minus(a);
                if (!in.isEmpty()) {
                    next.add(in);
                }
                if (!out.isEmpty()) {
                    next.add(out);
                }
            }
            if (next.size() <= MAX_V6_REGIONS) {
                regions = next;
            }
        }
        return regions;
    }

    /** {@code answer} gives TRUE (in), FALSE (out) or null (depends) for one address of a piece. */
    public static Split split(Collection<AddressSet> atoms, Function<InetAddress, Boolean> answer) {
        Map<Integer, AddressSet> m = classify(atoms, a -> {
            Boolean b = answer.apply(a);
            return b == null ? 2 : b ? 1 : 0;
        });
        return new Split(
                m.getOrDefault(1, AddressSet.EMPTY),
                m.getOrDefault(0, AddressSet.EMPTY),
                m.getOrDefault(2, AddressSet.EMPTY));
    }

    private static long v4(String dotted) {
        long v = 0;
        for (String p : dotted.split("\\.")) {
            v = v << 8 | Long.parseLong(p);
        }
        return v;
    }

    private static InetAddress address(long v) {
        try {
            return InetAddress.getByAddress(
                    new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A set as its blocks, or "everyone except ..." when what is left out is shorter (max 8 blocks shown). */
    public static String describe(AddressSet set, String everyone, String exceptPattern) {
        if (set.isAll()) {
            return everyone;
        }
        AddressSet rest = set.complement();
        if (rest.cidrCount() <= 4 && set.cidrCount() > rest.cidrCount()) {
            return exceptPattern.replace("{0}", String.join(", ", rest.toCidrs()));
        }
        List<String> blocks = set.toCidrs(9);
        if (blocks.size() > 8) {
            return String.join(", ", blocks.subList(0, 8)) + " and " + (set.cidrCount() - 8) + " more";
        }
        return String.join(", ", blocks);
    }
}
