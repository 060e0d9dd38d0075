package io.portdoc.checks.firewall;

import java.util.Map;

/**
 * A chain attached to a hook. {@code family} 4, 6 or 0 (inet: both); {@code nat} for nat-type
 * chains (DNAT decisions, not filtering); {@code chains} the table's chains for jump/goto;
 * {@code policy} accept or drop, {@code policyRef} the policy as a deciding "rule".
 */
record BaseChain(
        Hook hook,
        int priority,
        int family,
        boolean nat,
        Chain chain,
        Map<String, Chain> chains,
        Action policy,
        RuleRef policyRef) {}
