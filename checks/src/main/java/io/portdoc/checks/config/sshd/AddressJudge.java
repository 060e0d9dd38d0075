package io.portdoc.checks.config.sshd;

import io.portdoc.core.net.Addresses;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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

    enum Kind {
        OPEN,
        SOME,
        REFUSED
    }

    record Judgement(Kind kind, List<UserGate.Decision> decisions, Settings settings) {
        /** The rule that refuses a user not named anywhere, or else the first refusing rule. */
        UserGate.Decision deciding() {
            for (UserGate.Decision d : decisions) {
                if (d.user().equals(OTHER) && d.result() != UserGate.Result.ALLOWED) {
                    return d;
                }
            }
            return decisions.stream()
                    .filter(d -> d.result() != UserGate.Result.ALLOWED)
                    .findFirst()
                    .orElse(null);
        }
    }

    private final Evaluator evaluator;
    private final SshdModel model;
    /** From the files without Match User / Group, one evaluation per address serves every user. */
    private final boolean sameForAllUsers;

    AddressJudge(Evaluator evaluator, SshdModel model, boolean fromFiles) {
        this.evaluator = evaluator;
        this.model = model;
        this.sameForAllUsers = fromFiles && model.userIndependent();
    }

    /**
     * The users tried at this address: any other user, root, then the users the rules in force
     * there name (AllowUsers first: they are who may get in), then Match User names. When more
     * than {@link #MAX_USERS} are named, a "refused for every user" is not claimed.
     */
    List<String> users(Settings atOther) {
        Set<String> u = new LinkedHashSet<>(List.of(OTHER, "root"));
        for (List<Rule> rules : List.of(atOther.allowUsers(), atOther.denyUsers())) {
            for (Rule r : rules) {
                String name = r.pattern().indexOf('@') >= 0
                        ? r.pattern().substring(0, r.pattern().indexOf('@'))
                        : r.pattern();
                if (!name.isEmpty() && name.indexOf('*') < 0 && name.indexOf('?') < 0) {
                    u.add(name);
                }
            }
        }
        u.addAll(model.namedUsers());
        return List.copyOf(u);
    }

    Judgement judge(InetAddress addr, String host, InetAddress laddr, int lport) {
        Settings atOther = evaluator.settings(new Conn(addr, OTHER, host, laddr, lport));
        List<String> all = users(atOther);
        List<String> tried = all.subList(0, Math.min(MAX_USERS, all.size()));
        List<UserGate.Decision> ds = new ArrayList<>();
        for (String u : tried) {
            Settings s = u.equals(OTHER) || sameForAllUsers
                    ? atOther
                    : evaluator.settings(new Conn(addr, u, host, laddr, lport));
            ds.add(UserGate.decide(s, u, addr, s.useDns() ? host : hostText(addr)));
        }
        boolean allDenied = ds.stream().allMatch(d -> d.result() == UserGate.Result.DENIED);
        boolean allOpen = ds.stream().allMatch(d -> d.result() == UserGate.Result.ALLOWED);
        Kind kind = allDenied && tried.size() == all.size() ? Kind.REFUSED : allOpen ? Kind.OPEN : Kind.SOME;
        return new Judgement(kind, ds, atOther);
    }

    static String hostText(InetAddress addr) {
        return Addresses.text(addr);
    }
}
