package io.portdoc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.core.Msg;
import io.portdoc.core.Pipeline;
import io.portdoc.core.Report;
import io.portdoc.core.StepResult;
import io.portdoc.core.Target;
import io.portdoc.core.Verdict;
import io.portdoc.core.host.RecordedSystem;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The example plugin, found the way portdoc finds it: ServiceLoader over this module's class
 * path (core plus this jar; the five built-in checks are not on it, so their steps are SKIP).
 * Hosts are recorded: linux-default is this machine's /proc/sys, netns-reserved was captured in
 * a network namespace after setting both sysctls there.
 */
class EphemeralPortCheckTest {
    static Path host(String name) {
        try {
            return Path.of(
                    EphemeralPortCheckTest.class.getResource("/hosts/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Report run(String host, int port) {
        Pipeline p = new Pipeline(
                Pipeline.installedChecks(EphemeralPortCheckTest.class.getClassLoader()),
                Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC),
                "test");
        return p.run(new RecordedSystem(host(host)), Target.of("rpc.statd", port));
    }

    static StepResult step(Report r) {
        return r.steps().get(r.steps().size() - 1);
    }

    @Test
    void serviceLoaderAddsTheSixthStepAfterTheChecklist() {
        Report r = run("linux-default", 80);
        assertEquals(
                List.of("daemon", "config", "listening", "firewall", "probe", "ephemeral"),
                r.steps().stream().map(StepResult::id).toList());
        assertEquals("Ephemeral port range", step(r).title());
        r.steps().subList(0, 5).forEach(s -> assertEquals(Verdict.SKIP, s.verdict(), s.id()));
    }

    @Test
    void wellKnownPortIsOutsideTheRange() {
        StepResult s = step(run("linux-default", 80));
        assertEquals(Verdict.PASS, s.verdict());
        assertEquals(
                "port 80 is outside the ephemeral port range 32768-60999: client connections never take it",
                s.summary().text());
        assertEquals(
                "/proc/sys/net/ipv4/ip_local_port_range:1", s.evidence().get(0).location());
    }

    @Test
    void seedsRpcStatdPortIsInsideTheRange() {
        // the seed's netstat: 0.0.0.0:50387 rpc.statd
        Report r = run("linux-default", 50387);
        StepResult s = step(r);
        assertEquals(Verdict.WARN, s.verdict());
        assertTrue(
                s.summary().text().startsWith("port 50387 is inside the ephemeral port range 32768-60999"),
                s.summary().text());
        assertEquals("(empty)", s.evidence().get(1).text());
        assertTrue(
                Msg.texts(s.hints()).get(0).contains("sysctl -w net.ipv4.ip_local_reserved_ports=50387 "),
                s.hints().toString());
        assertEquals(Verdict.WARN, r.conclusion().verdict(), "a plugin step counts in the conclusion");
        assertTrue(
                r.conclusion().summary().text().contains("step ephemeral (Ephemeral port range) warns"),
                r.conclusion().summary().text());
    }

    @Test
    void reservedPortsPassAndNewReservationsKeepTheOldOnes() {
        assertEquals(Verdict.PASS, step(run("netns-reserved", 50387)).verdict());
        assertEquals(Verdict.PASS, step(run("netns-reserved", 8005)).verdict(), "inside 8000-8010");
        assertEquals(
                Verdict.PASS, step(run("netns-reserved", 51000)).verdict(), "above the namespace's range 40000-50999");
        StepResult s = step(run("netns-reserved", 45000));
        assertEquals(Verdict.WARN, s.verdict());
        assertTrue(
                s.hints().get(0).text().contains("ip_local_reserved_ports=8000-8010,50387,45000 "),
                s.hints().toString());
    }

    @Test
    void noProcIsSkipAndDeniedIsUnknown() {
        assertEquals(Verdict.SKIP, step(run("not-linux", 50387)).verdict());
        StepResult denied = step(run("denied", 50387));
        assertEquals(Verdict.UNKNOWN, denied.verdict());
        assertEquals(
                "cannot read /proc/sys/net/ipv4/ip_local_port_range",
                denied.summary().text());
    }

    @Test
    void reservedListParsing() {
        assertTrue(EphemeralPortCheck.ReservedPorts.contains("8000-8010,50387", 8000));
        assertTrue(EphemeralPortCheck.ReservedPorts.contains("8000-8010,50387", 8010));
        assertTrue(EphemeralPortCheck.ReservedPorts.contains(" 50387 ", 50387));
        assertTrue(!EphemeralPortCheck.ReservedPorts.contains("8000-8010,50387", 8011));
        assertTrue(!EphemeralPortCheck.ReservedPorts.contains("", 1));
    }
}
