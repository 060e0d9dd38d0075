package io.portdoc.checks.firewall;

import io.portdoc.core.Evidence;
import io.portdoc.core.Exposure;
import io.portdoc.core.Messages;
import io.portdoc.core.Outcome;
import io.portdoc.core.Target;
import io.portdoc.core.Verdict;
import io.portdoc.core.net.AddressSet;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Without --client: which sources does the firewall let in? The source address is evaluated
 * symbolically (each source condition splits the address space), once for remote sources
 * (arriving on a non-loopback interface) and once for this host's own addresses (on lo).
 * FAIL when no remote source is let in, WARN when only some are, PASS when all are; a service
 * meant for local clients only passes when local clients get in.
 */
final class SourcesJudge {
    private static final Messages MSG = Messages.of(SourcesJudge.class);

    private record Group(AddressSet region, FirewallDecision decision) {}

    private final Ruleset rs;
    private final Routes routes;
    private final FirewallCheck.Shown shown;
    private final Target t;
    private final int proto;

    SourcesJudge(Ruleset rs, Routes routes, FirewallCheck.Shown shown, Target t, int proto) {
        this.rs = rs;
        this.routes = routes;
        this.shown = shown;
        this.t = t;
        this.proto = proto;
    }

    Outcome judge(List<Evidence> evidence) {
        List<Integer> families = new ArrayList<>();
        for (int f : new int[] {4, 6}) {
            if (!FirewallCheck.localNonLoopback(routes, f).isEmpty()) {
                families.add(f);
            }
        }
        if (families.isEmpty()) {
            families = List.of(4, 6);
        }
        List<Routes.Iface> external = routes.interfaces().stream()
                .filter(i -> !i.name().equals("lo") && i.addresses().stream().anyMatch(a -> !a.isLinkLocalAddress()))
                .toList();
        String iif = external.size() == 1 ? external.get(0).name() : null;
        Engine engine = new Engine(routes);
        List<Engine.Path> remote = new ArrayList<>();
        List<Engine.Path> local = new ArrayList<>();
        List<String> arrival = new ArrayList<>();
        AddressSet remoteAll = AddressSet.EMPTY;
        for (int f : families) {
            AddressSet all = f == 4 ? AddressSet.allV4() : AddressSet.allV6();
            List<InetAddress> mine = routes.localAddresses().stream()
                    .filter(a -> Packet.family(a) == f)
                    .toList();
            AddressSet loopback = AddressSet.parseCidr(f == 4 ? "127.0.0.0/8" : "::1/128");
            AddressSet own = loopback;
            for (InetAddress a : mine) {
                own = own.union(AddressSet.of(a));
            }
            // remote: everything but loopback (this host's own addresses from outside are kept,
            // so the accepted ranges print without holes)
            AddressSet region = all.minus(loopback);
            remoteAll = remoteAll.union(region);
            // remote sources arrive on the interface their route points to; unrouted ones on an unknown one
            AddressSet unrouted = region;
            for (Map.Entry<String, AddressSet> e : routes.arrivalInterfaces(f).entrySet()) {
                AddressSet part = region.intersect(e.getValue());
                unrouted = unrouted.minus(part);
                if (!part.isEmpty() && !e.getKey().equals("lo")) {
                    Packet rp = new Packet(
                            f,
                            null,
                            FirewallCheck.localNonLoopback(routes, f),
                            proto,
                            t.port(),
                            e.getKey(),
                            false,
                            null,
                            false,
                            false);
                    remote.addAll(engine.evaluate(rs, rp, part));
                    arrival.add((part.cidrCount() > 8 ? "the rest of IPv" + f : FirewallCheck.cidrs(part)) + " on "
                            + e.getKey());
                }
            }
            if (!unrouted.isEmpty()) {
                Packet rp = new Packet(
                        f,
                        null,
                        FirewallCheck.localNonLoopback(routes, f),
                        proto,
                        t.port(),
                        iif,
                        false,
                        null,
                        false,
                        false);
                remote.addAll(engine.evaluate(rs, rp, unrouted));
            }
            List<InetAddress> dst = new ArrayList<>(mine);
            Packet lp = new Packet(f, null, dst, proto, t.port(), "lo", true, null, false, false);
            local.addAll(engine.evaluate(rs, lp, own));
        }
        evidence.add(Evidence.of(
                "packet",
                FirewallCheck.describe(new Packet(0, null, List.of(), proto, t.port(), iif, false, null, false, false))
                        + "; local clients on lo"));
        if (!arrival.isEmpty()) {
            evidence.add(
                    Evidence.of("routes", "sources arrive where their route points: " + String.join("; ", arrival)));
        }

        AddressSet accepted = union(remote, true);
        AddressSet denied = union(remote, false);
        remote.stream()
                .filter(p -> p.decision().accepted() && p.decision().dnat() != null)
                .findFirst()
                .ifPresent(p -> evidence.add(Evidence.of(
                        "dnat",
                        MSG.msg(
                                        engine.natToThisHost(p.decision().dnat())
                                                ? "note.redirect.sources"
                                                : "note.dnat.sources",
                                        shown.describe(p.decision().dnat()))
                                .text())));
        boolean localIn = local.stream().allMatch(p -> p.decision().accepted());
        AddressSet loopback = AddressSet.parseCidr("127.0.0.0/8").union(AddressSet.parseCidr("::1/128"));
        // loopback sources were judged with the local clients: shown with them so ranges print whole
        AddressSet acceptedOnly = accepted.minus(denied);
        AddressSet sure = acceptedOnly.union(localIn && !acceptedOnly.isEmpty() ? loopback : AddressSet.EMPTY);
        for (AddressSet fam : List.of(AddressSet.allV4(), AddressSet.allV6())) {
            if (sure.intersect(fam).equals(fam.minus(loopback))) {
                sure = sure.union(fam); // "::/0" rather than every block around ::1
            }
        }
        AddressSet unsure = accepted.intersect(denied);
        List<Group> groups = groups(remote, accepted);
        Group main = main(groups);
        for (Group g : groups) {
            String who = g == main && g.region.cidrCount() > 8 ? "everything else" : FirewallCheck.cidrs(g.region);
            evidence.add(Evidence.of("denied", who + ": " + FirewallCheck.outcome(g.decision, shown)));
        }
        if (!sure.isEmpty()) {
            evidence.add(Evidence.of("accepted", FirewallCheck.cidrs(sure)));
        }
        Engine.Path unsurePath = remote.stream()
                .filter(p -> !p.assumptions().isEmpty())
                .findFirst()
                .orElse(null);
        if (!unsure.isEmpty() && unsurePath != null) {
            evidence.add(Evidence.of(
                    "depends",
                    FirewallCheck.cidrs(unsure) + ": " + FirewallCheck.conditions(unsurePath.assumptions())));
        }
        Engine.Path localDeny =
                local.stream().filter(p -> !p.decision().accepted()).findFirst().orElse(null);
        evidence.add(Evidence.of(
                "local clients", localDeny == null ? "accepted" : FirewallCheck.outcome(localDeny.decision(), shown)));

        String port = Integer.toString(t.port());
        if (t.exposure() == Exposure.LOCAL) {
            if (localIn) {
                return Outcome.of(Verdict.PASS, MSG.msg("pass.local", port, t.protocol()))
                        .evidence(evidence)
                        .build();
            }
            FirewallDecision d = localDeny.decision();
            return Outcome.of(
                            Verdict.FAIL,
                            MSG.msg(
                                    "fail.local",
                                    FirewallCheck.verb(d),
                                    shown.describe(d.rule()),
                                    port,
                                    t.protocol(),
                                    d.sees().id))
                    .evidence(evidence)
                    .hint(FirewallHints.letIn(d, rs, null, t.port(), t.protocol()))
                    .build();
        }
        if (denied.isEmpty()) {
            return Outcome.of(Verdict.PASS, MSG.msg("pass.all", port, t.protocol()))
                    .evidence(evidence)
                    .build();
        }
        if (sure.isEmpty() && unsure.isEmpty()) {
            FirewallDecision d = main.decision;
            return Outcome.of(
                            Verdict.FAIL,
                            MSG.msg(
                                    "fail.none",
                                    port,
                                    t.protocol(),
                                    FirewallCheck.verb(d),
                                    shown.describe(d.rule()),
                                    d.sees().id))
                    .evidence(evidence)
                    .hint(FirewallHints.letIn(d, rs, null, t.port(), t.protocol()))
                    .build();
        }
        Outcome.Builder b;
        if (!unsure.isEmpty() && unsurePath != null) {
            Assumption a = unsurePath.assumptions().get(0);
            b = Outcome.of(
                    Verdict.WARN,
                    MSG.msg(
                            "warn.some.depends",
                            port,
                            t.protocol(),
                            sure.isEmpty() ? "(none)" : FirewallCheck.cidrs(sure),
                            a.condition(),
                            shown.describe(a.rule())));
        } else {
            FirewallDecision d = main.decision;
            AddressSet deniedOnly = denied.minus(accepted);
            b = sure.cidrCount() > deniedOnly.cidrCount()
                    ? Outcome.of(
                            Verdict.WARN,
                            MSG.msg(
                                    "warn.except",
                                    port,
                                    t.protocol(),
                                    FirewallCheck.cidrs(deniedOnly),
                                    FirewallCheck.verb(d),
                                    shown.describe(d.rule()),
                                    d.sees().id))
                    : Outcome.of(
                            Verdict.WARN,
                            MSG.msg(
                                    "warn.some",
                                    port,
                                    t.protocol(),
                                    FirewallCheck.cidrs(sure),
                                    FirewallCheck.verb(d),
                                    shown.describe(d.rule()),
                                    d.sees().id));
        }
        FirewallDecision stop = main == null ? null : main.decision;
        if (!unsure.isEmpty() && unsurePath != null) {
            Assumption a = unsurePath.assumptions().get(0);
            b.hint(MSG.msg("hint.depends", a.condition(), shown.describe(a.rule())));
            stop = remote.stream()
                    .filter(p -> !p.assumptions().isEmpty() && !p.decision().accepted())
                    .map(Engine.Path::decision)
                    .findFirst()
                    .orElse(stop);
        }
        if (stop != null && stop.baseChain() != null) {
            b.hint(FirewallHints.letIn(stop, rs, null, t.port(), t.protocol()));
        }
        return b.evidence(evidence).build();
    }

    private static AddressSet union(List<Engine.Path> paths, boolean accepted) {
        List<AddressSet> parts = new ArrayList<>();
        for (Engine.Path p : paths) {
            if (p.decision().accepted() == accepted) {
                parts.add(p.region());
            }
        }
        return AddressSet.unionAll(parts);
    }

    /** Denied sources grouped by the rule that stops them (sources some path accepts left out). */
    private static List<Group> groups(List<Engine.Path> paths, AddressSet accepted) {
        Map<RuleRef, Group> by = new LinkedHashMap<>();
        for (Engine.Path p : paths) {
            if (p.decision().accepted()) {
                continue;
            }
            AddressSet r = p.region().minus(accepted);
            if (r.isEmpty()) {
                continue;
            }
            by.merge(
                    p.decision().rule(),
                    new Group(r, p.decision()),
                    (a, b) -> new Group(a.region.union(b.region), a.decision));
        }
        return new ArrayList<>(by.values());
    }

    /** The group that stands for "everything else": a policy if there is one, else the most fragmented. */
    private static Group main(List<Group> groups) {
        Group best = null;
        int bestCount = -1;
        for (Group g : groups) {
            if (g.decision.rule() != null && g.decision.rule().policy()) {
                return g;
            }
            int count = g.region.cidrCount();
            if (count > bestCount) {
                best = g;
                bestCount = count;
            }
        }
        return best;
    }
}
