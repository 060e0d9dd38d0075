package io.portdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portdoc.cli.render.Document;
import io.portdoc.cli.render.Format;
import io.portdoc.cli.render.JsonRenderer;
import io.portdoc.cli.render.MarkdownRenderer;
import io.portdoc.cli.render.TextRenderer;
import io.portdoc.core.Msg;
import io.portdoc.core.Report;
import io.portdoc.core.StepResult;
import io.portdoc.core.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one render layer: which document exists in which format, and what --verbose adds. */
class RenderersTest {
    private static final String TRACE = "java.lang.IllegalStateException: boom\n"
            + "\tat io.portdoc.checks.probe.ProbeCheck.run(ProbeCheck.java:42)\n";

    /** The seed report with its probe step crashed, as Pipeline records a check that threw. */
    private static Report crashed() {
        Report seed = ReportJsonTest.seedReport();
        List<StepResult> steps = new ArrayList<>(seed.steps());
        steps.set(4, new StepResult("probe", "TCP connection", Verdict.UNKNOWN,
                new Msg("step.crashed", "the check failed with IllegalStateException: boom"), List.of(), List.of(), 3,
                TRACE));
        return new Report(seed.toolVersion(), seed.generatedAt(), seed.host(), seed.target(), seed.portName(), steps,
                seed.conclusion());
    }

    // DESIGN.md, CLI contract: diagnose --format text|json|markdown, probe and listening text|json
    @ParameterizedTest
    @CsvSource({
        "REPORT,    text,     TEXT", "REPORT,    JSON,     JSON", "REPORT,    ' markdown ', MARKDOWN",
        "PROBE,     text,     TEXT", "PROBE,     json,     JSON",
        "LISTENING, Text,     TEXT", "LISTENING, json,     JSON"})
    void documentsExistInTheirFormats(Document document, String name, Format expected) {
        assertEquals(expected, document.format(name));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "REPORT    | xml      | unknown format 'xml' (use text, json or markdown)",
        "PROBE     | markdown | unknown format 'markdown' (use text or json)",
        "LISTENING | markdown | unknown format 'markdown' (use text or json)",
        "LISTENING | \"\"       | unknown format '' (use text or json)"})
    void otherFormatsAreBadInput(Document document, String name, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> document.format(name)).getMessage());
    }

    @Test
    void everyFormatADocumentExistsInHasARenderer() {
        for (Document d : Document.values()) {
            for (Format f : d.formats()) {
                assertTrue(f.renderer(false, false).report(ReportJsonTest.seedReport()).endsWith("\n"), d + " " + f);
            }
        }
    }

    @Test
    void textShowsTheStackTraceOnlyWhenVerbose() {
        String verbose = new TextRenderer(false, true).report(crashed());
        assertTrue(verbose.contains("! java.lang.IllegalStateException: boom\n"), verbose);
        assertTrue(verbose.contains("! \tat io.portdoc.checks.probe.ProbeCheck.run(ProbeCheck.java:42)\n"), verbose);
        String plain = new TextRenderer(false, false).report(crashed());
        assertFalse(plain.contains("java.lang.IllegalStateException") || plain.contains("\tat "), plain);
        assertTrue(plain.contains("the check failed with IllegalStateException: boom"), "the summary says it");
    }

    @Test
    void jsonCarriesTheStackTraceOnlyWhenVerboseAndStaysValid() throws Exception {
        String verbose = new JsonRenderer(true).report(crashed());
        JsonNode probe = new ObjectMapper().readTree(verbose).get("steps").get(4);
        assertEquals(TRACE, probe.get("stackTrace").asText());
        assertFalse(new ObjectMapper().readTree(verbose).get("steps").get(0).has("stackTrace"), "no trace, no field");
        assertEquals(List.of(), ReportSchemaTest.errors("report", verbose));
        String plain = new JsonRenderer(false).report(crashed());
        assertFalse(plain.contains("stackTrace"), plain);
        assertEquals(List.of(), ReportSchemaTest.errors("report", plain));
    }

    @Test
    void markdownNeverShowsTheStackTrace() {
        String md = new MarkdownRenderer().report(crashed());
        assertFalse(md.contains("\tat ") || md.contains("ProbeCheck.java"), md);
    }

    @Test
    void verboseJsonOfAHealthyReportIsTheSameBytes() {
        assertEquals(new JsonRenderer(false).report(ReportJsonTest.seedReport()),
                new JsonRenderer(true).report(ReportJsonTest.seedReport()));
    }
}
