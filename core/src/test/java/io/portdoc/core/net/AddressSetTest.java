package io.portdoc.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressSetTest {
    @ParameterizedTest
    @CsvSource({
        "10.0.0.0/24, 10.0.0.0/24",
        "10.0.0.77/24, 10.0.0.0/24", // host bits cleared
        "10.1.2.3/255.255.0.0, 10.1.0.0/16", // netmask form
        "10.0.0.7, 10.0.0.7/32",
        "::1, ::1/128",
        "2001:db8::5/32, 2001:db8::/32",
        "::/0, ::/0",
        "fe80::1:0:0:1/128, fe80::1:0:0:1/128",
        "0.0.0.0/0, 0.0.0.0/0"
    })
    void parsesCidrs(String in, String expected) {
        assertEquals(List.of(expected), AddressSet.parseCidr(in).toCidrs());
    }

    @Test
    void rejectsNonContiguousMaskAndBadPrefix() {
        assertThrows(IllegalArgumentException.class, () -> AddressSet.parseCidr("10.0.0.0/255.0.255.0"));
        assertThrows(IllegalArgumentException.class, () -> AddressSet.parseCidr("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> AddressSet.parseCidr("example.org"));
        assertThrows(IllegalArgumentException.class, () -> Addresses.literal("10.0.0"));
    }

    @Test
    void setAlgebra() {
        AddressSet lan = AddressSet.parseCidr("10.0.0.0/24");
        AddressSet host = AddressSet.parseCidr("10.0.0.7");
        AddressSet rest = lan.minus(host);
        assertFalse(rest.contains(Addresses.literal("10.0.0.7")));
        assertTrue(rest.contains(Addresses.literal("10.0.0.8")));
        assertEquals(
                List.of(
                        "10.0.0.0/30",
                        "10.0.0.4/31",
                        "10.0.0.6/32",
                        "10.0.0.8/29",
                        "10.0.0.16/28",
                        "10.0.0.32/27",
                        "10.0.0.64/26",
                        "10.0.0.128/25"),
                rest.toCidrs());
        assertEquals(lan, rest.union(host));
        assertEquals(host, lan.intersect(host));
        assertTrue(lan.complement().complement().equals(lan));
        assertTrue(AddressSet.ALL.isAll());
        assertTrue(lan.intersect(AddressSet.parseCidr("10.0.1.0/24")).isEmpty());
        assertEquals(
                List.of("10.0.0.5/32", "10.0.0.6/31", "10.0.0.8/32"),
                AddressSet.range(Addresses.literal("10.0.0.5"), Addresses.literal("10.0.0.8"))
                        .toCidrs());
    }

    @Test
    void ipv4MappedAddressesCountAsIpv4() {
        assertTrue(AddressSet.parseCidr("10.0.0.0/8").contains(Addresses.literal("::ffff:10.1.2.3")));
        assertFalse(AddressSet.allV6().contains(Addresses.literal("::ffff:10.1.2.3")));
    }
}
