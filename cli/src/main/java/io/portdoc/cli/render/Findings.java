package io.portdoc.cli.render;

import io.portdoc.core.Messages;
import io.portdoc.core.Report;
import io.portdoc.core.ReportSet;
import io.portdoc.core.StepResult;
import io.portdoc.core.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Short phrases for the summaries of {@code diagnose --all}, shared by the text and markdown forms. */
final class Findings {
    private static final Messages MSG = Messages.of(Findings.class);

    private Findings() {}

    /** "from a capture taken at T on H by U": a report read from a bundle says so at its top. */
    static String fromCapture(Report.CaptureSource c) {
        return MSG.msg(
                        c.privileged() ? "capture.source" : "capture.source.unprivileged",
                        c.takenAt(),
                        c.host(),
                        c.user())
                .text();
    }

    /** {@code httpd 80/tcp}. */
    static String label(Report r) {
        var t = r.target();
        return (t.service() == null ? "port" : t.service()) + " " + t.port() + "/" + t.protocol();
    }

    /** What the report's conclusion hangs on, in a few words. */
    static String of(Report r) {
        return switch (r.conclusion().verdict()) {
            case FAIL ->
                r.steps().stream()
                        .filter(s -> s.id().equals(r.conclusion().blockingStep()))
                        .findFirst()
                        .map(s -> "first broken link: " + s.id() + " ("
                                + s.summary().text() + ")")
                        .orElse("first broken link: " + r.conclusion().blockingStep());
            case UNKNOWN -> "could not tell: " + ids(r, Verdict.UNKNOWN);
            case WARN -> "warnings: " + ids(r, Verdict.WARN);
            default -> "no problem found";
        };
    }

    private static String ids(Report r, Verdict v) {
        return String.join(
                ", ",
                r.steps().stream()
                        .filter(s -> s.verdict() == v)
                        .map(StepResult::id)
                        .toList());
    }

    /** {@code 4 diagnoses: 1 FAIL, 1 UNKNOWN, 2 PASS}; verdicts with no report are left out. */
    static String counts(ReportSet set) {
        List<String> parts = new ArrayList<>();
        Map<Verdict, Integer> c = set.counts();
        for (Verdict v : List.of(Verdict.FAIL, Verdict.UNKNOWN, Verdict.WARN, Verdict.PASS)) {
            if (c.get(v) > 0) {
                parts.add(c.get(v) + " " + v.name());
            }
        }
        int n = set.reports().size();
        return n + (n == 1 ? " diagnosis: " : " diagnoses: ") + String.join(", ", parts);
    }
}
