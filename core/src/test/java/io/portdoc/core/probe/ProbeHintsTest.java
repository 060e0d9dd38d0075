package io.portdoc.core.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.core.Msg;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeHintsTest {
    private static final Duration T = Duration.ofSeconds(3);

    private static List<String> keys(Attempt... attempts) {
        return Msg.keys(ProbeHints.explain(ProbeResult.of("boven", 80, List.of(attempts)), T));
    }

    @Test
    void fastNoRouteIsAFirewallRejectSlowIsAnAbsentHost() {
        assertEquals(
                List.of("hint.host-unreachable.fast"),
                keys(new Attempt("10.0.0.154", ProbeState.HOST_UNREACHABLE, 0, "No route to host")));
        assertEquals(
                List.of("hint.host-unreachable.slow"),
                keys(new Attempt("10.0.0.200", ProbeState.HOST_UNREACHABLE, 3076, "No route to host")));
        // ICMPv6 admin-prohibited (EACCES) is a reject whatever it took
        assertEquals(
                List.of("hint.host-unreachable.fast"),
                keys(new Attempt("fd42::154", ProbeState.HOST_UNREACHABLE, 2500, "Permission denied")));
    }

    @Test
    void oneHintPerKindNamingTheEndpoints() {
        List<Msg> hints = ProbeHints.explain(
                ProbeResult.of(
                        "boven",
                        80,
                        List.of(
                                new Attempt("10.0.0.154", ProbeState.TIMEOUT, 3001, "Connect timed out"),
                                new Attempt("fd42::154", ProbeState.TIMEOUT, 3001, "Connect timed out"),
                                new Attempt(
                                        "192.168.9.9", ProbeState.NETWORK_UNREACHABLE, 0, "Network is unreachable"))),
                T);
        assertEquals(List.of("hint.timeout", "hint.network-unreachable"), Msg.keys(hints));
        assertTrue(
                hints.get(0).text().startsWith("10.0.0.154:80, [fd42::154]:80: no answer within 3s"),
                hints.get(0).text());
    }

    @Test
    void noHintWhenOpen() {
        assertEquals(List.of(), keys(new Attempt("10.0.0.154", ProbeState.OPEN, 1, null)));
    }

    @Test
    void refusedAndUnresolvedHaveTheirOwnHints() {
        assertEquals(
                List.of("hint.refused"), keys(new Attempt("10.0.0.154", ProbeState.REFUSED, 0, "Connection refused")));
        List<Msg> h = ProbeHints.explain(
                ProbeResult.of(
                        "boven", 80, List.of(new Attempt("boven", ProbeState.UNRESOLVED, 5, "name does not resolve"))),
                T);
        assertEquals("hint.unresolved", h.get(0).key());
        assertTrue(h.get(0).text().startsWith("boven does not resolve"));
        assertFalse(h.get(0).text().contains(":80"));
    }
}
