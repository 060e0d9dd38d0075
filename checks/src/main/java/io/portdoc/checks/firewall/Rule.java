package io.portdoc.checks.firewall;

import java.util.List;

/** A rule: all conditions must hold for the action to run. */
record Rule(List<Cond> conds, Action action, RuleRef ref) {
    Rule {
        conds = List.copyOf(conds);
    }
}
