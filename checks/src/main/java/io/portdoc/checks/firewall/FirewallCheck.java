package io.portdoc.checks.firewall;

import io.portdoc.checks.facts.NatTranslation;
import io.portdoc.core.Check;
import io.portdoc.core.CheckContext;
import io.portdoc.core.CheckInfo;
import io.portdoc.core.Evidence;
import io.portdoc.core.Messages;
import io.portdoc.core.Msg;
import io.portdoc.core.Outcome;
import io.portdoc.core.Target;
import io.portdoc.core.Verdict;
import io.portdoc.core.host.SystemView;
import io.portdoc.core.net.AddressSet;
import io.portdoc.core.net.Addresses;
import io.portdoc.core.vantage.RouteBack;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Step 4 of the seed's checklist: does the local firewall let the client's packet in, and what
 * will the client see? Reads nftables and both iptables backends (all enforced), evaluates the
 * first packet of the connection through every base chain, and names the deciding rule.
 * Without --client it says which sources are let in.
 */
@CheckInfo(id = "firewall", order = 40, title = "title")
public final class FirewallCheck implements Check {
    private static final Messages MSG = Messages.of(FirewallCheck.class);
    private static final int MAX_CIDRS = 8;

    /** The rules being read in the background since the diagnosis started. */
    private record Pending(CompletableFuture<FirewallSources.Loaded> loaded) {}

    /** The rules as read, shared with the nat translation ({@link NatSource}): read once per diagnosis. */
    private record Read(FirewallSources.Loaded loaded) {}

    @Override
    public void prepare(CheckContext context) {
        CompletableFuture<FirewallSources.Loaded> f = new CompletableFuture<>();
        Thread t = new Thread(
                () -> {
                    try {
                        f.complete(FirewallSources.load(context.system()));
                    } catch (IOException | RuntimeException e) {
                        f.completeExceptionally(e);
                    }
                },
                "portdoc-firewall-prefetch");
        t.setDaemon(true);
        t.start();
        context.share(Pending.class, new Pending(f));
    }

    /**
     * The firewall's answer, folded with the route back to the client (both modes): a SYN the
     * firewall lets in still gets no answer when the server cannot route back. The route back is
     * shared as a fact for the conclusion.
     */
    @Override
    public Outcome run(CheckContext context) throws Exception {
        Routes routes = Routes.of(context);
        Outcome firewall = judge(context, routes);
        RouteBack back = RouteBackReader.read(context.system(), routes, context.target());
        if (back == null || back.kind() == RouteBack.Kind.LOCAL || back.kind() == RouteBack.Kind.UNKNOWN) {
            // no ip to ask (a recorded host without it, a minimal container): the step says what it said
            return firewall;
        }
        context.share(RouteBack.class, back);
        Outcome route = RouteBackReader.finding(back);
        if (route.verdict() == Verdict.PASS) {
            return Outcome.of(firewall.verdict(), firewall.summary())
                    .evidence(firewall.evidence())
                    .evidence(route.evidence())
                    .hints(firewall.hints())
                    .build();
        }
        return Outcome.worst("route back", List.of(firewall, route));
    }

    private Outcome judge(CheckContext context, Routes routes) throws Exception {
        Target t = context.target();
        FirewallSources.Loaded loaded = loaded(context);
        if (!loaded.needRoot().isEmpty()) {
            return Outcome.of(Verdict.UNKNOWN, MSG.msg("unknown.root", String.join(", ", loaded.needRoot())))
                    .evidence(loaded.evidence())
                    .hint(MSG.msg("hint.root"))
                    .build();
        }
        List<Evidence> evidence = new ArrayList<>(loaded.evidence());
        if (!loaded.deniedAsRoot().isEmpty()) {
            loaded.deniedAsRoot().forEach(f -> evidence.add(Evidence.of("portdoc", f)));
            return Outcome.of(
                            Verdict.UNKNOWN,
                            MSG.msg(
                                    "unknown.capability",
                                    String.join(
                                            ", ",
                                            loaded.deniedAsRoot().stream()
                                                    .map(f -> f.substring(0, f.indexOf(": ")))
                                                    .toList())))
                    .evidence(evidence)
                    .hint(MSG.msg("hint.capability"))
                    .build();
        }
        loaded.failed().forEach(f -> evidence.add(Evidence.of("portdoc", f)));
        if (!loaded.failed().isEmpty()) {
            // a tool that is there but failed or timed out may hold the rule that drops the client
            return Outcome.of(Verdict.UNKNOWN, MSG.msg("unknown.failed", String.join("; ", loaded.failed())))
                    .evidence(evidence)
                    .hint(MSG.msg("hint.failed"))
                    .build();
        }
        if (loaded.sources() == 0 || !loaded.anyRules()) {
            return Outcome.of(Verdict.SKIP, MSG.msg("skip.none"))
                    .evidence(evidence)
                    .build();
        }
        Ruleset rs = loaded.ruleset();
        if (rs.isEmpty()) {
            return Outcome.of(
                            Verdict.PASS,
                            MSG.msg("pass.nochains", evidence.get(0).text()))
                    .evidence(evidence)
                    .build();
        }
        Shown shown = Shown.of(context);
        int proto = Protocols.number(t.protocol());
        try {
            return t.client() == null
                    ? new SourcesJudge(rs, routes, shown, t, proto).judge(evidence)
                    : judgeClient(rs, routes, shown, t, proto, evidence, NatTranslation.of(context));
        } catch (Engine.TooComplex e) {
            return Outcome.of(Verdict.WARN, MSG.msg("warn.complex", e.getMessage()))
                    .evidence(evidence)
                    .build();
        }
    }

    /** The client's first packet: from lo when the client is this host, else from the route's interface. */
    static Packet clientPacket(Target t, Routes routes, int proto) {
        InetAddress c = Addresses.unmap(t.client());
        int fam = Packet.family(c);
        String iif;
        List<InetAddress> daddrs;
        Optional<InetAddress> host = hostAddress(t, routes);
        if (routes.isLocal(c)) {
            iif = "lo";
            daddrs = List.of(host.orElse(c));
        } else {
            Optional<Routes.Route> r = routes.route(c);
            iif = r.map(Routes.Route::dev).orElse(null);
            daddrs = host.map(List::of)
                    .orElseGet(() ->
                            r.map(Routes.Route::prefsrc).map(List::of).orElseGet(() -> localNonLoopback(routes, fam)));
        }
        return new Packet(fam, c, daddrs, proto, t.port(), iif, "lo".equals(iif), null, false, false);
    }

    private Outcome judgeClient(
            Ruleset rs, Routes routes, Shown shown, Target t, int proto, List<Evidence> evidence, NatTranslation nat) {
        InetAddress c = Addresses.unmap(t.client());
        Packet p = clientPacket(t, routes, proto);
        evidence.add(Evidence.of("packet", describe(p)));
        Engine engine = new Engine(routes);
        List<Engine.Path> paths = engine.evaluate(rs, p, AddressSet.of(c));
        String who = Addresses.text(c);
        Engine.Path first = paths.get(0);
        boolean same = paths.stream().allMatch(x -> x.decision().sameOutcome(first.decision()));
        if (!same) {
            Assumption a = deciding(paths);
            for (Engine.Path x : paths) {
                evidence.add(Evidence.of("if", conditions(x.assumptions()) + ": " + outcome(x.decision(), shown)));
            }
            // an assumption on a base chain's policy is an ingress chain whose device portdoc could not match
            Outcome.Builder b = a.rule().policy()
                    ? Outcome.of(
                                    Verdict.WARN,
                                    MSG.msg(
                                            "warn.device",
                                            who,
                                            a.condition(),
                                            a.rule().chainName()))
                            .evidence(evidence)
                            .hint(MSG.msg("hint.device", who, a.rule().chainName()))
                    : Outcome.of(Verdict.WARN, MSG.msg("warn.depends", who, a.condition(), shown.describe(a.rule())))
                            .evidence(evidence)
                            .hint(MSG.msg("hint.depends", a.condition(), shown.describe(a.rule())));
            paths.stream()
                    .filter(x -> !x.decision().accepted() && x.decision().baseChain() != null)
                    .findFirst()
                    .ifPresent(x -> b.hint(FirewallHints.letIn(x.decision(), rs, c, t.port(), t.protocol())));
            return b.build();
        }
        // same answer on every path: show the one that assumes least (unevaluated matches not matching)
        Engine.Path plain = paths.stream()
                .min(Comparator.comparingLong(x ->
                        x.assumptions().stream().filter(Assumption::matched).count()))
                .orElse(first);
        FirewallDecision d = plain.decision();
        String dnat = d.dnat() == null ? null : shown.describe(d.dnat());
        d.acceptedBy().forEach(r -> evidence.add(Evidence.of("accepted by", shown.describe(r))));
        if (dnat != null) {
            evidence.add(Evidence.of("dnat", dnat));
        }
        Msg summary;
        Verdict verdict;
        List<Msg> hints = new ArrayList<>();
        switch (d.kind()) {
            case ACCEPT -> {
                verdict = Verdict.PASS;
                summary = MSG.msg("pass.client", who, t.port(), t.protocol());
            }
            case OPAQUE -> {
                verdict = Verdict.WARN;
                String range = engine.unsupportedNat(d.rule());
                if (range != null) {
                    summary = MSG.msg("warn.nat.range", who, shown.describe(d.rule()), range);
                } else {
                    summary = MSG.msg("warn.opaque", who, verb(d), shown.describe(d.rule()));
                    hints.add(MSG.msg("hint.opaque", shown.describe(d.rule())));
                }
            }
            default -> {
                verdict = Verdict.FAIL;
                summary = MSG.msg("fail.client", who, verb(d), shown.describe(d.rule()), d.sees().id);
                evidence.add(Evidence.of("client sees", d.sees().id));
                hints.add(FirewallHints.letIn(d, rs, c, t.port(), t.protocol()));
            }
        }
        if (dnat != null && nat.kind() == NatTranslation.Kind.LOCAL && dnat.equals(nat.rule())) {
            // a redirect (or DNAT to this host) stays on INPUT, with the port it was translated to
            summary = MSG.msg("note.redirect", t.port() + "/" + t.protocol(), dnat, nat.port(), summary.text());
        } else if (dnat != null) {
            summary = MSG.msg("note.dnat", t.port() + "/" + t.protocol(), dnat, summary.text());
        }
        return Outcome.of(verdict, summary).evidence(evidence).hints(hints).build();
    }

    /**
     * The unevaluated condition the answer hinges on: one whose paths where it held and where it
     * did not end differently on every side; else the first one assumed.
     */
    static Assumption deciding(List<Engine.Path> paths) {
        Map<List<Object>, List<List<FirewallDecision>>> byCondition = new LinkedHashMap<>();
        for (Engine.Path x : paths) {
            for (Assumption a : x.assumptions()) {
                List<List<FirewallDecision>> sides = byCondition.computeIfAbsent(
                        List.of(a.rule(), a.condition()), k -> List.of(new ArrayList<>(), new ArrayList<>()));
                sides.get(a.matched() ? 0 : 1).add(x.decision());
            }
        }
        for (Engine.Path x : paths) {
            for (Assumption a : x.assumptions()) {
                List<List<FirewallDecision>> sides = byCondition.get(List.of(a.rule(), a.condition()));
                boolean apart = !sides.get(0).isEmpty()
                        && !sides.get(1).isEmpty()
                        && sides.get(0).stream()
                                .noneMatch(d -> sides.get(1).stream().anyMatch(d::sameOutcome));
                if (apart) {
                    return a;
                }
            }
        }
        return paths.stream()
                .filter(x -> !x.assumptions().isEmpty())
                .findFirst()
                .orElseThrow()
                .assumptions()
                .get(0);
    }

    /** The address the client connects to, when --host names one of this host's addresses. */
    private static Optional<InetAddress> hostAddress(Target t, Routes routes) {
        return t.hostAddresses().stream()
                .map(Target.HostAddress::address)
                .filter(routes::isLocal)
                .findFirst();
    }

    static List<InetAddress> localNonLoopback(Routes routes, int family) {
        return routes.localAddresses().stream()
                .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress() && Packet.family(a) == family)
                .toList();
    }

    static String describe(Packet p) {
        String src = p.saddr() == null ? "any source" : Addresses.text(p.saddr());
        String dst = p.daddrs().isEmpty()
                ? "a local address"
                : String.join(" or ", p.daddrs().stream().map(Addresses::text).toList());
        String iif = p.iif() != null ? p.iif() : p.iifLoopback() ? "lo" : "a non-loopback interface (name not known)";
        return Protocols.name(p.proto()) + (p.proto() == Packet.TCP ? " SYN" : "") + " from " + src + " to " + dst
                + " port " + p.dport() + ", ct state new, arriving on " + iif;
    }

    static String verb(FirewallDecision d) {
        return switch (d.kind()) {
            case DROP -> MSG.msg("verb.drop").text();
            case REJECT -> MSG.msg("verb.reject", rejectType(d.rule())).text();
            case OPAQUE ->
                MSG.msg("verb.opaque", d.rule() == null ? "?" : d.rule().text()).text();
            case ACCEPT -> "accepted";
        };
    }

    private static String rejectType(RuleRef r) {
        String s = r.text();
        int w = s.indexOf("reject with ");
        if (w >= 0) {
            return s.substring(w + 12).split(" # ")[0].strip();
        }
        int rw = s.indexOf("--reject-with ");
        if (rw >= 0) {
            return s.substring(rw + 14).split(" ")[0];
        }
        return r.nft() ? "port-unreachable" : "icmp-port-unreachable";
    }

    static String outcome(FirewallDecision d, Shown shown) {
        if (d.accepted()) {
            return "accepted"
                    + (d.acceptedBy().isEmpty()
                            ? ""
                            : " ("
                                    + String.join(
                                            "; ",
                                            d.acceptedBy().stream()
                                                    .map(shown::describe)
                                                    .toList()) + ")");
        }
        return verb(d) + " by " + shown.describe(d.rule()) + " -> client sees " + d.sees().id;
    }

    static String conditions(List<Assumption> as) {
        if (as.isEmpty()) {
            return "always";
        }
        List<String> parts = new ArrayList<>();
        for (Assumption a : as) {
            parts.add((a.matched() ? "" : "not ") + a.condition());
        }
        return String.join(", ", parts);
    }

    static String cidrs(AddressSet s) {
        // only the blocks shown are formatted: a 100,000-element set has as many blocks
        List<String> c = s.toCidrs(MAX_CIDRS + 1).stream().map(Addr::cidr).toList();
        if (c.size() <= MAX_CIDRS) {
            return String.join(", ", c);
        }
        return String.join(", ", c.subList(0, MAX_CIDRS)) + " ... (" + (s.cidrCount() - MAX_CIDRS) + " more)";
    }

    /** Rule texts as {@code nft list ruleset} prints them, fetched once and only when a rule is shown. */
    static final class Shown {
        private final SystemView system;
        private final Map<String, Map<String, String>> texts = new LinkedHashMap<>();

        Shown(SystemView system) {
            this(system, Map.of());
        }

        /** {@code known}: texts of tables already listed, by "family table". */
        Shown(SystemView system, Map<String, Map<String, String>> known) {
            this.system = system;
            texts.putAll(known);
        }

        /** One per diagnosis: the firewall step and the nat translation show the same rules. */
        static Shown of(CheckContext context) {
            return context.fact(Shown.class, () -> {
                Map<String, Map<String, String>> known;
                try {
                    known = loaded(context).nftTexts();
                } catch (IOException e) {
                    known = Map.of();
                }
                return new Shown(context.system(), known);
            });
        }

        String describe(RuleRef r) {
            if (r == null) {
                return "?";
            }
            if (r.nft() && !r.policy()) {
                Map<String, String> t = texts.computeIfAbsent(
                        r.family() + " " + r.table(), k -> FirewallSources.nftTexts(system, r.family(), r.table()));
                String exact = t.get(r.family() + " " + r.table() + " " + r.chain() + " " + r.number());
                if (exact != null) {
                    return r.withText(exact).describe();
                }
            }
            return r.describe();
        }
    }

    static FirewallSources.Loaded loaded(CheckContext context) throws IOException {
        Optional<Read> read = context.fact(Read.class);
        if (read.isPresent()) {
            return read.get().loaded();
        }
        FirewallSources.Loaded loaded = null;
        Optional<Pending> pending = context.fact(Pending.class);
        if (pending.isPresent()) {
            try {
                loaded = pending.get().loaded().join();
            } catch (CompletionException e) {
                // read again below, so the error surfaces as it would have without the head start
            }
        }
        if (loaded == null) {
            loaded = FirewallSources.load(context.system());
        }
        context.share(Read.class, new Read(loaded));
        return loaded;
    }
}
