package io.portdoc.core.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.core.BadInputException;
import io.portdoc.core.profile.ProfileLoader;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands and files that would hold portdoc forever or exhaust its memory end with a message. */
class HostileReadTest {
    private final RealSystem system = new RealSystem();

    @Test
    void orphanHoldingThePipeDoesNotOutliveTheDeadline() {
        // the shell exits after 0.3 s, while the output is being read; the setsid'd sleep keeps
        // stdout open for 8 s (the JDK's reaper cannot publish the exit while a read holds the pipe)
        long t0 = System.nanoTime();
        CommandResult r =
                system.run(List.of("/bin/sh", "-c", "setsid sleep 8 & echo started; sleep 0.3"), Duration.ofSeconds(1));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 4000, "took " + ms + " ms");
        assertTrue(r.timedOut());
        assertFalse(r.ok());
        assertTrue(r.stdout().contains("started"), r.stdout());
    }

    @Test
    void commandOutputIsCapped() {
        CommandResult r = system.run(List.of("/bin/sh", "-c", "head -c 40000000 /dev/zero"), Duration.ofSeconds(20));
        assertTrue(r.truncated());
        assertFalse(r.ok());
        assertEquals(OutputDrain.MAX_BYTES, r.stdout().length());
    }

    @Test
    void deviceIsRefusedNotRead() {
        RefusedFileException e = assertThrows(RefusedFileException.class, () -> system.readFile(Path.of("/dev/zero")));
        assertEquals(RefusedFileException.Reason.NOT_REGULAR, e.reason());
        assertEquals("/dev/zero is a character device, not a regular file", e.getMessage());
    }

    @Test
    void sparseHugeFileIsRefusedBySize(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.conf");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(3L << 30);
        }
        RefusedFileException e = assertThrows(RefusedFileException.class, () -> system.readFile(big));
        assertEquals(RefusedFileException.Reason.TOO_LARGE, e.reason());
        assertTrue(e.getMessage().contains("3.0 GiB") && e.getMessage().contains("16 MiB"), e.getMessage());
    }

    @Test
    void fifoIsRefusedWithoutBlocking(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Path link = dir.resolve(".htaccess");
        Files.createSymbolicLink(link, fifo);
        RefusedFileException e = assertTimeoutPreemptively(
                Duration.ofSeconds(5), () -> assertThrows(RefusedFileException.class, () -> system.readFile(link)));
        assertTrue(e.getMessage().endsWith("is a FIFO, not a regular file"), e.getMessage());
        BadInputException bad = assertTimeoutPreemptively(
                Duration.ofSeconds(5), () -> assertThrows(BadInputException.class, () -> ProfileLoader.load(fifo)));
        assertTrue(bad.getMessage().startsWith("cannot read profile: "), bad.getMessage());
    }

    @Test
    void profileFromDevZeroIsBadInput() {
        BadInputException bad = assertTimeoutPreemptively(
                Duration.ofSeconds(5),
                () -> assertThrows(BadInputException.class, () -> ProfileLoader.load(Path.of("/dev/zero"))));
        assertEquals("cannot read profile: /dev/zero is a character device, not a regular file", bad.getMessage());
    }

    @Test
    void recordedHostAppliesTheSameCap(@TempDir Path dir) throws Exception {
        Path etc = Files.createDirectories(dir.resolve("fs/etc"));
        try (RandomAccessFile f = new RandomAccessFile(etc.resolve("huge.conf").toFile(), "rw")) {
            f.setLength(FileLimits.MAX_FILE_BYTES + 1);
        }
        RefusedFileException e = assertThrows(
                RefusedFileException.class, () -> new RecordedSystem(dir).readFile(Path.of("/etc/huge.conf")));
        assertTrue(e.getMessage().startsWith("/etc/huge.conf is too large"), e.getMessage());
    }
}
