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
import io.portdoc.cli.render.Renderer;
import io.portdoc.cli.render.TextRenderer;
import io.portdoc.core.Msg;
import io.portdoc.core.Report;
import io.portdoc.core.ReportSet;
import io.portdoc.core.StepResult;
import io.portdoc.core.Verdict;
import io.portdoc.core.host.RecordedSystem;
import io.portdoc.core.listing.Listing;
import io.portdoc.core.listing.ListingSource;
import io.portdoc.core.probe.Attempt;
import io.portdoc.core.probe.ProbeResult;
import io.portdoc.core.probe.ProbeState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one render layer: which document exists in which format, and what --verbose adds. */
class RenderersTest {
    private static final Path BOVEN = Path.of("../examples/hosts/boven");
    private static final String TRACE = "java.lang.IllegalStateException: boom\n"
            + "\tat io.portdoc.checks.probe.ProbeCheck.run(ProbeCheck.java:42)\n";

    /** The seed report with its probe step crashed, as Pipeline records a check that threw. */
    private static Report crashed() {
        Report seed = ReportJsonTest.seedReport();
        List<StepResult> steps = new ArrayList<>(seed.steps());
        steps.set(
                4,
                new StepResult(
                        "probe",
                        "TCP connection",
                        Verdict.UNKNOWN,
                        new Msg("step.crashed", "the check failed with IllegalStateException: boom"),
                        List.of(),
                        List.of(),
                        3,
                        TRACE));
        return new Report(
                seed.toolVersion(),
                seed.generatedAt(),
                seed.host(),
                seed.target(),
                seed.portName(),
                steps,
                seed.conclusion());
    }

    // DESIGN.md, CLI contract: diagnose --format text|json|markdown, probe and listening text|json
    @ParameterizedTest
    @CsvSource({
        "REPORT,    text,     TEXT",
        "REPORT,    JSON,     JSON",
        "REPORT,    ' markdown ', MARKDOWN",
        "PROBE,     text,     TEXT",
        "PROBE,     json,     JSON",
        "LISTENING, Text,     TEXT",
        "LISTENING, json,     JSON"
    })
    void documentsExistInTheirFormats(Document document, String name, Format expected) {
        assertEquals(expected, document.format(name));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "REPORT    | xml      | unknown format 'xml' (use text, json or markdown)",
                "PROBE     | markdown | unknown format 'markdown' (use text or json)",
                "LISTENING | markdown | unknown format 'markdown' (use text or json)",
                "LISTENING | \"\"       | unknown format '' (use text or json)"
            })
    void otherFormatsAreBadInput(Document document, String name, String message) {
        assertEquals(
                message,
                assertThrows(IllegalArgumentException.class, () -> document.format(name))
                        .getMessage());
    }

    /** Every document in every format it exists in: a whole document; JSON ones name their schema. */
    @Test
    void everyDocumentRendersInEachOfItsFormats() throws Exception {
        ProbeResult probe = ProbeResult.of("boven", 80, List.of(new Attempt("10.0.0.154", ProbeState.OPEN, 3, null)));
        Listing listing = ListingSource.installed(getClass().getClassLoader()).read(new RecordedSystem(BOVEN), null);
        Report report = ReportJsonTest.seedReport();
        ReportSet set = new ReportSet(report.generatedAt(), List.of(report, report));
        Map<String, String> schemas = Map.of(
                "report",
                "portdoc/report/v1",
                "reports",
                "portdoc/reports/v1",
                "probe",
                "portdoc/probe/v1",
                "listening",
                "portdoc/listening/v1");
        for (Document d : Document.values()) {
            for (Format f : d.formats()) {
                Renderer r = f.renderer(false, false);
                Map<String, String> docs = switch (d) {
                    case REPORT -> Map.of("report", r.report(report), "reports", r.reports(set));
                    case PROBE -> Map.of("probe", r.probe(probe, Duration.ofSeconds(3)));
                    case LISTENING -> Map.of("listening", r.listening(listing, "boven", null));
                };
                docs.forEach((name, text) -> {
                    assertTrue(text.length() > 20 && text.endsWith("\n"), d + " " + f + " " + name + ": " + text);
                    if (f == Format.JSON) {
                        assertTrue(text.contains("\"schema\" : \"" + schemas.get(name) + "\""), text);
                    }
                });
            }
        }
        Renderer md = Format.MARKDOWN.renderer(false, false);
        assertThrows(IllegalStateException.class, () -> md.probe(probe, Duration.ofSeconds(3)), "never asked");
        assertThrows(IllegalStateException.class, () -> md.listening(listing, "boven", null), "never asked");
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
        assertEquals(
                new JsonRenderer(false).report(ReportJsonTest.seedReport()),
                new JsonRenderer(true).report(ReportJsonTest.seedReport()));
    }
}
