package io.portdoc.core.host;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Reads a command's output on its own daemon thread, keeping at most {@link #MAX_BYTES} and
 * discarding the rest (so the command never blocks on a full pipe). The caller waits only until
 * its deadline: a pipe held open by a process left behind never holds portdoc up; the thread is
 * a daemon and ends when the last writer closes the pipe.
 */
final class OutputDrain implements Runnable {
    /** Largest command output kept: 32 MiB (a big nft ruleset in JSON is a few MiB). */
    static final int MAX_BYTES = 32 << 20;

    private final InputStream in;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final CountDownLatch done = new CountDownLatch(1);
    private boolean truncated;

    private OutputDrain(InputStream in) {
        this.in = in;
    }

    static OutputDrain start(InputStream in, String name) {
        OutputDrain d = new OutputDrain(in);
        Thread t = new Thread(d, "portdoc " + name);
        t.setDaemon(true);
        t.start();
        return d;
    }

    @Override
    public void run() {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                synchronized (this) {
                    int room = MAX_BYTES - kept.size();
                    kept.write(buf, 0, Math.max(0, Math.min(room, n)));
                    truncated |= n > room;
                }
            }
        } catch (IOException e) {
            // the process was killed or closed the pipe: what was read so far stands
        } finally {
            done.countDown();
        }
    }

    /** True when the pipe reached its end within {@code nanos}. */
    boolean await(long nanos) throws InterruptedException {
        return done.await(nanos, TimeUnit.NANOSECONDS);
    }

    synchronized String text() {
        return kept.toString(StandardCharsets.UTF_8);
    }

    synchronized boolean truncated() {
        return truncated;
    }
}
