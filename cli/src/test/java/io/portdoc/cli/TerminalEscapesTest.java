package io.portdoc.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A process whose command line carries terminal escapes (a window title, clear screen, a fake
 * green PASS) and a NUL byte reaches root's terminal and a ticket only as visible text: no ESC,
 * BEL or NUL in the text or markdown report, each shown as {@code \xNN} instead.
 */
class TerminalEscapesTest {
    private static final String EVIL = "\u001b]0;pwned\u0007\u001b[2J\u001b[32mPASS\u001b[0m\u0000";

    @TempDir
    Path host;

    @ParameterizedTest
    @ValueSource(strings = {"text", "markdown"})
    void escapesInAProcessNameAreShownNotObeyed(String format) throws IOException {
        String argv =
                EVIL.replace("\u001b", "\\u001b").replace("\u0007", "\\u0007").replace("\u0000", "\\u0000");
        Files.writeString(
                host.resolve("processes.json"),
                "[{\"pid\":42,\"ppid\":1,\"user\":\"root\",\"comm\":\"evild\","
                        + "\"executable\":\"/usr/sbin/evild\",\"argv\":[\"/usr/sbin/evild\",\"" + argv + "\"]}]");
        Files.writeString(host.resolve("host.properties"), "hostname=boven\nprivileged=true\n");
        CliTest.Run r = CliTest.run(
                "--recorded-host",
                host.toString(),
                "diagnose",
                "--service",
                "evild",
                "--port",
                "4242",
                "--no-probe",
                "--verbose",
                "--format",
                format);
        assertTrue(r.out().contains("/usr/sbin/evild"), r.out());
        assertTrue(r.out().contains("\\x1b]0;pwned\\x07\\x1b[2J"), r.out());
        for (char c : new char[] {'\u001b', '\u0007', '\u0000'}) {
            assertFalse(r.out().indexOf(c) >= 0, "raw control character " + (int) c + " in\n" + r.out());
        }
    }
}
