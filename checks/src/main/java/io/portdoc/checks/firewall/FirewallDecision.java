package io.portdoc.checks.firewall;

import java.util.List;

/**
 * How one path through the firewall ends: accepted by every base chain ({@code acceptedBy}
 * lists the rule or policy that accepted it in each), or stopped by {@code rule}. {@code dnat}
 * names the nat rule that sent it through FORWARD instead of INPUT (Docker-published ports);
 * {@code baseChain} is the policy reference of the base chain where it was stopped (for hints).
 */
record FirewallDecision(
        Kind kind, ClientSees sees, RuleRef rule, RuleRef baseChain, List<RuleRef> acceptedBy, RuleRef dnat) {
    enum Kind {
        ACCEPT,
        DROP,
        REJECT,
        OPAQUE
    }

    FirewallDecision {
        acceptedBy = List.copyOf(acceptedBy);
    }

    boolean accepted() {
        return kind == Kind.ACCEPT;
    }

    /** Two decisions the client cannot tell apart. */
    boolean sameOutcome(FirewallDecision o) {
        return kind == o.kind && sees == o.sees;
    }
}
