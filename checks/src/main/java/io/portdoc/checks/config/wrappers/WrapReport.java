package io.portdoc.checks.config.wrappers;

import io.portdoc.checks.config.files.Regions;
import io.portdoc.core.Evidence;
import io.portdoc.core.Exposure;
import io.portdoc.core.Messages;
import io.portdoc.core.Msg;
import io.portdoc.core.Outcome;
import io.portdoc.core.Verdict;
import io.portdoc.core.net.AddressSet;
import io.portdoc.core.net.Addresses;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The TCP wrappers part of step 2 as an outcome: for a client, PASS / FAIL naming the deciding
 * line (WARN when it depends on the client's name); without one, who gets in, in the Apache
 * engine's words.
 */
public final class WrapReport {
    static final Messages MSG = Messages.of(WrapReport.class);
    static final String SOURCE = "config";
    static final AddressSet LOOPBACK = AddressSet.parseCidr("127.0.0.0/8").union(AddressSet.parseCidr("::1/128"));

    private WrapReport() {}

    /** UNKNOWN when hosts.allow or hosts.deny cannot be read; null otherwise. */
    public static Outcome unreadable(Wrappers w, List<Evidence> evidence) {
        if (w.unreadable() == null) {
            return null;
        }
        return Outcome.of(Verdict.UNKNOWN, MSG.msg("unknown.unreadable", w.unreadable()))
                .evidence(evidence)
                .hint(MSG.msg("hint.run.as.root"))
                .build();
    }

    public static Outcome client(
            Wrappers w, String daemon, InetAddress addr, InetAddress server, List<Evidence> evidence) {
        Outcome early = unreadable(w, evidence);
        if (early != null) {
            return early;
        }
        List<Evidence> ev = new ArrayList<>(evidence);
        w.warnings()
                .forEach(x ->
                        ev.add(Evidence.of(SOURCE, MSG.msg("ev.wrap.warning", x).text())));
        Client c = w.client(addr);
        String client = Addresses.text(addr);
        ev.add(Evidence.of(
                SOURCE,
                c.name() == null
                        ? MSG.msg("ev.wrap.client.noname", client).text()
                        : MSG.msg("ev.wrap.client.name", client, c.name()).text()));
        WrapDecision d = w.decide(daemon, c, server);
        AccessRule r = d.rule();
        if (r != null) {
            ev.add(Evidence.at(SOURCE, MSG.msg("ev.wrap.rule", r.text()).text(), r.loc()));
        }
        List<Msg> hints = new ArrayList<>();
        if (c.name() != null) {
            hints.add(MSG.msg("dns.note"));
        }
        return switch (d.result()) {
            case ALLOW ->
                Outcome.of(
                                Verdict.PASS,
                                r == null
                                        ? MSG.msg("pass.client.default", client, daemon)
                                        : MSG.msg("pass.client", client, daemon, r.loc(), r.text()))
                        .evidence(ev)
                        .hints(hints)
                        .build();
            case DENY ->
                Outcome.of(Verdict.FAIL, MSG.msg("fail.client", client, daemon, r.loc(), r.text()))
                        .evidence(ev)
                        .hint(
                                r.hasOption("deny")
                                        ? MSG.msg("hint.wrap.allow.deny", r.loc(), client)
                                        : MSG.msg("hint.wrap.denied", daemon, client, r.loc()))
                        .hints(hints)
                        .build();
            case DEPENDS ->
                Outcome.of(Verdict.WARN, MSG.msg("warn.client.depends", client, daemon, r.loc(), r.text()))
                        .evidence(ev)
                        .hint(MSG.msg("dns.note"))
                        .build();
        };
    }

    public static Outcome everyone(
            Wrappers w, String daemon, InetAddress server, Exposure exposure, List<Evidence> evidence) {
        Outcome early = unreadable(w, evidence);
        if (early != null) {
            return early;
        }
        Regions.Split s = Regions.split(w.atoms(), a -> w.admits(daemon, a, server));
        return who(s, daemon, exposure, "/etc/hosts.allow", evidence, w.warnings());
    }

    /** The who-gets-in outcome for a split of the address space. */
    public static Outcome who(
            Regions.Split s,
            String what,
            Exposure exposure,
            String where,
            List<Evidence> evidence,
            List<String> warnings) {
        List<Evidence> ev = new ArrayList<>(evidence);
        warnings.forEach(
                x -> ev.add(Evidence.of(SOURCE, MSG.msg("ev.wrap.warning", x).text())));
        String text = whoText(s);
        List<Msg> hints = new ArrayList<>();
        if (!s.depends().isEmpty()) {
            hints.add(MSG.msg("dns.note"));
        }
        if (s.in().isAll()) {
            return Outcome.of(Verdict.PASS, MSG.msg("pass.everyone", what))
                    .evidence(ev)
                    .build();
        }
        AddressSet remote = s.in().union(s.depends()).minus(LOOPBACK);
        if (remote.isEmpty()) {
            if (exposure == Exposure.LOCAL) {
                return Outcome.of(Verdict.PASS, MSG.msg("pass.local.expected", what, text))
                        .evidence(ev)
                        .hints(hints)
                        .build();
            }
            return Outcome.of(Verdict.FAIL, MSG.msg("fail.nobody", what, text))
                    .evidence(ev)
                    .hint(MSG.msg("hint.some", where))
                    .hints(hints)
                    .build();
        }
        return Outcome.of(Verdict.WARN, MSG.msg("warn.some", what, text))
                .evidence(ev)
                .hint(MSG.msg("hint.some", where))
                .hints(hints)
                .build();
    }

    static String whoText(Regions.Split s) {
        String everyone = MSG.msg("who.everyone").text();
        String except = MSG.msg("who.except", "{0}").text();
        StringBuilder b = new StringBuilder(
                s.in().isEmpty()
                        ? MSG.msg("who.none").text()
                        : MSG.msg("who.allowed", Regions.describe(s.in(), everyone, except))
                                .text());
        if (!s.depends().isEmpty()) {
            b.append(MSG.msg("who.depending", Regions.describe(s.depends(), everyone, except))
                    .text());
        }
        if (!s.in().isAll()) {
            b.append(MSG.msg("who.rest.denied").text());
        }
        return b.toString();
    }
}
