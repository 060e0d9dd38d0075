package io.portdoc.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressSetUnionAllTest {
    @Test
    void mergesAdjacentAndOverlappingRangesOfBothFamilies() {
        List<AddressSet> parts = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            parts.add(AddressSet.parseCidr("10.0.0." + i));
        }
        parts.add(AddressSet.parseCidr("fd00::/64"));
        parts.add(AddressSet.parseCidr("fd00::1"));
        assertEquals(
                List.of("10.0.0.0/24", "fd00::/64"), AddressSet.unionAll(parts).toCidrs());
        assertEquals(AddressSet.EMPTY, AddressSet.unionAll(List.of()));
    }
}
