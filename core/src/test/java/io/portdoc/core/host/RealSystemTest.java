package io.portdoc.core.host;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RealSystemTest {
    @Test
    void readsWholeSysctlFiles() throws Exception {
        // sysctl handlers answer EOF to a read at an offset: Files.readString gave "3" here
        String range = new RealSystem().readFile(Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
        assertTrue(range.strip().matches("\\d+\\s+\\d+"), range);
    }

    @Test
    void missingFile() {
        assertThrows(NoSuchFileException.class, () -> new RealSystem().readFile(Path.of("/no/such/file")));
    }
}
