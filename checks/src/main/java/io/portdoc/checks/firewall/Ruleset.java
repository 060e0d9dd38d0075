package io.portdoc.checks.firewall;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Every base chain that may see the client's packet, from every source (nftables and both
 * iptables backends): they are all enforced. {@code frontEnds} names what manages them
 * ({@link FrontEnd}) for hints; {@code notes} are things seen but not evaluated.
 */
record Ruleset(List<BaseChain> baseChains, Set<FrontEnd> frontEnds, List<String> notes) {
    Ruleset {
        List<BaseChain> sorted = new ArrayList<>(baseChains);
        sorted.sort(Comparator.comparing(BaseChain::hook).thenComparingInt(BaseChain::priority));
        baseChains = List.copyOf(sorted);
        notes = List.copyOf(notes);
        frontEnds = Set.copyOf(frontEnds);
    }

    static Ruleset merge(List<Ruleset> parts) {
        List<BaseChain> all = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Set<FrontEnd> fronts = EnumSet.noneOf(FrontEnd.class);
        for (Ruleset r : parts) {
            all.addAll(r.baseChains);
            notes.addAll(r.notes);
            fronts.addAll(r.frontEnds);
        }
        return new Ruleset(all, fronts, notes);
    }

    /** No base chain on the way in: output chains alone do not filter what the server receives. */
    boolean isEmpty() {
        return baseChains.stream().noneMatch(b -> b.hook().inbound());
    }

    /** Base chains on the output or postrouting hook (what this host sends). */
    boolean hasOutbound() {
        return baseChains.stream().anyMatch(b -> !b.hook().inbound());
    }
}
