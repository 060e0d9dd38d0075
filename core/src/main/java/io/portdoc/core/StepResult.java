package io.portdoc.core;

import java.util.List;

/**
 * One step of the report, in checklist order. {@code stackTrace} is the trace of the exception
 * a check threw (its step is then UNKNOWN), or null; renderers show it only under
 * {@code --verbose}.
 */
public record StepResult(
        String id,
        String title,
        Verdict verdict,
        Msg summary,
        List<Evidence> evidence,
        List<Msg> hints,
        long durationMs,
        String stackTrace) {
    public StepResult {
        evidence = List.copyOf(evidence);
        hints = List.copyOf(hints);
    }

    /** A step whose check returned normally. */
    public StepResult(
            String id,
            String title,
            Verdict verdict,
            Msg summary,
            List<Evidence> evidence,
            List<Msg> hints,
            long durationMs) {
        this(id, title, verdict, summary, evidence, hints, durationMs, null);
    }

    public static StepResult of(String id, String title, Outcome o, long durationMs) {
        return new StepResult(id, title, o.verdict(), o.summary(), o.evidence(), o.hints(), durationMs);
    }

    /** The same step with another duration (reproducible samples use 0). */
    public StepResult withDuration(long ms) {
        return new StepResult(id, title, verdict, summary, evidence, hints, ms, stackTrace);
    }
}
