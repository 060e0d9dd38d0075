package io.portdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The completion script, run by a real bash: what Tab offers after each word. */
class CompletionTest {
    private static final Path BASH = Path.of("/bin/bash");

    @TempDir
    static Path dir;

    /** The words bash offers for the last word of {@code line}, as the completion function computes them. */
    static List<String> complete(String line) throws IOException, InterruptedException {
        Path script = dir.resolve("portdoc.bash");
        if (!Files.exists(script)) {
            Files.writeString(script, Completion.bash());
        }
        String words = line.endsWith(" ") ? line + "''" : line;
        String driver = "source " + script + " 2>/dev/null; COMP_WORDS=(" + words + "); "
                + "COMP_CWORD=$((${#COMP_WORDS[@]}-1)); COMP_LINE='" + line + "'; "
                + "_complete_portdoc 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"";
        Process p = new ProcessBuilder(BASH.toString(), "--norc", "-c", driver)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        return out.lines().filter(s -> !s.isEmpty()).toList();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // typed so far | must be offered
                "portdoc diagnose --service ht | httpd",
                "portdoc diagnose --service cu | cups",
                "portdoc diagnose --format j | json",
                "portdoc diagnose --format ma | markdown",
                "portdoc --lang n | nl",
                "portdoc dia | diagnose",
                "portdoc diagnose --no-pr | --no-probe"
            })
    void offers(String typed, String expected) throws Exception {
        assumeTrue(Files.isExecutable(BASH), "no /bin/bash");
        List<String> offered = complete(typed);
        assertTrue(offered.contains(expected), typed + " -> " + offered);
    }

    @Test
    void serviceNamesComeFromEtcServicesToo() throws Exception {
        assumeTrue(Files.isExecutable(BASH) && Files.isReadable(Path.of("/etc/services")), "no bash or /etc/services");
        String firstName = Files.readAllLines(Path.of("/etc/services")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("\\s+")[0])
                .filter(n -> n.length() > 3)
                .findFirst()
                .orElseThrow();
        List<String> offered = complete("portdoc diagnose --service " + firstName.substring(0, 3));
        assertTrue(offered.contains(firstName), firstName + " not in " + offered);
        assertEquals(offered.stream().distinct().count(), offered.size(), "no duplicates: " + offered);
    }

    @Test
    void filesForProfileAndConfig() throws Exception {
        assumeTrue(Files.isExecutable(BASH), "no /bin/bash");
        Files.writeString(dir.resolve("site-profile.yaml"), "schema: portdoc/profile/v1\n");
        assertTrue(complete("portdoc diagnose --profile " + dir + "/site-").contains(dir + "/site-profile.yaml"));
        assertTrue(complete("portdoc diagnose --config " + dir + "/site-").contains(dir + "/site-profile.yaml"));
    }

    @Test
    void scriptIsValidBashAndZshWrapsIt() throws Exception {
        assumeTrue(Files.isExecutable(BASH), "no /bin/bash");
        Path script = dir.resolve("check.bash");
        Files.writeString(script, Completion.bash());
        Process p = new ProcessBuilder(BASH.toString(), "-n", script.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(Completion.zsh().startsWith("#compdef portdoc\n"));
        assertTrue(Completion.zsh().contains("complete -F _complete_portdoc"));
    }
}
