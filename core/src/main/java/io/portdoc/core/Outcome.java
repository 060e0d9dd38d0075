package io.portdoc.core;

import java.util.ArrayList;
import java.util.List;

/** What a check found; the pipeline adds the step id, title and duration. */
public record Outcome(Verdict verdict, Msg summary, List<Evidence> evidence, List<Msg> hints) {
    public Outcome {
        evidence = List.copyOf(evidence);
        hints = List.copyOf(hints);
    }

    public static Builder of(Verdict verdict, Msg summary) {
        return new Builder(verdict, summary);
    }

    public static final class Builder {
        private final Verdict verdict;
        private final Msg summary;
        private final List<Evidence> evidence = new ArrayList<>();
        private final List<Msg> hints = new ArrayList<>();

        private Builder(Verdict verdict, Msg summary) {
            this.verdict = verdict;
            this.summary = summary;
        }

        public Builder evidence(Evidence e) {
            evidence.add(e);
            return this;
        }

        public Builder evidence(List<Evidence> es) {
            evidence.addAll(es);
            return this;
        }

        public Builder hint(Msg hint) {
            if (!hints.contains(hint)) {
                hints.add(hint);
            }
            return this;
        }

        public Builder hints(List<Msg> hs) {
            hs.forEach(this::hint);
            return this;
        }

        public Outcome build() {
            return new Outcome(verdict, summary, evidence, hints);
        }
    }
}
