package io.portdoc.checks.listening;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.portdoc.checks.daemon.DaemonCheck;
import io.portdoc.checks.testing.Hosts;
import io.portdoc.core.Pipeline;
import io.portdoc.core.Report;
import io.portdoc.core.StepResult;
import io.portdoc.core.Target;
import io.portdoc.core.Verdict;
import io.portdoc.core.host.SystemView;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Both steps in the real pipeline: facts flow from daemon to listening, the tables are read once. */
class DaemonAndListeningPipelineTest {
    @Test
    void seedsPostfixOnLoopback() {
        Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
        SystemView recorded = Hosts.host(Hosts.BOVEN);
        // counts the reads of a real recorded host (a decorator, not a mock)
        SystemView counting = (SystemView) Proxy.newProxyInstance(
                SystemView.class.getClassLoader(), new Class<?>[] {SystemView.class}, (proxy, method, args) -> {
                    if (method.getName().equals("readFile")) {
                        reads.computeIfAbsent(args[0].toString(), k -> new AtomicInteger())
                                .incrementAndGet();
                    }
                    if (method.getName().equals("processes")) {
                        reads.computeIfAbsent("processes()", k -> new AtomicInteger())
                                .incrementAndGet();
                    }
                    try {
                        return method.invoke(recorded, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Report report = new Pipeline(
                        List.of(new ListeningCheck(), new DaemonCheck()),
                        Clock.fixed(Instant.parse("2026-11-27T20:00:00Z"), ZoneOffset.UTC),
                        "test")
                .run(counting, Target.of("master", 25));
        StepResult daemon = report.steps().get(0);
        StepResult listening = report.steps().get(2);
        assertEquals("daemon", daemon.id());
        assertEquals(Verdict.PASS, daemon.verdict());
        assertEquals("listening", listening.id());
        assertEquals(Verdict.FAIL, listening.verdict());
        assertEquals("listening", report.conclusion().blockingStep());
        assertEquals(1, reads.get(Path.of("/proc/net/tcp").toString()).get());
        assertEquals(1, reads.get(Path.of("/proc/net/tcp6").toString()).get());
        assertEquals(1, reads.get("processes()").get());
    }
}
