package io.portdoc.checks.listening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.checks.daemon.DaemonCheck;
import io.portdoc.checks.facts.Daemon;
import io.portdoc.checks.testing.Hosts;
import io.portdoc.core.CheckContext;
import io.portdoc.core.Exposure;
import io.portdoc.core.Outcome;
import io.portdoc.core.Target;
import io.portdoc.core.Verdict;
import io.portdoc.core.host.RealSystem;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real path: ProcessHandle, /proc/net/tcp{,6} and /proc/PID/fd of this JVM, on loopback only. */
class RealHostTest {
    private static final long ME = ProcessHandle.current().pid();

    private static Outcome[] run(Target t) {
        CheckContext ctx = Hosts.context(new RealSystem(), t);
        Outcome daemon = new DaemonCheck().run(ctx);
        assertTrue(Daemon.of(ctx).pids().contains(ME));
        return new Outcome[] {daemon, new ListeningCheck().run(ctx)};
    }

    @Test
    void serverSocketOnLoopback() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            int port = server.getLocalPort();
            String comm = ProcessHandle.current()
                    .info()
                    .command()
                    .map(c -> c.substring(c.lastIndexOf('/') + 1))
                    .orElse("java");
            Outcome[] lan = run(Hosts.target(comm, port, List.of(comm), List.of(), Exposure.LAN));
            assertEquals(Verdict.PASS, lan[0].verdict(), lan[0].summary().text());
            assertEquals(Verdict.FAIL, lan[1].verdict(), lan[1].summary().text());
            assertTrue(
                    lan[1].summary().text().contains("(pid " + ME + ")"),
                    lan[1].summary().text());
            assertTrue(
                    lan[1].summary()
                                    .text()
                                    .endsWith("listens on port " + port + " on loopback only (" + "[::ffff:127.0.0.1]:"
                                            + port + "): other hosts cannot connect")
                            || lan[1].summary().text().endsWith("(127.0.0.1:" + port + "): other hosts cannot connect"),
                    lan[1].summary().text());
            Outcome[] local = run(Hosts.target(comm, port, List.of(comm), List.of(), Exposure.LOCAL));
            assertEquals(Verdict.PASS, local[1].verdict(), local[1].summary().text());
        }
    }
}
