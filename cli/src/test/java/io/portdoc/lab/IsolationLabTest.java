package io.portdoc.lab;

import static io.portdoc.lab.LabNet.CLIENT_IP;
import static io.portdoc.lab.LabNet.SERVER_IP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The lab's verdicts do not depend on what else runs on the machine. {@link Lab} starts
 * {@link HostDecoys} before the first lab case (a loopback listener in the machine's namespace on
 * every port the lab uses, and a foreign apache2), so every lab class runs beside them; these
 * cases check the isolation itself: readiness is judged inside the lab namespace only, and
 * portdoc in the server namespace sees the lab's processes and no others.
 */
@ExtendWith(Lab.class)
class IsolationLabTest {
    /**
     * The guard for readiness: a listener of the machine's own on the port (its own one, on a
     * port of its own, so that other lab runs on this machine, which hold the shared decoy
     * ports in turn, do not matter) and a lab daemon that binds only after half a second.
     */
    @Test
    void aHostListenerOnTheSamePortDoesNotMakeALabDaemonReady(LabNet net) throws IOException {
        try (ServerSocket host = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = host.getLocalPort();
            assertTrue(HostDecoys.connects(port), "a host process listens on 127.0.0.1:" + port + " outside the lab");
            assertEquals(
                    1,
                    net.exec(net.server(), "nc", "-z", "-w", "1", "127.0.0.1", Integer.toString(port))
                            .exit(),
                    "the lab's server namespace has its own loopback, where nothing listens yet");
            Proc slow = net.start(net.server(), "sh", "-c", "sleep 0.5; exec nc -dlk 0.0.0.0 " + port);
            long start = System.nanoTime();
            net.awaitListening(slow, port);
            long waited = (System.nanoTime() - start) / 1_000_000;
            net.probeFrom(net.inside(), SERVER_IP, port).expect("open");
            assertTrue(waited >= 400, "ready after " + waited + " ms, before the lab daemon bound");
        }
    }

    @Test
    void portdocInTheServerNamespaceSeesOnlyTheLabsProcesses(LabNet net) {
        LabNet.requireTool("ps");
        // two daemons, started apart, and two portdoc runs share the one PID namespace of the server
        Proc webd = net.startDaemon(net.server(), "webd", "::", 8101);
        Proc smtpd = net.startDaemon(net.server(), "smtpd", "::", 8102);
        PortdocRun first = diagnose(net, webd.processName(), 8101);
        PortdocRun second = diagnose(net, smtpd.processName(), 8102);
        assertEquals("PASS", first.verdict("daemon"), first.toString());
        assertEquals("PASS", second.verdict("daemon"), second.toString());
        int seen = processesSearched(first);
        assertTrue(
                seen > 0 && seen < 20,
                "portdoc saw " + seen + " processes, the machine has "
                        + ProcessHandle.allProcesses().count() + ": " + first.said("daemon"));
        String others = net.exec(net.server(), "ps", "-e", "-o", "pid=,comm=").out();
        assertTrue(others.contains(webd.processName()) && others.contains(smtpd.processName()), others);
        assertFalse(others.contains("apache2"), "the host's apache2 is not visible:\n" + others);
        assertFalse(
                others.contains("surefire")
                        || others.lines().anyMatch(l -> l.strip().endsWith(" java")),
                "the test JVM is not visible:\n" + others);
    }

    /**
     * Without the private PID namespace (portdoc sees the machine's processes): a daemon of the
     * same name in another network namespace, started first so it has the lower PID, as a
     * system instance would, does not change the server's verdicts.
     */
    @Test
    void aDecoyOfTheSameNameInAnotherNetworkNamespaceDoesNotChangeTheVerdicts(LabNet net) {
        Decoyed d = decoyed(net, 8103);
        assertEquals("PASS", d.run().verdict("daemon"), d.run().toString());
        assertEquals("PASS", d.run().verdict("listening"), d.run().toString());
        assertTrue(
                d.run().said("listening").contains("pid " + d.daemon().programPid()),
                d.run().said("listening"));
        assertFalse(
                d.run().said("listening").contains(Long.toString(d.decoy().programPid())),
                d.run().said("listening"));
        assertEquals(0, d.run().exit(), d.run().toString());
    }

    /** The decoy is named only as what it is, a process of another network namespace, never as the daemon. */
    @Test
    void aDecoyOfTheSameNameInAnotherNetworkNamespaceIsNamedOnlyAsSuch(LabNet net) {
        Decoyed d = decoyed(net, 8105);
        assertTrue(
                d.run().said("daemon").contains(Long.toString(d.daemon().programPid())),
                d.run().said("daemon"));
        String decoyPid = Long.toString(d.decoy().programPid());
        assertFalse(
                d.run().step("daemon").path("summary").asText().contains(decoyPid),
                d.run().said("daemon"));
        assertOnlyAsElsewhere(d.run().step("daemon"), decoyPid);
        for (String step : List.of("config", "listening")) {
            assertFalse(d.run().said(step).contains(decoyPid), "decoy in " + step + ": " + d.run());
        }
    }

    /** Every evidence line and hint of {@code step} that names {@code pid} says it is in another namespace. */
    private static void assertOnlyAsElsewhere(JsonNode step, String pid) {
        List<String> lines = new ArrayList<>();
        step.path("evidence").forEach(e -> lines.add(e.path("text").asText()));
        step.path("hints").forEach(h -> lines.add(h.asText()));
        for (String l : lines) {
            if (l.matches("(?s).*\\b" + pid + "\\b.*")) {
                assertTrue(l.contains("another network namespace"), l);
            }
        }
    }

    private record Decoyed(Proc decoy, Proc daemon, PortdocRun run) {}

    private static Decoyed decoyed(LabNet net, int port) {
        Proc decoy = net.startDaemon(net.other(), "webd", "::", port);
        Proc webd = net.startDaemonNamed(net.server(), decoy.processName(), "::", port);
        net.probeFrom(net.inside(), SERVER_IP, port).expect("open");
        PortdocRun r = net.portdocSeeingHostProcesses(
                net.server(),
                "diagnose",
                "--service",
                webd.processName(),
                "--port",
                Integer.toString(port),
                "--client",
                CLIENT_IP,
                "--timeout",
                "1s",
                "--format",
                "json");
        return new Decoyed(decoy, webd, r);
    }

    @Test
    void aDecoyInAnotherNetworkNamespaceIsNotTheDaemon(LabNet net) {
        Proc decoy = net.startDaemon(net.other(), "webd", "::", 8104);
        net.probeFrom(net.inside(), SERVER_IP, 8104).expect("refused");
        PortdocRun r = net.portdocSeeingHostProcesses(
                net.server(),
                "diagnose",
                "--service",
                decoy.processName(),
                "--port",
                "8104",
                "--timeout",
                "1s",
                "--format",
                "json");
        assertEquals("FAIL", r.verdict("daemon"), "only a process of another network namespace runs: " + r);
        assertFalse(
                r.step("daemon").path("summary").asText().contains(Long.toString(decoy.programPid())),
                r.said("daemon"));
        assertOnlyAsElsewhere(r.step("daemon"), Long.toString(decoy.programPid()));
        assertEquals("daemon", r.blockingStep(), r.toString());
    }

    private static PortdocRun diagnose(LabNet net, String service, int port) {
        return net.portdoc(
                net.server(),
                "diagnose",
                "--service",
                service,
                "--port",
                Integer.toString(port),
                "--no-probe",
                "--format",
                "json");
    }

    /** The daemon step's "... among N processes". */
    private static int processesSearched(PortdocRun r) {
        List<String> texts = new ArrayList<>();
        for (JsonNode e : r.step("daemon").path("evidence")) {
            texts.add(e.path("text").asText());
        }
        for (String t : texts) {
            Matcher m = Pattern.compile("among (\\d+) processes").matcher(t);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("no process count in " + texts);
    }
}
