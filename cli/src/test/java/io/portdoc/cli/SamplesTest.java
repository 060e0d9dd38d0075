package io.portdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * examples/reports/sample.* are what portdoc itself writes for the seed's case: httpd on
 * "boven", whose config lets in only 10.0.0.0/24 and localhost, and a client at 192.168.1.7.
 * They are replayed from the recorded host examples/hosts/boven with a fixed clock (timings
 * inside evidence text are masked when comparing). When the checks change their wording this
 * fails; regenerate with
 * {@code ./mvnw -pl cli -am test -Dtest=SamplesTest -Dsurefire.failIfNoSpecifiedTests=false -Dportdoc.updateGolden=true}
 * and review the diff.
 */
class SamplesTest {
    static final Path EXAMPLES = Path.of("..", "examples");
    static final Path HOST = EXAMPLES.resolve("hosts/boven");
    static final String FIXED_TIME = "2026-11-25T10:00:00Z";

    /** The command line of the samples, as in examples/README.md (with the hidden options for tests). */
    static List<String> args(String format) {
        List<String> a = new ArrayList<>(List.of(
                "--recorded-host",
                HOST.toString(),
                "diagnose",
                "--service",
                "httpd",
                "--client",
                "192.168.1.7",
                "--format",
                format,
                "--fixed-time",
                FIXED_TIME));
        if (format.equals("text")) {
            a.add("--verbose");
        }
        return a;
    }

    @ParameterizedTest
    @CsvSource({"text, sample.txt", "json, sample.json", "markdown, sample.md"})
    void sampleIsCurrent(String format, String file) throws IOException {
        CliTest.Run r = CliTest.run(args(format).toArray(String[]::new));
        assertTrue(r.code() == 0 || r.code() == 1 || r.code() == 3, "exit " + r.code() + ": " + r.err());
        Path sample = EXAMPLES.resolve("reports").resolve(file);
        boolean same = Files.exists(sample) && mask(Files.readString(sample)).equals(mask(r.out()));
        if (Boolean.getBoolean("portdoc.updateGolden") && !same) { // timings alone are no change
            Files.createDirectories(sample.getParent());
            Files.writeString(sample, r.out());
        }
        assertEquals(
                mask(Files.exists(sample) ? Files.readString(sample) : "(missing " + sample + ")"),
                mask(r.out()),
                "examples/reports/" + file + " is stale: regenerate it (see SamplesTest's javadoc)");
    }

    /** Timings in evidence ("open after 3 ms") vary from run to run even on a replayed host. */
    static String mask(String report) {
        return report.replaceAll("\\b\\d+ ms\\b", "N ms");
    }
}
