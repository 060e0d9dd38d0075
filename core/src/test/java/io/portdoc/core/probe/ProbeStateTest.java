package io.portdoc.core.probe;

import static io.portdoc.core.probe.ProbeState.HOST_UNREACHABLE;
import static io.portdoc.core.probe.ProbeState.NETWORK_UNREACHABLE;
import static io.portdoc.core.probe.ProbeState.OPEN;
import static io.portdoc.core.probe.ProbeState.REFUSED;
import static io.portdoc.core.probe.ProbeState.TIMEOUT;
import static io.portdoc.core.probe.ProbeState.UNRESOLVED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The exceptions are the ones JDK 17 threw on this machine (Linux 6.x) against real rules in a
 * network namespace: nft "reject with icmpx admin-prohibited", iptables "REJECT --reject-with
 * icmp-host-prohibited", "ip6tables ... icmp6-adm-prohibited", a DROP rule, an absent address
 * on the subnet and an address without a route.
 */
class ProbeStateTest {
    @Test
    void classifiesWhatTheJdkThrowsOnLinux() {
        assertEquals(REFUSED, ProbeState.classify(new ConnectException("Connection refused")));
        assertEquals(TIMEOUT, ProbeState.classify(new SocketTimeoutException("Connect timed out")));
        assertEquals(HOST_UNREACHABLE, ProbeState.classify(new NoRouteToHostException("No route to host")));
        assertEquals(NETWORK_UNREACHABLE, ProbeState.classify(new SocketException("Network is unreachable")));
        // ICMPv6 admin-prohibited arrives as EACCES, which the JDK reports as a BindException
        assertEquals(HOST_UNREACHABLE, ProbeState.classify(new BindException("Permission denied")));
        assertEquals(UNRESOLVED, ProbeState.classify(new UnknownHostException("nosuch.example")));
    }

    @Test
    void classifiesOtherErrnoTexts() {
        assertEquals(TIMEOUT, ProbeState.classify(new ConnectException("Connection timed out")));
        assertEquals(HOST_UNREACHABLE, ProbeState.classify(new SocketException("Operation not permitted")));
        assertEquals(HOST_UNREACHABLE, ProbeState.classify(new SocketException("Host is down")));
        assertEquals(NETWORK_UNREACHABLE, ProbeState.classify(new SocketException("Network is down")));
        assertEquals(REFUSED, ProbeState.classify(new SocketException("Connection reset")));
        assertEquals(REFUSED, ProbeState.classify(new ConnectException(null)));
        assertEquals(NETWORK_UNREACHABLE, ProbeState.classify(new BindException("Cannot assign requested address")));
        assertEquals(NETWORK_UNREACHABLE, ProbeState.classify(new IOException("Invalid argument")));
    }

    @Test
    void moreTellingFollowsHowFarTheSynGot() {
        List<ProbeState> order = List.of(OPEN, REFUSED, HOST_UNREACHABLE, TIMEOUT, NETWORK_UNREACHABLE, UNRESOLVED);
        for (int i = 0; i < order.size(); i++) {
            for (int j = i; j < order.size(); j++) {
                assertEquals(order.get(i), order.get(i).moreTelling(order.get(j)));
                assertEquals(order.get(i), order.get(j).moreTelling(order.get(i)));
            }
        }
    }

    @Test
    void idsAreTheContractSpelling() {
        assertEquals(
                List.of("open", "refused", "timeout", "host-unreachable", "network-unreachable", "unresolved"),
                Arrays.stream(ProbeState.values()).map(ProbeState::id).toList());
        assertEquals(HOST_UNREACHABLE, ProbeState.fromId("host-unreachable"));
        assertThrows(IllegalArgumentException.class, () -> ProbeState.fromId("closed"));
    }
}
