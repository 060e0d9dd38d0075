package io.portdoc.core;

import java.util.List;

/** One step of the report, in checklist order. */
public record StepResult(String id, String title, Verdict verdict, Msg summary,
                         List<Evidence> evidence, List<Msg> hints, long durationMs) {
    public StepResult {
        evidence = List.copyOf(evidence);
        hints = List.copyOf(hints);
    }

    public static StepResult of(String id, String title, Outcome o, long durationMs) {
        return new StepResult(id, title, o.verdict(), o.summary(), o.evidence(), o.hints(), durationMs);
    }
}
