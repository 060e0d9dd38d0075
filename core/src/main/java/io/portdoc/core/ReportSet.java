package io.portdoc.core;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Several diagnoses run together ({@code diagnose --all}: every service and port of a profile),
 * schema {@value #SCHEMA}. Reports keep the order of the profile.
 */
public record ReportSet(Instant generatedAt, List<Report> reports) {
    public static final String SCHEMA = "portdoc/reports/v1";

    public ReportSet {
        reports = List.copyOf(reports);
    }

    /** The worst conclusion: FAIL above UNKNOWN above WARN above PASS. */
    public Verdict verdict() {
        Verdict v = Verdict.PASS;
        for (Report r : reports) {
            v = v.worse(r.conclusion().verdict());
        }
        return v == Verdict.SKIP ? Verdict.PASS : v;
    }

    /** Exit code of the worst report: a problem if any found one, else inconclusive if any was, else ok. */
    public int exitCode() {
        return ExitCode.of(verdict()).code();
    }

    /** How many reports concluded each verdict, every verdict present (zero when none). */
    public Map<Verdict, Integer> counts() {
        Map<Verdict, Integer> out = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            out.put(v, 0);
        }
        reports.forEach(r -> out.merge(r.conclusion().verdict(), 1, Integer::sum));
        return out;
    }
}
