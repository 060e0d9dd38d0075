package io.portdoc.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The linear union/intersect/minus and the CIDR counting agree with membership, address by address. */
class AddressSetSweepTest {
    private static AddressSet random(Random rnd) {
        List<AddressSet> parts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            int a = rnd.nextInt(256);
            int b = a + rnd.nextInt(40);
            parts.add(AddressSet.range(v4(a), v4(Math.min(b, 255))));
        }
        parts.add(AddressSet.parseCidr("fd00::" + Integer.toHexString(rnd.nextInt(256)) + "/126"));
        return AddressSet.unionAll(parts);
    }

    private static InetAddress v4(int last) {
        return Addresses.literal("10.0.0." + last);
    }

    @Test
    void setOperationsMatchMembership() {
        Random rnd = new Random(7);
        for (int round = 0; round < 50; round++) {
            AddressSet x = random(rnd);
            AddressSet y = random(rnd);
            AddressSet union = x.union(y);
            AddressSet inter = x.intersect(y);
            AddressSet minus = x.minus(y);
            for (int i = 0; i < 256; i++) {
                InetAddress a = v4(i);
                assertEquals(x.contains(a) || y.contains(a), union.contains(a), "union " + a);
                assertEquals(x.contains(a) && y.contains(a), inter.contains(a), "intersect " + a);
                assertEquals(x.contains(a) && !y.contains(a), minus.contains(a), "minus " + a);
            }
            // same canonical form as building the result from scratch
            assertEquals(AddressSet.unionAll(List.of(x, y)), union);
            assertEquals(x.complement().union(y.complement()).complement(), inter);
            assertEquals(x.intersect(y.complement()), minus);
            assertEquals(x.toCidrs().size(), x.cidrCount());
            assertEquals(x.toCidrs().subList(0, 3), x.toCidrs(3));
        }
        assertEquals(1, AddressSet.ALL.ipv4().cidrCount());
        assertEquals(2, AddressSet.ALL.cidrCount());
        assertEquals(0, AddressSet.EMPTY.cidrCount());
        // unsorted, touching and overlapping intervals: the same set as the ranges united one by one
        assertEquals(
                List.of("10.0.0.0/29", "10.0.0.16/32"),
                AddressSet.ofV4Ranges(
                                new long[] {0x0A000010L, 0x0A000004L, 0x0A000000L},
                                new long[] {0x0A000010L, 0x0A000007L, 0x0A000005L})
                        .toCidrs());
    }
}
