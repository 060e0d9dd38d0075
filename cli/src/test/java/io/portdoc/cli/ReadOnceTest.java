package io.portdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.core.Pipeline;
import io.portdoc.core.Report;
import io.portdoc.core.Target;
import io.portdoc.core.TargetResolver;
import io.portdoc.core.host.RecordedSystem;
import io.portdoc.core.host.SystemView;
import io.portdoc.core.profile.ProfileCatalog;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One truth per fact: a whole diagnosis of the recorded host boven, all five steps, reads each
 * file, directory, link and command at most once, and the process table once, whichever step
 * needs it first. The host is wrapped in a counting {@link SystemView}.
 */
class ReadOnceTest {
    private static final Map<String, String> KEYS = Map.of(
            "readFile",
            "file ",
            "readFileOrEmpty",
            "file ",
            "list",
            "dir ",
            "readLink",
            "link ",
            "run",
            "command ",
            "processes",
            "processes",
            "resolve",
            "resolve ");

    @ParameterizedTest
    @CsvSource({
        "httpd, 192.168.1.7, ",
        "httpd, , boven",
        "cups, 10.0.0.156, ",
        "sshd, 10.0.0.156, 10.0.0.154",
    })
    void everyFactIsReadOnce(String service, String client, String host) {
        RecordedSystem recorded = new RecordedSystem(SamplesTest.HOST);
        Map<String, AtomicInteger> reads = new TreeMap<>();
        SystemView counting = (SystemView) Proxy.newProxyInstance(
                SystemView.class.getClassLoader(), new Class<?>[] {SystemView.class}, (proxy, method, args) -> {
                    String key = KEYS.get(method.getName());
                    if (key != null) {
                        String what = args == null || args.length == 0 ? "" : String.valueOf(args[0]);
                        reads.computeIfAbsent(key + what, k -> new AtomicInteger())
                                .incrementAndGet();
                    }
                    try {
                        return method.invoke(recorded, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        TargetResolver resolver = new TargetResolver(ProfileCatalog.builtIn(), counting);
        Target target = resolver.target(service, null, null).withProbe(true, null);
        if (client != null) {
            target = target.withClient(TargetResolver.client(client));
        }
        if (host != null) {
            target = target.withHost(host);
        }
        Report report = new Pipeline(
                        Pipeline.installedChecks(Main.class.getClassLoader()),
                        Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC),
                        "test")
                .run(counting, resolver.resolve(target));

        assertEquals(5, report.steps().size());
        assertTrue(reads.containsKey("processes") && reads.containsKey("file /etc/services"), reads.toString());
        String twice = reads.entrySet().stream()
                .filter(e -> e.getValue().get() > 1)
                .map(e -> e.getKey() + " x" + e.getValue())
                .collect(Collectors.joining(", "));
        assertEquals("", twice, "read more than once in one diagnosis");
        assertEquals(
                List.of("daemon", "config", "listening", "firewall", "probe"),
                report.steps().stream().map(s -> s.id()).toList());
    }
}
