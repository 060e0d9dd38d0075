package io.portdoc.checks.firewall;

import io.portdoc.core.net.AddressSet;
import io.portdoc.core.net.Addresses;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Walks a {@link Ruleset} for one packet, as netfilter does: the ingress chains of the arrival
 * device, every base chain on prerouting, then input (or forward, after a DNAT to another host),
 * in priority order; {@code accept} ends only its own base chain, a drop or reject anywhere is
 * final; jump, goto, return and the policy as in both nftables and iptables.
 *
 * <p>The source address may be symbolic: a state carries the set of sources it stands for, and a
 * source condition splits it. A condition portdoc cannot evaluate forks the walk (matched /
 * not matched), each side recording its {@link Assumption}. The answer is a list of paths:
 * region of sources, assumptions, decision.
 */
final class Engine {
    static final int MAX_STATES = 4096;
    private static final int MAX_DEPTH = 64;

    /** Where a DNAT target is: on this host, or reached through which interface. */
    interface Router {
        boolean isLocal(InetAddress a);

        /** Output interface towards {@code a}, or null when not known. */
        String outInterface(InetAddress a);

        Router NONE = new Router() {
            @Override
            public boolean isLocal(InetAddress a) {
                return false;
            }

            @Override
            public String outInterface(InetAddress a) {
                return null;
            }
        };
    }

    /** The answer for the sources in {@code region}, under {@code assumptions}. */
    record Path(AddressSet region, List<Assumption> assumptions, FirewallDecision decision) {}

    /** Ran out of budget (too many forks): the caller says the ruleset is too complex to judge. */
    static final class TooComplex extends RuntimeException {
        TooComplex() {
            super("more than " + MAX_STATES + " evaluation paths");
        }
    }

    private record State(
            AddressSet region, List<Assumption> assumptions, Packet packet, List<RuleRef> accepted, RuleRef dnat) {
        State with(AddressSet r) {
            return new State(r, assumptions, packet, accepted, dnat);
        }

        State assume(Assumption a) {
            List<Assumption> as = new ArrayList<>(assumptions);
            as.add(a);
            return new State(region, List.copyOf(as), packet, accepted, dnat);
        }

        State acceptedBy(RuleRef r) {
            List<RuleRef> as = new ArrayList<>(accepted);
            as.add(r);
            return new State(region, assumptions, packet, List.copyOf(as), dnat);
        }

        Object mergeKey() {
            return List.of(assumptions, packet, accepted, Objects.requireNonNullElse(dnat, ""));
        }
    }

    private record Final(State state, Action action, RuleRef ref) {}

    private record Walk(List<Final> finals, List<State> returned) {}

    private final Router router;
    private final Map<RuleRef, String> unsupported = new HashMap<>();
    private final Set<RuleRef> redirects = new HashSet<>();
    private final Set<RuleRef> toThisHost = new HashSet<>();
    private int budget;

    Engine(Router router) {
        this.router = router;
    }

    /** Evaluates {@code packet} for the sources in {@code region} (one address when the packet has a source). */
    List<Path> evaluate(Ruleset rs, Packet packet, AddressSet region) {
        budget = MAX_STATES;
        List<Path> out = new ArrayList<>();
        List<State> states = List.of(new State(region, List.of(), packet, List.of(), null));
        if (packet.iifLoopback()) {
            states = runHook(rs, Hook.OUTPUT, states, out); // made on this host: output chains first, its nat too
        }
        states = runHook(rs, Hook.INGRESS, states, out);
        states = runHook(rs, Hook.PREROUTING, states, out);
        List<State> local = new ArrayList<>();
        List<State> forwarded = new ArrayList<>();
        for (State s : states) {
            (s.packet.forward() ? forwarded : local).add(s);
        }
        local = runHook(rs, Hook.INPUT, local, out);
        forwarded = runHook(rs, Hook.FORWARD, forwarded, out);
        for (State s : merge(concat(local, forwarded))) {
            out.add(new Path(
                    s.region,
                    s.assumptions,
                    new FirewallDecision(
                            FirewallDecision.Kind.ACCEPT, ClientSees.OPEN, null, null, s.accepted, s.dnat)));
        }
        return out;
    }

    /**
     * Where the nat chains of {@code hook} send {@code packet}: PREROUTING for a packet from
     * another host, OUTPUT for one made on this host. Each result is a region of sources with
     * its assumptions and the packet as translated ({@code rule} null: not translated); a DNAT
     * whose destination portdoc cannot know has {@code unsupported} set.
     */
    List<Nat> nat(Ruleset rs, Hook hook, Packet packet, AddressSet region) {
        budget = MAX_STATES;
        List<Path> stopped = new ArrayList<>();
        List<BaseChain> natChains = rs.baseChains().stream()
                .filter(bc -> bc.nat() && bc.hook() == hook)
                .toList();
        Ruleset only = new Ruleset(natChains, rs.frontEnds(), List.of());
        List<Nat> out = new ArrayList<>();
        for (State s : runHook(only, hook, List.of(new State(region, List.of(), packet, List.of(), null)), stopped)) {
            out.add(new Nat(s.region, s.assumptions, s.packet, s.dnat, redirects.contains(s.dnat), null));
        }
        for (Path p : stopped) {
            String why = p.decision().rule() == null
                    ? null
                    : unsupported.get(p.decision().rule());
            if (why != null) {
                out.add(new Nat(
                        p.region(), p.assumptions(), packet, p.decision().rule(), false, why));
            } else {
                out.add(new Nat(p.region(), p.assumptions(), packet, null, false, null)); // stopped in a nat chain
            }
        }
        return out;
    }

    /**
     * Evaluates a packet this host sends (the client's SYN to the server): every base chain on the
     * output hook, then postrouting, in priority order, with the same rule semantics as on the way
     * in. Nat output chains run among them as the kernel orders them (a DNAT there changes where
     * the packet goes); nat postrouting only rewrites the source and is not read.
     */
    List<Path> evaluateOutput(Ruleset rs, Packet packet, AddressSet region) {
        budget = MAX_STATES;
        List<Path> out = new ArrayList<>();
        List<State> states = List.of(new State(region, List.of(), packet, List.of(), null));
        states = runHook(rs, Hook.OUTPUT, states, out);
        states = runHook(rs, Hook.POSTROUTING, states, out);
        for (State s : merge(states)) {
            out.add(new Path(
                    s.region,
                    s.assumptions,
                    new FirewallDecision(
                            FirewallDecision.Kind.ACCEPT, ClientSees.OPEN, null, null, s.accepted, s.dnat)));
        }
        return out;
    }

    /** Why portdoc cannot know where this DNAT rule sends the packet (an address or port range), else null. */
    String unsupportedNat(RuleRef rule) {
        return rule == null ? null : unsupported.get(rule);
    }

    /** Whether this nat rule sent a packet to this host (a redirect, a DNAT to a local address): INPUT, not FORWARD. */
    boolean natToThisHost(RuleRef rule) {
        return toThisHost.contains(rule);
    }

    /** One answer of {@link #nat}. */
    record Nat(
            AddressSet region,
            List<Assumption> assumptions,
            Packet packet,
            RuleRef rule,
            boolean redirect,
            String unsupported) {}

    private List<State> runHook(Ruleset rs, Hook hook, List<State> states, List<Path> out) {
        List<State> cur = states;
        for (BaseChain bc : rs.baseChains()) {
            if (bc.hook() != hook || cur.isEmpty()) {
                continue;
            }
            List<State> next = new ArrayList<>();
            List<State> applicable = new ArrayList<>();
            for (State s : cur) {
                // nat prerouting does not see loopback traffic: its NAT was decided in OUTPUT
                boolean skip = bc.nat() && bc.hook() == Hook.PREROUTING && s.packet.iifLoopback();
                if (skip || (bc.family() != 0 && bc.family() != s.packet.family())) {
                    next.add(s);
                    continue;
                }
                Tri seen = hook == Hook.INGRESS ? arrivesOn(bc, s.packet) : Tri.TRUE;
                if (seen == Tri.UNKNOWN) {
                    // the arrival device is not known: the chain may or may not see the packet
                    if (--budget < 0) {
                        throw new TooComplex();
                    }
                    String what = "the packet arrives on "
                            + (bc.devices() == null
                                    ? "the device of this ingress chain"
                                    : String.join(" or ", bc.devices()));
                    applicable.add(s.assume(new Assumption(bc.policyRef(), what, true)));
                    next.add(s.assume(new Assumption(bc.policyRef(), what, false)));
                } else {
                    (seen == Tri.TRUE ? applicable : next).add(s);
                }
            }
            if (applicable.isEmpty()) {
                continue;
            }
            Walk w = walk(bc.chain(), bc, applicable, 0);
            for (Final f : w.finals) {
                end(bc, f.state, f.action, f.ref, next, out);
            }
            for (State s : w.returned) {
                end(bc, s, bc.policy(), bc.policyRef(), next, out);
            }
            cur = merge(next);
        }
        return cur;
    }

    /**
     * An ingress chain sees only packets arriving on its devices ({@code man nft}: "hook ingress
     * device X"); loopback traffic arrives on {@code lo}.
     */
    private static Tri arrivesOn(BaseChain bc, Packet p) {
        String dev = p.iif() != null ? p.iif() : p.iifLoopback() ? "lo" : null;
        if (bc.devices() == null) {
            return Tri.UNKNOWN;
        }
        if (dev == null) {
            // some device other than lo
            return bc.devices().stream().allMatch("lo"::equals) ? Tri.FALSE : Tri.UNKNOWN;
        }
        return Tri.of(bc.devices().contains(dev));
    }

    private void end(BaseChain bc, State s, Action a, RuleRef ref, List<State> next, List<Path> out) {
        if (a instanceof Action.Accept) {
            next.add(bc.nat() ? s : s.acceptedBy(ref));
        } else if (a instanceof Action.Dnat d && d.unsupported() == null) {
            next.add(translate(s, d, ref));
        } else if (a instanceof Action.Drop) {
            out.add(new Path(
                    s.region,
                    s.assumptions,
                    new FirewallDecision(
                            FirewallDecision.Kind.DROP, ClientSees.TIMEOUT, ref, bc.policyRef(), s.accepted, s.dnat)));
        } else if (a instanceof Action.Reject r) {
            out.add(new Path(
                    s.region,
                    s.assumptions,
                    new FirewallDecision(
                            FirewallDecision.Kind.REJECT, r.sees(), ref, bc.policyRef(), s.accepted, s.dnat)));
        } else {
            if (a instanceof Action.Dnat d) {
                unsupported.put(ref, d.unsupported()); // sent somewhere portdoc cannot know
            }
            out.add(new Path(
                    s.region,
                    s.assumptions,
                    new FirewallDecision(
                            FirewallDecision.Kind.OPAQUE,
                            ClientSees.UNKNOWN,
                            ref,
                            bc.policyRef(),
                            s.accepted,
                            s.dnat)));
        }
    }

    private State translate(State s, Action.Dnat d, RuleRef ref) {
        if (d.redirect()) {
            redirects.add(ref);
        }
        InetAddress to = d.address() == null ? null : Addresses.literal(d.address());
        boolean local = d.redirect() || to == null || router.isLocal(to);
        if (local) {
            toThisHost.add(ref);
        }
        String oif = local ? null : router.outInterface(to);
        Packet p = s.packet.translated(to, d.port(), oif, local);
        return new State(s.region, s.assumptions, p, s.accepted, ref);
    }

    private Walk walk(Chain chain, BaseChain bc, List<State> in, int depth) {
        if (depth > MAX_DEPTH) {
            throw new TooComplex();
        }
        List<Final> finals = new ArrayList<>();
        List<State> returned = new ArrayList<>();
        List<State> cur = in;
        for (Rule rule : chain.rules()) {
            if (cur.isEmpty()) {
                break;
            }
            if (rule.action() instanceof Action.Continue) {
                continue; // counters, logs, marks: nothing to decide
            }
            List<State> next = new ArrayList<>();
            List<State> matched = new ArrayList<>();
            for (State s : cur) {
                split(rule, s, matched, next);
            }
            if (!matched.isEmpty()) {
                Action a = rule.action();
                if (a instanceof Action.Return) {
                    returned.addAll(matched);
                } else if (a instanceof Action.Jump j) {
                    Walk w = walk(target(bc, j.chain()), bc, matched, depth + 1);
                    finals.addAll(w.finals);
                    next.addAll(w.returned);
                } else if (a instanceof Action.Goto g) {
                    Walk w = walk(target(bc, g.chain()), bc, matched, depth + 1);
                    finals.addAll(w.finals);
                    returned.addAll(w.returned);
                } else {
                    for (State m : matched) {
                        finals.add(new Final(m, a, rule.ref()));
                    }
                }
            }
            cur = merge(next);
        }
        returned.addAll(cur);
        return new Walk(finals, returned);
    }

    private static Chain target(BaseChain bc, String name) {
        Chain c = bc.chains().get(name);
        return c == null ? new Chain(name, List.of()) : c;
    }

    /** Splits {@code s} into the part the rule matches and the part it does not. */
    private void split(Rule rule, State s, List<State> matched, List<State> unmatched) {
        AddressSet region = s.region;
        StringBuilder unknown = null;
        for (Cond c : rule.conds()) {
            MatchResult t = c.test(s.packet);
            if (t == MatchResult.FALSE) {
                unmatched.add(s);
                return;
            }
            if (t instanceof MatchResult.Unknown u) {
                unknown = unknown == null
                        ? new StringBuilder(u.what())
                        : unknown.append(" and ").append(u.what());
            } else if (t instanceof MatchResult.Source src) {
                AddressSet set = src.set().toAddressSet();
                region = src.negated() ? region.minus(set) : region.intersect(set);
                if (region.isEmpty()) {
                    unmatched.add(s);
                    return;
                }
            }
        }
        AddressSet rest = region == s.region ? AddressSet.EMPTY : s.region.minus(region);
        if (!rest.isEmpty()) {
            unmatched.add(s.with(rest));
        }
        if (unknown == null) {
            matched.add(s.with(region));
            return;
        }
        if (--budget < 0) {
            throw new TooComplex();
        }
        String what = unknown.toString();
        matched.add(s.with(region).assume(new Assumption(rule.ref(), what, true)));
        unmatched.add(s.with(region).assume(new Assumption(rule.ref(), what, false)));
    }

    private static List<State> merge(List<State> states) {
        if (states.size() < 2) {
            return states;
        }
        if (states.size() > MAX_STATES) {
            throw new TooComplex();
        }
        Map<Object, State> byKey = new LinkedHashMap<>();
        for (State s : states) {
            byKey.merge(s.mergeKey(), s, (a, b) -> a.with(a.region.union(b.region)));
        }
        return new ArrayList<>(byKey.values());
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
