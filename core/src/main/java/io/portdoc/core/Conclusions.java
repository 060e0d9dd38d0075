package io.portdoc.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the step results into one paragraph a helpdesk agent can act on: the first broken
 * link, its evidence and fix, then what else is WARN or UNKNOWN. Wording is deterministic.
 */
public final class Conclusions {
    private static final Messages MSG = Messages.of(Conclusions.class);

    private Conclusions() {
    }

    public static Conclusion conclude(List<StepResult> steps) {
        Verdict overall = Verdict.PASS;
        StepResult blocking = null;
        for (StepResult s : steps) {
            overall = overall.worse(s.verdict());
            if (blocking == null && s.verdict() == Verdict.FAIL) {
                blocking = s;
            }
        }
        List<String> doubtful = steps.stream()
                .filter(s -> s.verdict() == Verdict.WARN || s.verdict() == Verdict.UNKNOWN)
                .map(s -> s.id() + " " + s.verdict()).toList();
        String also = doubtful.isEmpty() ? "" : " " + MSG.msg("conclusion.also", String.join(", ", doubtful)).text();
        Msg summary;
        List<Msg> hints = new ArrayList<>();
        if (blocking != null) {
            summary = MSG.msg("conclusion.fail", blocking.id(), blocking.title(), blocking.summary().text(), also);
            hints.addAll(blocking.hints());
        } else if (overall == Verdict.UNKNOWN) {
            StepResult first = steps.stream().filter(s -> s.verdict() == Verdict.UNKNOWN).findFirst().orElseThrow();
            summary = MSG.msg("conclusion.unknown", first.id(), first.summary().text(), also);
            steps.stream().filter(s -> s.verdict() == Verdict.UNKNOWN).forEach(s -> hints.addAll(s.hints()));
        } else if (overall == Verdict.WARN) {
            summary = MSG.msg("conclusion.warn", also.strip());
            steps.stream().filter(s -> s.verdict() == Verdict.WARN).forEach(s -> hints.addAll(s.hints()));
        } else {
            List<String> skipped = steps.stream().filter(s -> s.verdict() == Verdict.SKIP).map(StepResult::id).toList();
            summary = skipped.isEmpty() ? MSG.msg("conclusion.pass")
                    : skipped.size() == steps.size() ? MSG.msg("conclusion.nothing")
                    : MSG.msg("conclusion.pass.skipped", String.join(", ", skipped));
        }
        return new Conclusion(overall == Verdict.SKIP ? Verdict.PASS : overall,
                blocking == null ? null : blocking.id(), summary, hints.stream().distinct().toList());
    }
}
