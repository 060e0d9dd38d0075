package io.portdoc.core.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.portdoc.core.net.Addresses;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeResultTest {
    private static Attempt a(String addr, ProbeState s) {
        return new Attempt(addr, s, 1, s == ProbeState.OPEN ? null : "x");
    }

    @Test
    void openWhenAnyAttemptIsOpen() {
        assertEquals(
                ProbeState.OPEN,
                ProbeResult.overall(List.of(a("fd42::154", ProbeState.TIMEOUT), a("10.0.0.154", ProbeState.OPEN))));
    }

    @Test
    void otherwiseTheMostTellingState() {
        // the IPv6 path has no route, the IPv4 one is dropped: the drop is what matters
        assertEquals(
                ProbeState.TIMEOUT,
                ProbeResult.overall(
                        List.of(a("fd42::154", ProbeState.NETWORK_UNREACHABLE), a("10.0.0.154", ProbeState.TIMEOUT))));
        assertEquals(
                ProbeState.REFUSED,
                ProbeResult.overall(List.of(a("10.0.0.154", ProbeState.TIMEOUT), a("fd42::154", ProbeState.REFUSED))));
        assertEquals(ProbeState.UNRESOLVED, ProbeResult.overall(List.of()));
    }

    @Test
    void addressTextIsRfc5952() throws Exception {
        assertEquals("fd42::154", Addresses.text(InetAddress.getByName("fd42:0:0:0:0:0:0:154")));
        assertEquals("::1", Addresses.text(InetAddress.getByName("::1")));
        assertEquals("2001:db8::1:0:0:1", Addresses.text(InetAddress.getByName("2001:db8:0:0:1:0:0:1")));
        assertEquals("2001:db8:0:1:1:1:1:1", Addresses.text(InetAddress.getByName("2001:db8:0:1:1:1:1:1")));
        assertEquals("::", Addresses.text(InetAddress.getByName("::")));
        assertEquals("10.0.0.154", Addresses.text(InetAddress.getByName("10.0.0.154")));
        assertEquals("[fd42::154]:80", new Attempt("fd42::154", ProbeState.OPEN, 0, null).endpoint(80));
        assertEquals("10.0.0.154:80", new Attempt("10.0.0.154", ProbeState.OPEN, 0, null).endpoint(80));
    }
}
