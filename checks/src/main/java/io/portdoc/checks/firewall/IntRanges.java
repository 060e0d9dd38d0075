package io.portdoc.checks.firewall;

import java.util.ArrayList;
import java.util.List;

/** Sorted inclusive integer intervals: port lists ({@code 22,80:90}), protocol numbers. */
record IntRanges(List<int[]> ranges) {
    static IntRanges of(int... values) {
        List<int[]> r = new ArrayList<>();
        for (int v : values) {
            r.add(new int[] {v, v});
        }
        return new IntRanges(r);
    }

    static IntRanges range(int lo, int hi) {
        return new IntRanges(List.of(new int[] {lo, hi}));
    }

    boolean contains(int v) {
        for (int[] r : ranges) {
            if (r[0] <= v && v <= r[1]) {
                return true;
            }
        }
        return false;
    }

    /** True when every value in [lo, hi] is in the set. */
    boolean covers(int lo, int hi) {
        int next = lo;
        List<int[]> sorted = new ArrayList<>(ranges);
        sorted.sort((a, b) -> Integer.compare(a[0], b[0]));
        for (int[] r : sorted) {
            if (r[0] <= next && r[1] >= next) {
                next = r[1] + 1;
            }
        }
        return next > hi;
    }

    boolean overlaps(int lo, int hi) {
        for (int[] r : ranges) {
            if (r[0] <= hi && r[1] >= lo) {
                return true;
            }
        }
        return false;
    }
}
