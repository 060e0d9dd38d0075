package io.portdoc.checks.firewall;

import java.util.AbstractList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A chain's rules, parsed the first time the chain is looked at. The evaluator only enters the
 * chains the packet can reach: of 10,000 iptables rules spread over user chains jumped to by
 * port, most are never read, and parsing them all costs half a second in a cold JVM.
 */
final class LazyRules extends AbstractList<Rule> {
    private final Supplier<List<Rule>> parse;
    private List<Rule> rules;

    LazyRules(Supplier<List<Rule>> parse) {
        this.parse = parse;
    }

    private List<Rule> rules() {
        if (rules == null) {
            rules = List.copyOf(parse.get());
        }
        return rules;
    }

    @Override
    public Rule get(int index) {
        return rules().get(index);
    }

    @Override
    public int size() {
        return rules().size();
    }
}
