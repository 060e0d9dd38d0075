package io.portdoc.core.net;

import static io.portdoc.core.testing.FuzzInput.bounded;
import static io.portdoc.core.testing.FuzzInput.text;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.portdoc.core.testing.FuzzInput;
import java.util.Optional;

/**
 * {@code /etc/services} as any bytes: lines that do not parse are skipped, and a name never
 * resolves to something that is not a TCP port.
 */
class ServicesDbFuzzTest {
    @FuzzTest(maxDuration = FuzzInput.RUN)
    void services(byte[] data) throws Exception {
        ServicesDb db = bounded(() -> new ServicesDb(text(data), "tcp"));
        for (String name : new String[] {"http", "ssh", "www", "x", "neg", "big", "zero"}) {
            Optional<Integer> port = db.port(name);
            assertTrue(port.isEmpty() || (port.get() >= 1 && port.get() <= 65535), name + " -> " + port);
        }
    }
}
