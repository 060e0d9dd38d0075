package io.portdoc.core.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the remote shell receives is exactly what portdoc meant: checked with the real /bin/sh. */
class ShellQuoteTest {
    @Test
    void theShellGetsEveryArgumentBack() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh");
        List<String> hostile =
                List.of("plain", "it's", "$(touch /tmp/x)", "`id`", "a b\tc", "new\nline", "\\", "'", "''", "*", "");
        String command = "printf '%s\\0' " + ShellQuote.join(hostile);
        Process p = new ProcessBuilder("/bin/sh", "-c", command).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        assertEquals(hostile, List.of(out.substring(0, out.length() - 1).split("\0", -1)));
    }
}
