package io.portdoc.core;

import java.time.Instant;
import java.util.List;

/** A whole diagnosis (schema {@value #SCHEMA}); {@code portName} is the /etc/services name or null. */
public record Report(
        String toolVersion,
        Instant generatedAt,
        HostInfo host,
        Target target,
        String portName,
        List<StepResult> steps,
        Conclusion conclusion) {
    public static final String SCHEMA = "portdoc/report/v1";

    public Report {
        steps = List.copyOf(steps);
    }

    /** DESIGN.md exit codes: a FAIL is a problem, UNKNOWN without FAIL inconclusive, else ok. */
    public int exitCode() {
        return ExitCode.of(conclusion.verdict()).code();
    }
}
