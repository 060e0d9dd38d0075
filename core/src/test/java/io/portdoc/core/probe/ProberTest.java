package io.portdoc.core.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.core.host.RealSystem;
import io.portdoc.core.host.RecordedSystem;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real sockets on loopback only. */
class ProberTest {
    private static final InetAddress V4 = InetAddress.getLoopbackAddress();
    private final Prober prober = new Prober(new RealSystem());

    @Test
    void openWhenSomethingListens() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 5, V4)) {
            ProbeResult r = prober.probe("127.0.0.1", server.getLocalPort(), Duration.ofSeconds(2));
            assertEquals(ProbeState.OPEN, r.state());
            assertEquals(1, r.attempts().size());
            Attempt a = r.attempts().get(0);
            assertEquals("127.0.0.1", a.address());
            assertNull(a.error());
            assertTrue(a.elapsedMs() < 2000);
        }
    }

    @Test
    void refusedWhenNothingListens() throws IOException {
        int port = closedPort();
        ProbeResult r = prober.probe("127.0.0.1", port, Duration.ofSeconds(2));
        assertEquals(ProbeState.REFUSED, r.state());
        assertEquals("Connection refused", r.attempts().get(0).error());
    }

    @Test
    void sendsNoData() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, V4)) {
            Thread prober =
                    new Thread(() -> this.prober.probe("127.0.0.1", server.getLocalPort(), Duration.ofSeconds(2)));
            prober.start();
            try (Socket accepted = server.accept()) {
                accepted.setSoTimeout(2000);
                assertEquals(-1, accepted.getInputStream().read(), "the probe closes without sending a byte");
            }
            prober.join();
        }
    }

    @Test
    void everyAddressIsTriedAndTheOpenOneWins() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        try (ServerSocket server = new ServerSocket(0, 5, V4)) {
            ProbeResult r = prober.probe("both", List.of(v6, V4), server.getLocalPort(), Duration.ofSeconds(2));
            assertEquals(ProbeState.OPEN, r.state());
            assertEquals(
                    List.of("::1", "127.0.0.1"),
                    r.attempts().stream().map(Attempt::address).toList());
            assertEquals(ProbeState.OPEN, r.attempts().get(1).state());
            assertTrue(
                    r.attempts().get(0).state() != ProbeState.OPEN, r.attempts().toString());
        }
    }

    @Test
    void unresolvedWhenTheSystemKnowsNoAddress() {
        ProbeResult r =
                new Prober(new RecordedSystem(Path.of("/nonexistent"))).probe("boven", 80, Duration.ofSeconds(1));
        assertEquals(ProbeState.UNRESOLVED, r.state());
        assertEquals("boven", r.attempts().get(0).address());
    }

    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, V4)) {
            return s.getLocalPort(); // closed on return: nothing listens there any more
        }
    }
}
