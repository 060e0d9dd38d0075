package io.portdoc.checks.config.redis;

import static io.portdoc.checks.testing.FuzzInput.bounded;
import static io.portdoc.checks.testing.FuzzInput.text;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.portdoc.checks.testing.FuzzInput;
import io.portdoc.checks.testing.MemoryHost;
import java.util.List;

/**
 * redis.conf on any input (more files after {@code ==> /path <==} lines, for include) with
 * command-line options after it: why reading stopped is the result's problem, never thrown.
 */
class RedisFuzzTest {
    private static final String MAIN = "/etc/redis/redis.conf";

    @FuzzTest(maxDuration = FuzzInput.RUN)
    void redisConf(byte[] data) throws Exception {
        bounded(() -> RedisConfigReader.read(
                MemoryHost.unpack(MAIN, text(data)), MAIN, List.of("--port", "7000"), "the command line"));
    }
}
