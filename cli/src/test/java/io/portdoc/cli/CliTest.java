package io.portdoc.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Exit codes and error lines of the command line contract (DESIGN.md). */
class CliTest {
    record Run(int code, String out, String err) {}

    /** The real entry point, in this JVM: {@link Main#run} with captured output. */
    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8), args);
        return new Run(code, out.toString(UTF_8), err.toString(UTF_8));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "diagnose --port 0",
                "diagnose --port 65536",
                "diagnose --port 99999999999",
                "diagnose --port -5",
                "diagnose --port nosuchservicename",
                "diagnose --port 22 --client 10.0.0.300",
                "diagnose --port 22 --client example.org",
                "diagnose --port 22 --format xml",
                "diagnose --port 22 --timeout 3x",
                "diagnose --port 22 --config /nonexistent/httpd.conf",
                "diagnose --port 22 --protocol udp",
                "diagnose",
                "diagnose --port",
                "diagnose --port 22 --bogus",
                "nosuchcommand",
                "diagnose --port 22 --no-probe --output /nonexistent-dir/x.json",
                "diagnose --port 22 --no-probe --output /tmp",
                "diagnose --service= --port 22"
            })
    void badInputIsOneLineAndExit2(String args) {
        Run r = run(args.split(" "));
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
    }

    @Test
    void verboseShowsTheStackTrace() {
        Run r = run("--verbose", "diagnose", "--port", "22", "--config", "/nonexistent/httpd.conf");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("\tat "), r.err());
    }

    @Test
    void helpAndVersion() {
        Run help = run("--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("diagnose") && help.out().contains("Examples:"), help.out());
        Run version = run("--version");
        assertEquals(0, version.code());
        assertTrue(version.out().startsWith("portdoc "), version.out());
        Run diagnoseHelp = run("diagnose", "--help");
        assertEquals(0, diagnoseHelp.code());
        assertTrue(
                diagnoseHelp.out().contains("--client") && diagnoseHelp.out().contains("Exit codes"),
                diagnoseHelp.out());
        Run completion = run("generate-completion");
        assertEquals(0, completion.code());
        assertTrue(completion.out().contains("complete -F"), "a bash completion script");
    }

    @Test
    void outputFileIsWrittenWhole(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("ticket.json");
        Run r = run("diagnose", "--port", "1", "--no-probe", "--format", "json", "--output", out.toString());
        assertTrue(r.code() == 0 || r.code() == 1 || r.code() == 3, r.err());
        assertEquals("", r.out());
        String json = Files.readString(out);
        assertTrue(json.startsWith("{") && json.strip().endsWith("}"));
        assertTrue(json.contains("\"schema\" : \"portdoc/report/v1\""));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temp file left behind");
        }
    }
}
