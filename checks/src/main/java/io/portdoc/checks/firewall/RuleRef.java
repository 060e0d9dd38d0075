package io.portdoc.checks.firewall;

/**
 * Where a deciding rule lives, as the admin finds it again: {@code backend} is "nftables",
 * "iptables", "ip6tables", "iptables-legacy" or "ip6tables-legacy"; {@code family} the nft family
 * (ip, ip6, inet); {@code text} the rule as {@code nft list ruleset} / {@code iptables-save}
 * prints it; {@code number} the nft handle or the iptables rule number (as {@code iptables -L
 * --line-numbers}); {@code policy} when the chain's policy decided.
 */
record RuleRef(String backend, String family, String table, String chain, String text, long number, boolean policy) {
    boolean nft() {
        return backend.equals("nftables");
    }

    /** "inet filter input" / "iptables filter INPUT". */
    String chainName() {
        return nft() ? family + " " + table + " " + chain : backend + " " + table + " " + chain;
    }

    /** One line for evidence and summaries. */
    String describe() {
        if (policy) {
            return "policy " + text + " of " + chainName();
        }
        if (nft()) {
            return chainName() + ": " + text + " (handle " + number + ")";
        }
        return chainName() + " rule " + number + ": " + text;
    }

    RuleRef withText(String t) {
        return new RuleRef(backend, family, table, chain, t, number, policy);
    }
}
