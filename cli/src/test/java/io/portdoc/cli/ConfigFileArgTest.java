package io.portdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.core.BadInputException;
import io.portdoc.core.host.RealSystem;
import io.portdoc.core.host.RecordedSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --config FILE} is checked on the diagnosed host before any step runs (DESIGN.md: exit 2). */
class ConfigFileArgTest {
    private static final RecordedSystem DEBIAN =
            new RecordedSystem(Path.of("../checks/src/test/resources/hosts/debian"));

    @Test
    void aReadableFileOfTheDiagnosedHost() {
        Path conf = Path.of("/etc/apache2/apache2.conf");
        assertEquals(conf, ConfigFileArg.check(DEBIAN, conf));
    }

    @Test
    void missingOrADirectoryIsBadInput() {
        BadInputException missing = assertThrows(
                BadInputException.class, () -> ConfigFileArg.check(DEBIAN, Path.of("/etc/apache2/nope.conf")));
        assertEquals("--config /etc/apache2/nope.conf: no such file", missing.getMessage());
        BadInputException dir =
                assertThrows(BadInputException.class, () -> ConfigFileArg.check(DEBIAN, Path.of("/etc/apache2")));
        assertTrue(dir.getMessage().contains("is a directory"), dir.getMessage());
    }

    @Test
    void aDeviceIsNotAConfigFile() {
        // reading /dev/zero would never end: refused before anything reads it
        BadInputException e = assertThrows(
                BadInputException.class, () -> ConfigFileArg.check(new RealSystem(), Path.of("/dev/zero")));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
    }

    @Test
    void anUnreadableFileIsBadInput(@TempDir Path dir) throws Exception {
        Path conf = Files.writeString(dir.resolve("httpd.conf"), "Listen 80\n");
        assertEquals(conf, ConfigFileArg.check(new RealSystem(), conf));
        Files.setPosixFilePermissions(conf, Set.of());
        if (Files.isReadable(conf)) {
            return; // root reads any file: nothing to refuse here
        }
        BadInputException e = assertThrows(BadInputException.class, () -> ConfigFileArg.check(new RealSystem(), conf));
        assertTrue(e.getMessage().endsWith(": permission denied"), e.getMessage());
    }

    @Test
    void relativePathsBecomeAbsolute() {
        Path rel = Path.of("pom.xml");
        assertEquals(rel.toAbsolutePath(), ConfigFileArg.check(new RealSystem(), rel));
    }
}
