package io.portdoc.core;

import io.portdoc.core.vantage.ClientFacts;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A whole diagnosis (schema {@value #SCHEMA}); {@code portName} is the /etc/services name or null.
 * {@code client} holds what the client saw when portdoc ran on the client (null in server-local
 * mode); {@code clientSteps} the ids of the steps that ran on the client (the others read the
 * server); {@code capture} says the host was read from a capture bundle, null when it was read live.
 */
public record Report(
        String toolVersion,
        Instant generatedAt,
        HostInfo host,
        Target target,
        String portName,
        List<StepResult> steps,
        Conclusion conclusion,
        ClientFacts client,
        Set<String> clientSteps,
        CaptureSource capture) {
    public static final String SCHEMA = "portdoc/report/v1";

    public Report {
        steps = List.copyOf(steps);
        clientSteps = clientSteps == null ? Set.of() : Set.copyOf(clientSteps);
    }

    /** A server-local diagnosis: every step read this host. */
    public Report(
            String toolVersion,
            Instant generatedAt,
            HostInfo host,
            Target target,
            String portName,
            List<StepResult> steps,
            Conclusion conclusion) {
        this(toolVersion, generatedAt, host, target, portName, steps, conclusion, null, Set.of(), null);
    }

    /** A live diagnosis, with what the client saw. */
    public Report(
            String toolVersion,
            Instant generatedAt,
            HostInfo host,
            Target target,
            String portName,
            List<StepResult> steps,
            Conclusion conclusion,
            ClientFacts client,
            Set<String> clientSteps) {
        this(toolVersion, generatedAt, host, target, portName, steps, conclusion, client, clientSteps, null);
    }

    /** The same report with other steps (the conclusion and client facts stay). */
    public Report withSteps(List<StepResult> other) {
        return new Report(
                toolVersion, generatedAt, host, target, portName, other, conclusion, client, clientSteps, capture);
    }

    /** Where a step's evidence was seen: over SSH the probe runs on the client, as with --from-client. */
    public Vantage.Side vantage(StepResult step) {
        if (target.vantage() != null) {
            return Vantage.sideOf(step.id());
        }
        return clientSteps.contains(step.id()) ? Vantage.Side.CLIENT : Vantage.Side.SERVER;
    }

    /** The same diagnosis, read from a capture. */
    public Report withCapture(CaptureSource c) {
        return new Report(toolVersion, generatedAt, host, target, portName, steps, conclusion, client, clientSteps, c);
    }

    /** DESIGN.md exit codes: a FAIL is a problem, UNKNOWN without FAIL inconclusive, else ok. */
    public int exitCode() {
        return ExitCode.of(conclusion.verdict()).code();
    }

    /** Where and when the capture a report was made from was taken, and by whom. */
    public record CaptureSource(String host, Instant takenAt, String toolVersion, String user, boolean privileged) {}
}
