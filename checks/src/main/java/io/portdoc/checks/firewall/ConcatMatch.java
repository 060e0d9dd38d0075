package io.portdoc.checks.firewall;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code ip saddr . tcp dport @set} (nft concatenations) and multi-dimension ipsets
 * ({@code hash:ip,port} with {@code src,dst}): the packet matches when some element matches in
 * every dimension. With a symbolic source, the answer is the union of the source parts of the
 * elements whose other dimensions match.
 */
record ConcatMatch(List<Key> keys, List<List<Values>> elements, boolean negated, String text) implements Cond {
    @Override
    public MatchResult test(Packet p) {
        boolean unknown = false;
        List<AddrMatch> sources = new ArrayList<>();
        boolean anyTrue = false;
        for (List<Values> element : elements) {
            AddrMatch source = null;
            Tri t = Tri.TRUE;
            for (int i = 0; i < keys.size() && t != Tri.FALSE; i++) {
                MatchResult c = new KeyMatch(keys.get(i), element.get(i), false, text).test(p);
                if (c instanceof MatchResult.Source s) {
                    source = s.set();
                } else if (c instanceof MatchResult.Unknown) {
                    t = Tri.UNKNOWN;
                } else if (c == MatchResult.FALSE) {
                    t = Tri.FALSE;
                }
            }
            if (t == Tri.UNKNOWN) {
                unknown = true;
            } else if (t == Tri.TRUE) {
                if (source != null) {
                    sources.add(source);
                } else {
                    anyTrue = true;
                }
            }
        }
        if (anyTrue) {
            return MatchResult.of(!negated);
        }
        if (unknown) {
            return new MatchResult.Unknown(text);
        }
        if (!sources.isEmpty()) {
            return new MatchResult.Source(AddrMatch.union(sources), negated);
        }
        return MatchResult.of(negated);
    }
}
