package io.portdoc.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.core.host.RecordedSystem;
import io.portdoc.core.testchecks.TestChecks;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineTest {
    @TempDir
    Path host;

    private Report run(Check... checks) {
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
        return new Pipeline(List.of(checks), clock, "0.1.0").run(new RecordedSystem(host), Target.of("httpd", 80));
    }

    @Test
    void probeAfterTheDeadlineIsNotTried() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
        Pipeline p =
                new Pipeline(List.of(new TestChecks.Daemon(Verdict.PASS), new TestChecks.Crashing()), clock, "0.1.0");
        Report late = p.until(System.nanoTime() - 1).run(new RecordedSystem(host), Target.of("httpd", 80));
        StepResult probe = late.steps().get(4);
        assertEquals(Verdict.UNKNOWN, probe.verdict());
        assertTrue(
                probe.summary().text().startsWith("not tried: deadline"),
                probe.summary().text());
        assertEquals(Verdict.PASS, late.steps().get(0).verdict(), "steps before the probe still run");
        Report inTime =
                p.until(System.nanoTime() + 60_000_000_000L).run(new RecordedSystem(host), Target.of("httpd", 80));
        assertTrue(inTime.steps().get(4).summary().text().startsWith("the check failed"), "the probe ran");
    }

    @Test
    void alwaysFiveStepsInChecklistOrderThenPlugins() {
        Report r = run(new TestChecks.Plugin(), new TestChecks.Listening(), new TestChecks.Daemon(Verdict.PASS));
        assertEquals(
                List.of("daemon", "config", "listening", "firewall", "probe", "tls"),
                r.steps().stream().map(StepResult::id).toList());
        assertEquals(Verdict.SKIP, r.steps().get(1).verdict());
        assertEquals(
                "no check for this step is installed",
                r.steps().get(1).summary().text());
        assertEquals("Daemon configuration", r.steps().get(1).title());
    }

    @Test
    void orderComesFromTheAnnotationAlone() {
        Report r = run(new TestChecks.Listening(), new TestChecks.Between(), new TestChecks.Daemon(Verdict.PASS));
        assertEquals(
                List.of("daemon", "config", "dns", "listening", "firewall", "probe"),
                ids(r),
                "dns (order 25) between config and listening; SKIPs next to their built-in neighbours");
        Report moved = run(new TestChecks.Daemon(Verdict.PASS), new TestChecks.ProbeFirst(), new TestChecks.Plugin());
        assertEquals(
                List.of("probe", "daemon", "config", "listening", "firewall", "tls"),
                ids(moved),
                "probe declares order 5, so it runs first");
        Report none = run(new TestChecks.Plugin());
        assertEquals(List.of("daemon", "config", "listening", "firewall", "probe", "tls"), ids(none));
        assertTrue(none.steps().subList(0, 5).stream().allMatch(s -> s.verdict() == Verdict.SKIP));
    }

    private static List<String> ids(Report r) {
        return r.steps().stream().map(StepResult::id).toList();
    }

    @Test
    void blockingStepIsTheFirstFail() {
        Report r = run(new TestChecks.Daemon(Verdict.PASS), new TestChecks.Listening());
        assertEquals(Verdict.FAIL, r.conclusion().verdict());
        assertEquals("listening", r.conclusion().blockingStep(), "facts shared by daemon reach listening");
        assertEquals(List.of("listen on it"), Msg.texts(r.conclusion().hints()));
        assertEquals(1, r.exitCode());
        assertTrue(r.conclusion().summary().text().startsWith("The first broken link is step listening"));
    }

    @Test
    void crashingCheckIsUnknownNotFatal() {
        Report r = run(new TestChecks.Daemon(Verdict.PASS), new TestChecks.Crashing());
        StepResult probe = r.steps().get(4);
        assertEquals(Verdict.UNKNOWN, probe.verdict());
        assertTrue(probe.summary().text().contains("IllegalStateException: boom"));
        assertTrue(probe.stackTrace().startsWith("java.lang.IllegalStateException: boom"), probe.stackTrace());
        assertTrue(
                probe.stackTrace().contains("\tat io.portdoc.core.testchecks.TestChecks$Crashing.run("),
                "the trace names the check's own frame: " + probe.stackTrace());
        assertNull(r.steps().get(0).stackTrace(), "a step that did not throw has no trace");
        assertEquals(Verdict.UNKNOWN, r.conclusion().verdict());
        assertNull(r.conclusion().blockingStep());
        assertEquals(3, r.exitCode());
    }

    @Test
    void warningsAloneExitZero() {
        Report r = run(new TestChecks.Daemon(Verdict.WARN));
        assertEquals(Verdict.WARN, r.conclusion().verdict());
        assertEquals(0, r.exitCode());
        assertEquals(List.of("start it"), Msg.texts(r.conclusion().hints()));
    }

    @Test
    void allPassIsPass() {
        Report r = run(new TestChecks.Daemon(Verdict.PASS));
        assertEquals(Verdict.PASS, r.conclusion().verdict());
        assertEquals(
                "No step found a problem; skipped: config, listening, firewall, probe.",
                r.conclusion().summary().text());
        assertEquals(0, r.exitCode());
    }

    @Test
    void prepareRunsBeforeTheFirstStepAndItsFailureIsHarmless() {
        Report r = run(new TestChecks.SeesPrepared(), new TestChecks.Preparing(false));
        assertEquals(Verdict.PASS, r.steps().get(0).verdict(), "prepare() of a later check ran before step 1");
        Report failed = run(new TestChecks.SeesPrepared(), new TestChecks.Preparing(true));
        assertEquals(Verdict.FAIL, failed.steps().get(0).verdict());
        assertEquals(Verdict.PASS, failed.steps().get(3).verdict(), "the check still runs after a failed prepare");
    }
}
