package io.portdoc.checks.firewall;

import io.portdoc.core.Check;
import io.portdoc.core.CheckContext;
import io.portdoc.core.CheckInfo;
import io.portdoc.core.Messages;
import io.portdoc.core.Outcome;
import io.portdoc.core.Verdict;

/** Placeholder until the firewall step is implemented. */
@CheckInfo(id = "firewall", order = 40, title = "title")
public final class FirewallCheck implements Check {
    private static final Messages MSG = Messages.of(FirewallCheck.class);

    @Override
    public Outcome run(CheckContext context) {
        return Outcome.of(Verdict.SKIP, MSG.msg("not.implemented")).build();
    }
}
