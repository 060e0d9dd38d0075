package io.portdoc.core;

import java.time.Instant;
import java.util.List;

/** A whole diagnosis (schema {@value #SCHEMA}); {@code portName} is the /etc/services name or null. */
public record Report(String toolVersion, Instant generatedAt, HostInfo host, Target target,
                     String portName, List<StepResult> steps, Conclusion conclusion) {
    public static final String SCHEMA = "portdoc/report/v1";

    public Report {
        steps = List.copyOf(steps);
    }

    /** DESIGN.md exit codes: 1 a FAIL, 3 inconclusive (UNKNOWN without FAIL), else 0. */
    public int exitCode() {
        return switch (conclusion.verdict()) {
            case FAIL -> 1;
            case UNKNOWN -> 3;
            default -> 0;
        };
    }
}
