package io.portdoc.checks.firewall;

import java.util.List;

/** Any of the conditions ({@code -m multiport --ports}: destination or source port). */
record OrMatch(List<Cond> any, String text) implements Cond {
    @Override
    public MatchResult test(Packet p) {
        boolean unknown = false;
        for (Cond c : any) {
            MatchResult t = c.test(p);
            if (t == MatchResult.TRUE) {
                return MatchResult.TRUE;
            }
            unknown |= t != MatchResult.FALSE;
        }
        return unknown ? new MatchResult.Unknown(text) : MatchResult.FALSE;
    }
}
