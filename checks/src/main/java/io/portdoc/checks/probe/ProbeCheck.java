package io.portdoc.checks.probe;

import io.portdoc.core.Check;
import io.portdoc.core.CheckContext;
import io.portdoc.core.CheckInfo;
import io.portdoc.core.Messages;
import io.portdoc.core.Outcome;
import io.portdoc.core.Verdict;

/** Placeholder until the probe step is implemented. */
@CheckInfo(id = "probe", order = 50, title = "title")
public final class ProbeCheck implements Check {
    private static final Messages MSG = Messages.of(ProbeCheck.class);

    @Override
    public Outcome run(CheckContext context) {
        return Outcome.of(Verdict.SKIP, MSG.msg("not.implemented")).build();
    }
}
