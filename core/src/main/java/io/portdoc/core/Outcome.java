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

    /** A partial finding: a verdict, its sentence and what to do, no evidence. */
    public static Outcome finding(Verdict verdict, Msg summary, Msg... hints) {
        return new Outcome(verdict, summary, List.of(), List.of(hints));
    }

    /**
     * Several partial findings of one step folded the same way in every step: the first one of
     * the worst verdict leads (its summary, then its hints); every other finding that is not PASS
     * adds its hints and its summary as evidence under {@code source}. Evidence of all parts is
     * kept, in order.
     */
    public static Outcome worst(String source, List<Outcome> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no findings to fold");
        }
        Verdict v = parts.stream().map(Outcome::verdict).reduce(parts.get(0).verdict(), Verdict::worse);
        Outcome lead = parts.stream().filter(p -> p.verdict() == v).findFirst().orElseThrow();
        Builder out = of(v, lead.summary()).hints(lead.hints());
        parts.forEach(p -> out.evidence(p.evidence()));
        for (Outcome p : parts) {
            if (p != lead && p.verdict() != Verdict.PASS) {
                out.hints(p.hints()).evidence(Evidence.of(source, p.summary().text()));
            }
        }
        return out.build();
    }

    /** This outcome with more evidence before its own and more hints after. */
    public Outcome with(List<Evidence> before, List<Msg> moreHints) {
        return of(verdict, summary)
                .evidence(before)
                .evidence(evidence)
                .hints(hints)
                .hints(moreHints)
                .build();
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
