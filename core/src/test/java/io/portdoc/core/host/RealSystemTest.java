package io.portdoc.core.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void statFollowsLinksAndGivesOwnerModeAndType(@TempDir Path tmp) throws Exception {
        Path f = Files.writeString(tmp.resolve("f"), "x");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        Path link = Files.createSymbolicLink(tmp.resolve("l"), f);
        FileStat st = new RealSystem().stat(link).orElseThrow();
        assertEquals(0640, st.mode());
        assertEquals(FileStat.Type.REGULAR, st.type());
        assertEquals(Files.getAttribute(f, "unix:uid"), st.uid());
        assertEquals(
                FileStat.Type.DIRECTORY,
                new RealSystem().stat(tmp).orElseThrow().type());
        assertEquals(
                FileStat.Type.OTHER,
                new RealSystem().stat(Path.of("/dev/null")).orElseThrow().type());
        assertThrows(NoSuchFileException.class, () -> new RealSystem().stat(tmp.resolve("none")));
    }

    @Test
    void permissionBitsForOwnerGroupOthers() {
        FileStat st = new FileStat(33, 100, 0640, FileStat.Type.REGULAR);
        assertEquals(6, st.bitsFor(33, Set.of()));
        assertEquals(4, st.bitsFor(1000, Set.of(100)));
        assertEquals(0, st.bitsFor(1000, Set.of(5)));
    }
}
