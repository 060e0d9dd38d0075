package io.portdoc.checks.firewall;

import java.util.List;
import java.util.Map;

/**
 * A chain attached to a hook. {@code family} 4, 6 or 0 (inet: both); {@code nat} for nat-type
 * chains (DNAT decisions, not filtering); {@code chains} the table's chains for jump/goto;
 * {@code policy} accept or drop, {@code policyRef} the policy as a deciding "rule".
 * {@code devices}: for an ingress chain the devices it is attached to, or null when the listing
 * did not say which (then it may or may not see the packet); empty for every other hook.
 */
record BaseChain(
        Hook hook,
        int priority,
        int family,
        boolean nat,
        Chain chain,
        Map<String, Chain> chains,
        Action policy,
        RuleRef policyRef,
        List<String> devices) {
    BaseChain {
        devices = devices == null ? null : List.copyOf(devices);
    }

    BaseChain(
            Hook hook,
            int priority,
            int family,
            boolean nat,
            Chain chain,
            Map<String, Chain> chains,
            Action policy,
            RuleRef policyRef) {
        this(hook, priority, family, nat, chain, chains, policy, policyRef, List.of());
    }
}
