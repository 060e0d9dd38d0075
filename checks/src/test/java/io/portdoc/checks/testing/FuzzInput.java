package io.portdoc.checks.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * What every parser fuzz test asserts about one input besides its exception type: it is done
 * within {@link #PER_INPUT}. Inputs are bytes read as ISO-8859-1, as the hosts' files are, so
 * every byte sequence is a possible file.
 */
public final class FuzzInput {
    /** How long {@code -Pfuzz} fuzzes one target ({@code @FuzzTest(maxDuration)}). */
    public static final String RUN = "2m";

    /** A few KiB of input: a parser that needs longer is quadratic or worse somewhere. */
    public static final Duration PER_INPUT = Duration.ofSeconds(2);

    private FuzzInput() {}

    public static String text(byte[] data) {
        return new String(data, StandardCharsets.ISO_8859_1);
    }

    /** Runs {@code parse}, failing when it took longer than {@link #PER_INPUT}. */
    public static <T> T bounded(Callable<T> parse) throws Exception {
        long start = System.nanoTime();
        T result = parse.call();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (took.compareTo(PER_INPUT) > 0) {
            fail("one input took " + took.toMillis() + " ms (limit " + PER_INPUT.toMillis() + " ms)");
        }
        return result;
    }
}
