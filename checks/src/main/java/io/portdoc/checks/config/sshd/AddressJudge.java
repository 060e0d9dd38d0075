package io.portdoc.checks.config.sshd;

import io.portdoc.core.net.AddressSet;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a client address can log in at all. An address alone does not decide a login: the user
 * name does too, so the address is tried with every user the config names, root, and a user it
 * does not name ("any other user"). REFUSED when no user gets in from there, SOME when some
 * users are refused (or depend on their groups), OPEN when nothing restricts the login.
 */
final class AddressJudge {
    /** Stands for every user the config does not name: matches only wildcard entries. */
    static final String OTHER = "portdoc-other-user";
    static final int MAX_USERS = 8;

    enum Kind { OPEN, SOME, REFUSED }

    record Judgement(Kind kind, List<UserGate.Decision> decisions, Settings settings) {
        /** The rule that refuses a user not named anywhere, or else the first refusing rule. */
        UserGate.Decision deciding() {
            for (UserGate.Decision d : decisions) {
                if (d.user().equals(OTHER) && d.result() != UserGate.Result.ALLOWED) {
                    return d;
                }
            }
            return decisions.stream().filter(d -> d.result() != UserGate.Result.ALLOWED).findFirst().orElse(null);
        }
    }

    private final Evaluator evaluator;
    private final List<String> users;

    AddressJudge(Evaluator evaluator, SshdModel model) {
        this.evaluator = evaluator;
        List<String> u = new ArrayList<>();
        u.add(OTHER);
        u.add("root");
        for (String n : model.namedUsers()) {
            if (!u.contains(n) && u.size() < MAX_USERS) {
                u.add(n);
            }
        }
        this.users = List.copyOf(u);
    }

    List<String> users() {
        return users;
    }

    Judgement judge(InetAddress addr, String host, InetAddress laddr, int lport) {
        List<UserGate.Decision> ds = new ArrayList<>();
        Settings first = null;
        for (String u : users) {
            Settings s = evaluator.settings(new Conn(addr, u, host, laddr, lport));
            if (first == null) {
                first = s;
            }
            ds.add(UserGate.decide(s, u, addr, s.useDns() ? host : hostText(addr)));
        }
        boolean allDenied = ds.stream().allMatch(d -> d.result() == UserGate.Result.DENIED);
        boolean allOpen = ds.stream().allMatch(d -> d.result() == UserGate.Result.ALLOWED);
        return new Judgement(allDenied ? Kind.REFUSED : allOpen ? Kind.OPEN : Kind.SOME, ds, first);
    }

    static String hostText(InetAddress addr) {
        return AddressSet.format(addr);
    }
}
