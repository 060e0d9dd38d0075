package io.portdoc.checks.facts;

import static io.portdoc.checks.testing.FuzzInput.bounded;
import static io.portdoc.checks.testing.FuzzInput.text;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.portdoc.checks.testing.FuzzInput;

/**
 * {@code /proc/net/tcp} and {@code tcp6} as any bytes (a truncated or garbled read): lines that
 * do not parse are skipped, nothing is thrown.
 */
class ProcNetTcpFuzzTest {
    @FuzzTest(maxDuration = FuzzInput.RUN)
    void tcp(byte[] data) throws Exception {
        bounded(() -> ProcNetTcp.all(text(data), Family.IPV4));
    }

    @FuzzTest(maxDuration = FuzzInput.RUN)
    void tcp6(byte[] data) throws Exception {
        bounded(() -> ProcNetTcp.all(text(data), Family.IPV6));
    }
}
