package io.portdoc.core.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every parser fuzz test asserts about one input besides its exception type: it is done
 * within {@link #PER_INPUT}. Inputs are bytes read as ISO-8859-1, as the hosts' files are, so
 * every byte sequence is a possible file. (The checks module's tests have the same class: test
 * classes are not shared between modules.)
 */
public final class FuzzInput {
    /** How long {@code -Pfuzz} fuzzes one target ({@code @FuzzTest(maxDuration)}). */
    public static final String RUN = "2m";

    /**
     * CPU time of the parsing thread for a few KiB of input: a parser that needs longer is
     * quadratic or worse somewhere. CPU, not wall time, so that the other builds on a shared
     * machine do not fail it; a parser that blocks is Jazzer's {@code -timeout} finding.
     */
    public static final Duration PER_INPUT = Duration.ofSeconds(2);

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Targets that ran once: the first input also loads and compiles the parser's classes. */
    private static final Set<Class<?>> WARM = ConcurrentHashMap.newKeySet();

    private FuzzInput() {}

    public static String text(byte[] data) {
        return new String(data, StandardCharsets.ISO_8859_1);
    }

    /**
     * Runs {@code parse}, failing when it took more than {@link #PER_INPUT} of CPU; the first
     * input of each target (each {@code parse} lambda) is not timed: it pays for class loading.
     */
    public static <T> T bounded(Callable<T> parse) throws Exception {
        boolean warm = !WARM.add(parse.getClass());
        long start = THREADS.getCurrentThreadCpuTime();
        T result = parse.call();
        Duration took = Duration.ofNanos(THREADS.getCurrentThreadCpuTime() - start);
        if (warm && took.compareTo(PER_INPUT) > 0) {
            fail("one input took " + took.toMillis() + " ms of CPU (limit " + PER_INPUT.toMillis() + " ms)");
        }
        return result;
    }
}
