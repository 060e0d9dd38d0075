package io.portdoc.checks.config;

import io.portdoc.checks.config.apache.AccessDecision;
import io.portdoc.checks.config.apache.AccessEvaluator;
import io.portdoc.checks.config.apache.Admission;
import io.portdoc.checks.config.apache.ApacheModel;
import io.portdoc.checks.config.apache.ConfigParser;
import io.portdoc.checks.config.apache.DirConf;
import io.portdoc.checks.config.apache.Directive;
import io.portdoc.checks.config.apache.Facts;
import io.portdoc.checks.config.apache.IpPattern;
import io.portdoc.checks.config.apache.Listen;
import io.portdoc.checks.config.apache.ParsedConfig;
import io.portdoc.checks.config.apache.Problem;
import io.portdoc.checks.config.apache.RequestWalker;
import io.portdoc.checks.config.apache.RunUser;
import io.portdoc.checks.config.apache.VhostSelector;
import io.portdoc.checks.config.cups.CupsModel;
import io.portdoc.checks.config.cups.LocalSubnets;
import io.portdoc.checks.facts.ProcessTable;
import io.portdoc.core.Evidence;
import io.portdoc.core.Exposure;
import io.portdoc.core.Messages;
import io.portdoc.core.Msg;
import io.portdoc.core.Outcome;
import io.portdoc.core.Target;
import io.portdoc.core.Verdict;
import io.portdoc.core.host.ProcessInfo;
import io.portdoc.core.host.SystemView;
import io.portdoc.core.net.AddressSet;
import io.portdoc.core.net.Addresses;
import io.portdoc.core.profile.ServiceProfile;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One evaluation of httpd-style access rules (Apache httpd 2.2/2.4, and CUPS, whose cupsd.conf
 * uses the same Allow/Deny/Order and Require): the file the daemon reads, its Listen lines
 * against the target port, the section for the URL path, then the client's fate or who gets in.
 * Collects evidence while it goes.
 */
final class HttpdRules {
    private static final Messages MSG = ConfigCheck.MSG;
    private static final String SOURCE = "config";

    private final Target t;
    private final SystemView sys;
    private final ConfigLocator.Located loc;
    private final String product;
    private final List<Evidence> evidence = new ArrayList<>();
    private final List<Msg> hints = new ArrayList<>();
    private final String path;

    HttpdRules(Target t, SystemView sys, ConfigLocator.Located loc, String product) {
        this.t = t;
        this.sys = sys;
        this.loc = loc;
        this.product = product;
        ServiceProfile.ConfigSpec spec = t.profile().config();
        this.path = spec == null || spec.path() == null ? "/" : spec.path();
        evidence.add(Evidence.of(SOURCE, sourceText()));
        if (loc.envFromProcess()) {
            evidence.add(Evidence.of(
                    SOURCE, MSG.msg("ev.env.process", loc.daemon().pid()).text()));
        } else if (loc.envFile() != null) {
            evidence.add(Evidence.of(
                    SOURCE,
                    MSG.msg(loc.daemon() == null ? "ev.env.file.nodaemon" : "ev.env.file", loc.envFile())
                            .text()));
        }
        if (loc.ignoredConfigOption() != null) {
            hints.add(MSG.msg("hint.ignored.config", loc.file(), loc.ignoredConfigOption()));
        }
        if (loc.distrusted() != null) {
            evidence.add(Evidence.of(
                    SOURCE,
                    MSG.msg("ev.distrusted", loc.daemon().pid(), loc.distrusted())
                            .text()));
        }
    }

    private String sourceText() {
        String program = loc.daemon() == null ? null : ProcessTable.name(loc.daemon());
        return switch (loc.source()) {
            case DAEMON_ARG ->
                MSG.msg(
                                "ev.source.daemon.arg",
                                loc.file(),
                                program,
                                loc.daemon().pid())
                        .text();
            case DAEMON_DEFAULT ->
                MSG.msg(
                                "ev.source.daemon.default",
                                loc.file(),
                                program,
                                loc.daemon().pid(),
                                loc.layout().name().toLowerCase(Locale.ROOT))
                        .text();
            case CONFIG_OPTION ->
                loc.file() + ": " + MSG.msg("ev.source.config").text();
            case PROFILE -> loc.file() + ": " + MSG.msg("ev.source.profile").text();
            case DISTRO_DEFAULT ->
                MSG.msg("ev.source.default", loc.file(), loc.layout().name().toLowerCase(Locale.ROOT))
                        .text();
        };
    }

    ParsedConfig parse(boolean cups) {
        ConfigParser.Options o = cups
                ? ConfigParser.Options.cups(loc.serverRoot())
                : ConfigParser.Options.apache(loc.serverRoot())
                        .withDefines(loc.defines())
                        .withEnv(loc.env())
                        .withReader(masterUser());
        ParsedConfig pc = ConfigParser.parse(sys, loc.file(), o);
        evidence.add(Evidence.of(
                SOURCE, MSG.msg("ev.read", pc.files().size(), pc.size()).text()));
        return pc;
    }

    Outcome apache() {
        ParsedConfig pc = parse(false);
        Outcome early = unreadable(pc.problems());
        if (early != null) {
            return early;
        }
        ApacheModel model = ApacheModel.build(pc);
        early = refused(model.problems());
        if (early != null) {
            return early;
        }
        early = listen(model.listens(), loc.file());
        if (early != null) {
            return early;
        }
        InetAddress local = serverAddress();
        VhostSelector.Choice choice = VhostSelector.select(model.vhosts(), t.port(), local);
        if (choice.server() != null) {
            evidence.add(Evidence.at(
                    SOURCE,
                    MSG.msg("ev.vhost", t.port(), choice.server().vhost().text())
                            .text(),
                    choice.server().vhost().loc().toString()));
            if (choice.others() > 0) {
                evidence.add(Evidence.of(
                        SOURCE, MSG.msg("ev.vhost.others", choice.others()).text()));
            }
        } else {
            evidence.add(Evidence.of(SOURCE, MSG.msg("ev.main.server", t.port()).text()));
        }
        RunUser runUser = runUser(pc);
        if (runUser != null) {
            evidence.add(Evidence.of(
                    SOURCE,
                    MSG.msg("ev.run.user", runUser.name(), runUser.uid()).text()));
        }
        RequestWalker.Walk walk = new RequestWalker(sys, runUser).walk(model, choice.server(), path);
        evidence.add(Evidence.of(
                SOURCE, MSG.msg("ev.request", walk.uri(), walk.filename()).text()));
        for (RequestWalker.Applied a : walk.applied()) {
            if (a.conf().compat() != null || a.conf().authz() != null) {
                evidence.add(Evidence.at(
                        SOURCE, MSG.msg("ev.section", a.what()).text(), a.loc().toString()));
            }
        }
        List<Problem> all = new ArrayList<>(model.problems());
        all.addAll(walk.problems());
        early = requestEnds(walk.problems(), runUser);
        if (early != null) {
            return early;
        }
        early = unreadable(walk.problems());
        if (early != null) {
            return early;
        }
        Facts facts = new Facts(sys, model.setEnv());
        return decide(walk.merged(), facts, all, lastAccessLoc(walk), false);
    }

    Outcome cups() {
        ParsedConfig pc = parse(true);
        Outcome early = unreadable(pc.problems());
        if (early != null) {
            return early;
        }
        CupsModel model = CupsModel.build(pc, LocalSubnets.read(sys));
        early = refused(model.problems());
        if (early != null) {
            return early;
        }
        early = listen(model.listens(), loc.file());
        if (early != null) {
            return early;
        }
        CupsModel.Location best = model.best(path);
        DirConf conf = best == null ? DirConf.EMPTY : best.conf();
        if (best != null) {
            evidence.add(Evidence.at(
                    SOURCE,
                    MSG.msg("ev.cups.location", path, best.dir().text()).text(),
                    best.dir().loc().toString()));
        }
        evidence.add(Evidence.of(SOURCE, MSG.msg("ev.cups.localhost").text()));
        Facts facts = new Facts(sys, List.of());
        return decide(
                conf,
                facts,
                model.problems(),
                best == null ? loc.file() : best.dir().loc().toString(),
                true);
    }

    /**
     * A master that does not run as root reads its configuration with its own permissions:
     * portdoc reads as that user then, never printing a line it could not read. Null for root.
     */
    private RunUser masterUser() {
        ProcessInfo master = loc.daemon();
        if (!sys.privileged()
                || master == null
                || master.user() == null
                || master.user().equals("root")) {
            return null;
        }
        return RunUser.resolve(sys, master.user(), null).orElse(null);
    }

    /**
     * Whom Apache's children run as: the master's own user when it does not run as root (then
     * it cannot switch), else the {@code User} and {@code Group} directives (httpd's default
     * {@code #-1}). Null when /etc/passwd does not name the user: .htaccess is then read with
     * portdoc's own permissions.
     */
    private RunUser runUser(ParsedConfig pc) {
        ProcessInfo master = loc.daemon();
        if (master != null && master.user() != null && !master.user().equals("root")) {
            return RunUser.resolve(sys, master.user(), null).orElse(null);
        }
        String user = "#-1";
        String group = "#-1";
        for (Directive d : pc.directives()) {
            if (d.is("User") && !d.args().isEmpty()) {
                user = d.arg(0);
            } else if (d.is("Group") && !d.args().isEmpty()) {
                group = d.arg(0);
            }
        }
        return RunUser.resolve(sys, user, group).orElse(null);
    }

    /**
     * A .htaccess on the request's path ends every request there, whoever the client: 403 when
     * the run user cannot open it, 500 when Apache rejects a line of it. Says what the client sees.
     */
    private Outcome requestEnds(List<Problem> problems, RunUser runUser) {
        for (Problem p : problems) {
            if (p.kind() == Problem.Kind.FORBIDDEN) {
                String file = p.loc().file();
                String user = runUser == null ? "?" : runUser.name();
                return Outcome.of(
                                Verdict.FAIL,
                                MSG.msg(
                                        "fail.htaccess.forbidden",
                                        path,
                                        file,
                                        user,
                                        MSG.msg(p.detail().equals("EACCES") ? "why.eacces" : "why.not.regular")
                                                .text()))
                        .evidence(evidence)
                        .evidence(Evidence.at(
                                SOURCE, MSG.msg("ev.htaccess.forbidden", user).text(), file))
                        .hint(MSG.msg("hint.htaccess.forbidden", user, file))
                        .hints(hints)
                        .build();
            }
            if (p.kind() == Problem.Kind.SERVER_ERROR) {
                return Outcome.of(Verdict.FAIL, MSG.msg("fail.htaccess.error", path, p.loc(), p.detail()))
                        .evidence(evidence)
                        .evidence(Evidence.at(SOURCE, p.detail(), p.loc().toString()))
                        .hint(MSG.msg("hint.htaccess.error", p.loc()))
                        .hints(hints)
                        .build();
            }
        }
        return null;
    }

    /** The server address the client connects to, when --host names one of this host's. */
    private InetAddress serverAddress() {
        List<InetAddress> local = t.localHostAddresses();
        return local.isEmpty() ? null : local.get(0);
    }

    private String lastAccessLoc(RequestWalker.Walk walk) {
        String where = loc.file();
        for (RequestWalker.Applied a : walk.applied()) {
            if (a.conf().compat() != null || a.conf().authz() != null) {
                where = a.loc().toString();
            }
        }
        return where;
    }

    private Outcome unreadable(List<Problem> problems) {
        List<Problem> u = problems.stream()
                .filter(p -> p.kind() == Problem.Kind.UNREADABLE || p.kind() == Problem.Kind.NOT_READ)
                .toList();
        if (u.isEmpty()) {
            return null;
        }
        Problem first = u.get(0);
        boolean privileges = first.kind() == Problem.Kind.UNREADABLE;
        String where = first.loc() == null ? loc.file() : first.loc().toString();
        Outcome.Builder b = Outcome.of(
                        Verdict.UNKNOWN,
                        privileges
                                ? MSG.msg("unknown.unreadable", first.detail())
                                : MSG.msg("unknown.not.read", where, first.detail()))
                .evidence(evidence);
        for (Problem p : u) {
            b.evidence(new Evidence(
                    SOURCE, p.detail(), p.loc() == null ? null : p.loc().toString()));
        }
        return b.hint(privileges ? MSG.msg("hint.run.as.root") : MSG.msg("hint.not.read", where))
                .build();
    }

    private Outcome refused(List<Problem> problems) {
        List<Problem> r =
                problems.stream().filter(p -> p.kind() == Problem.Kind.REFUSED).toList();
        if (r.isEmpty()) {
            return null;
        }
        Problem first = r.get(0);
        String where = first.loc() == null ? loc.file() : first.loc().toString();
        Outcome.Builder b = Outcome.of(Verdict.FAIL, MSG.msg("fail.refused", product, where, first.detail()))
                .evidence(evidence);
        for (Problem p : r) {
            b.evidence(new Evidence(
                    SOURCE, p.detail(), p.loc() == null ? null : p.loc().toString()));
            b.hint(MSG.msg(
                    "hint.refused", p.loc() == null ? loc.file() : p.loc().toString(), p.detail()));
        }
        return b.hints(hints).build();
    }

    /** Listen lines against the target port; null when the port is served from some address. */
    private Outcome listen(List<Listen> listens, String file) {
        for (Listen l : listens) {
            evidence.add(Evidence.at(SOURCE, l.dir().text(), l.dir().loc().toString()));
        }
        if (listens.isEmpty()) {
            return Outcome.of(Verdict.FAIL, MSG.msg("fail.no.listen", product))
                    .evidence(evidence)
                    .hint(MSG.msg("hint.no.listen", t.port(), file))
                    .build();
        }
        List<Listen> here = listens.stream().filter(l -> l.port() == t.port()).toList();
        if (here.isEmpty()) {
            String ports = listens.stream()
                    .map(l -> String.valueOf(l.port()))
                    .distinct()
                    .collect(Collectors.joining(", "));
            Listen first = listens.get(0);
            return Outcome.of(Verdict.FAIL, MSG.msg("fail.other.port", product, ports, t.port()))
                    .evidence(evidence)
                    .hint(MSG.msg("hint.other.port", t.port(), first.dir().loc(), product, ports))
                    .build();
        }
        boolean localOnly = here.stream().allMatch(this::loopback);
        if (!localOnly) {
            return null;
        }
        boolean clientLocal = t.client() != null && isLocal(t.client());
        if (clientLocal || t.exposure() == Exposure.LOCAL) {
            return null;
        }
        Listen l = here.get(0);
        return Outcome.of(
                        Verdict.FAIL,
                        MSG.msg("fail.local.only", l.dir().loc(), l.dir().text()))
                .evidence(evidence)
                .hint(MSG.msg("hint.local.only", l.dir().loc(), l.dir().name() + " " + l.port()))
                .hints(hints)
                .build();
    }

    private boolean loopback(Listen l) {
        if (l.wildcard()) {
            return false;
        }
        String a = l.address();
        if (Facts.localName(a)) {
            return true;
        }
        try {
            return IpPattern.looksLikeIp(a) && InetAddress.getByName(a).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private boolean isLocal(InetAddress a) {
        return new Facts(sys, List.of()).localSet().contains(a);
    }

    Outcome decide(DirConf conf, Facts facts, List<Problem> problems, String where, boolean cups) {
        List<Msg> extra = new ArrayList<>();
        String notUnderstood = null;
        for (Problem p : problems) {
            switch (p.kind()) {
                case NOT_UNDERSTOOD -> {
                    evidence.add(new Evidence(
                            SOURCE, p.detail(), p.loc() == null ? null : p.loc().toString()));
                    extra.add(MSG.msg("hint.not.understood", p.loc(), p.detail()));
                    notUnderstood = notUnderstood == null ? p.loc() + " " + p.detail() : notUnderstood;
                }
                case INLINE_COMMENT -> extra.add(MSG.msg("hint.inline.comment", p.loc()));
                case UNDEFINED_VARIABLE -> extra.add(MSG.msg("hint.undefined.variable", p.loc(), p.detail()));
                default -> {}
            }
        }
        Outcome o = t.client() != null ? forClient(conf, facts, where, cups) : forEveryone(conf, facts, where, cups);
        Verdict v = o.verdict();
        Msg summary = o.summary();
        if (notUnderstood != null && v == Verdict.PASS) {
            v = Verdict.WARN;
            summary = MSG.msg("warn.not.understood", summary.text(), notUnderstood);
        }
        return Outcome.of(v, summary)
                .evidence(evidence)
                .evidence(o.evidence())
                .hints(o.hints())
                .hints(hints)
                .hints(extra)
                .build();
    }

    private Outcome forClient(DirConf conf, Facts facts, String where, boolean cups) {
        InetAddress c = t.client();
        String client = Addresses.text(c);
        List<Evidence> ev = new ArrayList<>();
        if (cups && c.isLoopbackAddress()) {
            return Outcome.of(
                            Verdict.PASS,
                            MSG.msg(
                                    "pass.client",
                                    client,
                                    path,
                                    MSG.msg("ev.cups.localhost").text()))
                    .build();
        }
        AccessDecision d = new AccessEvaluator(facts).decide(conf, c);
        AccessDecision.Step decisive = null;
        for (AccessDecision.Step s : d.trace()) {
            String why = MSG.msg(
                            "ev.why." + s.why().name().toLowerCase(Locale.ROOT).replace('_', '.'))
                    .text();
            if (s.dir() != null) {
                ev.add(Evidence.at(
                        SOURCE,
                        s.dir().text() + "  [" + why + "]",
                        s.dir().loc().toString()));
                decisive = s;
            } else {
                ev.add(Evidence.of(SOURCE, why));
            }
        }
        List<Msg> hs = new ArrayList<>();
        if (d.dns()) {
            hs.add(MSG.msg("dns.note"));
        }
        String at = decisive == null ? where : decisive.dir().loc().toString();
        String text = decisive == null ? "" : decisive.dir().text();
        return switch (d.result()) {
            case GRANTED ->
                Outcome.of(
                                Verdict.PASS,
                                decisive == null
                                        ? MSG.msg("pass.client.default", client, path)
                                        : MSG.msg("pass.client", client, path, at))
                        .evidence(ev)
                        .hints(hs)
                        .build();
            case DENIED ->
                Outcome.of(Verdict.FAIL, MSG.msg("fail.client", client, path, at, text))
                        .evidence(ev)
                        .hints(ConfigHints.forDenial(d, c, where))
                        .hints(hs)
                        .build();
            case LOGIN ->
                Outcome.of(
                                Verdict.WARN,
                                MSG.msg(
                                        d.authTypeSet() ? "warn.client.login" : "warn.client.login.noauthtype",
                                        client,
                                        path,
                                        at,
                                        text))
                        .evidence(ev)
                        .hint(MSG.msg("hint.login", text, at))
                        .hints(hs)
                        .build();
            case DEPENDS ->
                Outcome.of(Verdict.WARN, MSG.msg("warn.client.depends", client, path, String.join(", ", d.dependsOn())))
                        .evidence(ev)
                        .hints(hs)
                        .build();
        };
    }

    private Outcome forEveryone(DirConf conf, Facts facts, String where, boolean cups) {
        Admission.Result a = new Admission(facts).admitted(conf);
        AddressSet sure = a.sure();
        AddressSet possible = a.possible();
        Map<String, AddressSet> names = new LinkedHashMap<>(a.names());
        if (cups) {
            AddressSet loop = AddressSet.parseCidr("127.0.0.0/8").union(AddressSet.parseCidr("::1/128"));
            names.put("localhost", loop);
            sure = sure.union(loop);
            possible = possible.union(loop);
        }
        StringBuilder who = new StringBuilder(
                sure.isEmpty()
                        ? MSG.msg("who.none").text()
                        : MSG.msg("who.allowed", SetText.of(sure, names)).text());
        if (!possible.minus(sure).isEmpty()) {
            String conditions = String.join(", ", a.conditions());
            who.append(
                    possible.isAll()
                            ? MSG.msg("who.depending.any", conditions).text()
                            : MSG.msg("who.depending", conditions, SetText.of(possible.minus(sure), names))
                                    .text());
        }
        if (!a.login().isEmpty()) {
            who.append(MSG.msg("who.login", SetText.of(a.login(), names)).text());
        }
        if (!sure.isAll()) {
            who.append(MSG.msg("who.rest.denied").text());
        }
        List<Msg> hs = new ArrayList<>();
        if (a.dns()) {
            hs.add(MSG.msg("dns.note"));
        }
        AddressSet localSet = facts.localSet();
        AddressSet remote = possible.union(a.login()).minus(localSet);
        if (sure.union(localSet).isAll()) {
            return Outcome.of(Verdict.PASS, MSG.msg("pass.everyone", path))
                    .hints(hs)
                    .build();
        }
        if (remote.isEmpty()) {
            if (t.exposure() == Exposure.LOCAL) {
                return Outcome.of(Verdict.PASS, MSG.msg("pass.local.expected", path, who))
                        .hints(hs)
                        .build();
            }
            return Outcome.of(Verdict.FAIL, MSG.msg("fail.nobody", path, who))
                    .hint(MSG.msg("hint.nobody", where))
                    .hints(hs)
                    .build();
        }
        return Outcome.of(Verdict.WARN, MSG.msg("warn.some", path, who))
                .hint(MSG.msg("hint.some", where))
                .hints(hs)
                .build();
    }
}
