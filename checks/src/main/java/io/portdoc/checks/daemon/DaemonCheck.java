package io.portdoc.checks.daemon;

import io.portdoc.core.Check;
import io.portdoc.core.CheckContext;
import io.portdoc.core.CheckInfo;
import io.portdoc.core.Messages;
import io.portdoc.core.Outcome;
import io.portdoc.core.Verdict;

/** Placeholder until the daemon step is implemented. */
@CheckInfo(id = "daemon", order = 10, title = "title")
public final class DaemonCheck implements Check {
    private static final Messages MSG = Messages.of(DaemonCheck.class);

    @Override
    public Outcome run(CheckContext context) {
        return Outcome.of(Verdict.SKIP, MSG.msg("not.implemented")).build();
    }
}
