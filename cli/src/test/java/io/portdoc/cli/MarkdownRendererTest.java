package io.portdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.cli.render.MarkdownRenderer;
import io.portdoc.core.Conclusion;
import io.portdoc.core.Evidence;
import io.portdoc.core.Msg;
import io.portdoc.core.Report;
import io.portdoc.core.ReportSet;
import io.portdoc.core.StepResult;
import io.portdoc.core.Verdict;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownRendererTest {
    @Test
    void markdownMatchesGolden() throws IOException {
        ReportJsonTest.assertGolden("report.md", new MarkdownRenderer().report(ReportJsonTest.seedReport()));
    }

    @Test
    void tableCellsAndCodeBlocksSurviveHostileText() {
        Report seed = ReportJsonTest.seedReport();
        List<StepResult> steps = new ArrayList<>(seed.steps());
        steps.set(
                0,
                new StepResult(
                        "daemon",
                        "Daemon running",
                        Verdict.WARN,
                        new Msg("k", "a | b <script> *x*\nnext"),
                        List.of(Evidence.of("cmd `x`", "```\nfenced")),
                        List.of(),
                        1));
        Report r = new Report(
                seed.toolVersion(),
                seed.generatedAt(),
                seed.host(),
                seed.target(),
                seed.portName(),
                steps,
                seed.conclusion());
        String md = new MarkdownRenderer().report(r);
        assertTrue(md.contains("| 1 | Daemon running | WARN | a \\| b &lt;script> \\*x\\* next |"), md);
        assertTrue(md.contains("````\n```\nfenced\n````\n"), "the fence is longer than the backticks inside: " + md);
        assertTrue(md.contains("From `` cmd `x` ``:"), md);
    }

    @Test
    void combinedReportHasASummaryTableThenEachReport() {
        Report fail = ReportJsonTest.seedReport();
        Report pass = new Report(
                fail.toolVersion(),
                fail.generatedAt(),
                fail.host(),
                fail.target().withProfile(fail.target().profile()),
                fail.portName(),
                fail.steps().subList(0, 3),
                new Conclusion(Verdict.PASS, null, new Msg("conclusion.pass", "Every step passed."), List.of()));
        String md = new MarkdownRenderer()
                .reports(new ReportSet(Instant.parse("2026-11-25T10:00:00Z"), List.of(fail, pass)));
        assertTrue(
                md.startsWith(
                        "# portdoc: FAIL, 2 diagnoses: 1 FAIL, 1 PASS\n\n| Service | Verdict | Finding |\n|---|---|---|\n"
                                + "| httpd 80/tcp | **FAIL** | first broken link: firewall (dropped by the policy of inet filter input) |\n"
                                + "| httpd 80/tcp | PASS | no problem found |\n"),
                md);
        assertEquals(2, md.split("\n## ").length - 1, md);
    }
}
