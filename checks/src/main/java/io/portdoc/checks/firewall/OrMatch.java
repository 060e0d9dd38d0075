package io.portdoc.checks.firewall;

import java.util.List;

/** Any of the conditions ({@code -m multiport --ports}: destination or source port). */
record OrMatch(List<Cond> any, String text) implements Cond {
    @Override
    public Test test(Packet p) {
        boolean unknown = false;
        for (Cond c : any) {
            Test t = c.test(p);
            if (t == Test.TRUE) {
                return Test.TRUE;
            }
            unknown |= t != Test.FALSE;
        }
        return unknown ? new Test.Unknown(text) : Test.FALSE;
    }
}
