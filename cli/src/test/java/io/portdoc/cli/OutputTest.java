package io.portdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.portdoc.core.BadInputException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --output} as root: devices and symbolic links stay what they are, an existing report keeps
 * its owner and mode, and a failure says why. Devices are made with mknod in a temp directory, so
 * the host's own /dev is never at stake.
 */
class OutputTest {
    private static final PrintWriter NONE = new PrintWriter(new StringWriter());

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void sh(String... argv) throws Exception {
        assertEquals(
                0,
                new ProcessBuilder(argv).inheritIO().start().waitFor(),
                List.of(argv).toString());
    }

    @Test
    void symbolicLinkIsWrittenThrough(@TempDir Path dir) throws Exception {
        Path real = Files.writeString(dir.resolve("real.txt"), "old");
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-r-----"));
        Path link = Files.createSymbolicLink(dir.resolve("report.txt"), real.getFileName());
        Output.write(link, "new report", NONE);
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertEquals("new report", Files.readString(real));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(real)));
    }

    @Test
    void danglingLinkIsRefused(@TempDir Path dir) throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("report.txt"), dir.resolve("missing/x"));
        BadInputException e = assertThrows(BadInputException.class, () -> Output.write(link, "r", NONE));
        assertTrue(e.getMessage().contains("symbolic link to a missing"), e.getMessage());
        assertTrue(Files.isSymbolicLink(link));
    }

    @Test
    void existingReportKeepsOwnerAndMode(@TempDir Path dir) throws Exception {
        assumeTrue(root(), "needs root to give the file another owner");
        Path f = Files.writeString(dir.resolve("ticket.txt"), "old");
        sh("chown", "65534:65534", f.toString());
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-rw-r--"));
        UserPrincipal owner = Files.getOwner(f);
        Output.write(f, "new", NONE);
        assertEquals("new", Files.readString(f));
        assertEquals(owner, Files.getOwner(f));
        assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    void characterDeviceIsWrittenIntoNotReplaced(@TempDir Path dir) throws Exception {
        assumeTrue(root(), "mknod needs root");
        Path nul = dir.resolve("null");
        sh("mknod", nul.toString(), "c", "1", "3");
        Output.write(nul, "report", NONE);
        assertEquals(0020000, (int) Files.getAttribute(nul, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000);
        Path full = dir.resolve("full");
        sh("mknod", full.toString(), "c", "1", "7");
        BadInputException e = assertThrows(BadInputException.class, () -> Output.write(full, "report", NONE));
        assertEquals("cannot write --output " + full + ": no space left on device", e.getMessage());
        assertEquals(0020000, (int) Files.getAttribute(full, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000);
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temp file left behind");
        }
    }

    @Test
    void fifoIsRefused(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("fifo");
        sh("mkfifo", fifo.toString());
        BadInputException e = assertThrows(BadInputException.class, () -> Output.write(fifo, "report", NONE));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
    }

    @Test
    void reasonIsTheSystemsNotTheTempFile() {
        assertEquals(
                "read-only file system",
                Output.why(new FileSystemException("/etc/.portdoc.txt.123.tmp", null, "Read-only file system")));
        assertEquals("permission denied", Output.why(new AccessDeniedException("/etc/.x.tmp")));
    }
}
