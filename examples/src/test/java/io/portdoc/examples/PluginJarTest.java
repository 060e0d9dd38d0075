package io.portdoc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What examples/README.md tells users to do: put the plugin next to portdoc's jar on the class
 * path, and diagnose runs the extra step. Needs the runnable jar, which the full build makes
 * before this module's tests ({@code ./mvnw verify}); skipped when it is not there.
 */
class PluginJarTest {
    static final Path PORTDOC_JAR = Path.of("..", "cli", "target", "portdoc.jar");

    @Test
    void portdocJarPlusPluginClassesRunsTheSixthStep() throws Exception {
        if (!Files.isRegularFile(PORTDOC_JAR)) {
            System.out.println(
                    "PluginJarTest skipped: " + PORTDOC_JAR + " is not built (run ./mvnw verify from the root)");
            Assumptions.abort("no portdoc.jar");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = PORTDOC_JAR + File.pathSeparator + Path.of("target", "classes");
        Process p = new ProcessBuilder(
                        java,
                        "-cp",
                        cp,
                        "io.portdoc.cli.Main",
                        "--recorded-host",
                        "hosts/boven",
                        "diagnose",
                        "--port",
                        "50387",
                        "--no-probe",
                        "--format",
                        "json")
                .redirectErrorStream(true)
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "portdoc finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(List.of(0, 1, 3).contains(p.exitValue()), out);
        assertTrue(out.contains("\"id\" : \"ephemeral\""), out);
        assertTrue(out.contains("port 50387 is inside the ephemeral port range"), out);
        int last = out.lastIndexOf("\"id\" : \"");
        assertEquals("ephemeral", out.substring(last + 8, out.indexOf('"', last + 8)), "the plugin step comes last");
    }
}
