package io.portdoc.checks.config;

import io.portdoc.core.Check;
import io.portdoc.core.CheckContext;
import io.portdoc.core.CheckInfo;
import io.portdoc.core.Messages;
import io.portdoc.core.Outcome;
import io.portdoc.core.Verdict;

/** Placeholder until the config step is implemented. */
@CheckInfo(id = "config", order = 20, title = "title")
public final class ConfigCheck implements Check {
    private static final Messages MSG = Messages.of(ConfigCheck.class);

    @Override
    public Outcome run(CheckContext context) {
        return Outcome.of(Verdict.SKIP, MSG.msg("not.implemented")).build();
    }
}
