package io.portdoc.core;

import java.time.Instant;
import java.util.List;

/**
 * A whole diagnosis (schema {@value #SCHEMA}); {@code portName} is the /etc/services name or null;
 * {@code capture} says the host was read from a capture bundle, null when it was read live.
 */
public record Report(
        String toolVersion,
        Instant generatedAt,
        HostInfo host,
        Target target,
        String portName,
        List<StepResult> steps,
        Conclusion conclusion,
        CaptureSource capture) {
    public static final String SCHEMA = "portdoc/report/v1";

    public Report {
        steps = List.copyOf(steps);
    }

    /** A diagnosis of the live host. */
    public Report(
            String toolVersion,
            Instant generatedAt,
            HostInfo host,
            Target target,
            String portName,
            List<StepResult> steps,
            Conclusion conclusion) {
        this(toolVersion, generatedAt, host, target, portName, steps, conclusion, null);
    }

    /** The same diagnosis, read from a capture. */
    public Report withCapture(CaptureSource c) {
        return new Report(toolVersion, generatedAt, host, target, portName, steps, conclusion, c);
    }

    /** DESIGN.md exit codes: a FAIL is a problem, UNKNOWN without FAIL inconclusive, else ok. */
    public int exitCode() {
        return ExitCode.of(conclusion.verdict()).code();
    }

    /** Where and when the capture a report was made from was taken, and by whom. */
    public record CaptureSource(String host, Instant takenAt, String toolVersion, String user, boolean privileged) {}
}
