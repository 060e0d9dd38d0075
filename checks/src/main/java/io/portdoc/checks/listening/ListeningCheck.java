package io.portdoc.checks.listening;

import io.portdoc.core.Check;
import io.portdoc.core.CheckContext;
import io.portdoc.core.CheckInfo;
import io.portdoc.core.Messages;
import io.portdoc.core.Outcome;
import io.portdoc.core.Verdict;

/** Placeholder until the listening step is implemented. */
@CheckInfo(id = "listening", order = 30, title = "title")
public final class ListeningCheck implements Check {
    private static final Messages MSG = Messages.of(ListeningCheck.class);

    @Override
    public Outcome run(CheckContext context) {
        return Outcome.of(Verdict.SKIP, MSG.msg("not.implemented")).build();
    }
}
