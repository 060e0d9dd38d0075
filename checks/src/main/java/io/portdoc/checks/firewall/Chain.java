package io.portdoc.checks.firewall;

import java.util.List;

/** A chain; base chains also have a policy (accept or drop). */
record Chain(String name, List<Rule> rules) {
    Chain {
        rules = rules instanceof LazyRules ? rules : List.copyOf(rules); // LazyRules: already immutable
    }
}
