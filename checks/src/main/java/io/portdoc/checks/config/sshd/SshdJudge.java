package io.portdoc.checks.config.sshd;

import io.portdoc.checks.config.ConfigJudge;
import io.portdoc.checks.config.ConfigRequest;
import io.portdoc.checks.config.SetText;
import io.portdoc.checks.config.wrappers.WrapReport;
import io.portdoc.checks.config.wrappers.Wrappers;
import io.portdoc.core.Evidence;
import io.portdoc.core.Exposure;
import io.portdoc.core.Messages;
import io.portdoc.core.Msg;
import io.portdoc.core.Outcome;
import io.portdoc.core.Target;
import io.portdoc.core.Verdict;
import io.portdoc.core.host.CommandResult;
import io.portdoc.core.net.AddressSet;
import io.portdoc.core.net.Addresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Step 2 for OpenSSH: does sshd let this client log in? Asks sshd itself ({@code sshd -T -C})
 * where it can run, else reads sshd_config and its Includes; checks Port / ListenAddress /
 * AddressFamily against the target, then AllowUsers / DenyUsers / AllowGroups / DenyGroups after
 * Match. "The address is refused" (no user gets in from there) is a FAIL; "some users are
 * refused" is a WARN naming the rule, since an address alone does not decide a login.
 */
public final class SshdJudge implements ConfigJudge {
    static final Messages MSG = Messages.of(SshdJudge.class);
    private static final String SOURCE = "config";
    private static final AddressSet LOOPBACK =
            AddressSet.parseCidr("127.0.0.0/8").union(AddressSet.parseCidr("::1/128"));
    /** Above this many sshd -T runs, who-gets-in is worked out from the files instead. */
    static final int MAX_T_RUNS = 48;

    @Override
    public String format() {
        return "sshd";
    }

    @Override
    public Set<String> programs() {
        return Set.of("sshd", "ssh", "openssh-server");
    }

    @Override
    public Outcome judge(ConfigRequest request) {
        try {
            return new Run(request).outcome();
        } catch (RuntimeException e) {
            return Outcome.of(
                            Verdict.UNKNOWN,
                            MSG.msg("unknown.unreadable", "sshd_config", String.valueOf(e.getMessage())))
                    .build();
        }
    }

    /** One judgement: collects evidence while it goes. */
    private static final class Run {
        final ConfigRequest req;
        final Target t;
        final SshdSource src;
        final List<Evidence> evidence = new ArrayList<>();
        final List<Msg> hints = new ArrayList<>();
        SshdModel model;
        Evaluator evaluator;
        boolean bySshd;

        Run(ConfigRequest req) {
            this.req = req;
            this.t = req.target();
            this.src = SshdSource.locate(req.system(), t, req.daemon());
        }

        Outcome outcome() {
            evidence.add(Evidence.of(SOURCE, sourceText()));
            SshdConfig cfg = SshdParser.parse(req.system(), src.file());
            evidence.add(Evidence.of(
                    SOURCE,
                    MSG.msg("ev.read", cfg.files().size(), cfg.lines().size()).text()));
            List<Problem> unreadable = cfg.problems().stream()
                    .filter(p -> p.kind() == Problem.Kind.UNREADABLE)
                    .toList();
            if (!unreadable.isEmpty()) {
                Problem p = unreadable.get(0);
                Outcome.Builder b = Outcome.of(Verdict.UNKNOWN, MSG.msg("unknown.unreadable", p.loc(), p.reason()))
                        .evidence(evidence);
                b.evidence(Evidence.at(SOURCE, p.reason(), p.loc()));
                return b.hint(MSG.msg("hint.run.as.root")).build();
            }
            model = new SshdModel(cfg);
            InetAddress laddr = hostLiteral();
            Conn first = new Conn(
                    t.client(), "root", t.client() == null ? null : AddressJudge.hostText(t.client()), laddr, t.port());
            SshdT sshdT = new SshdT(req.system(), src.binary(), src.file().toString(), cfg);
            Settings settings = req.system().exists(Path.of(src.binary())) ? sshdT.tryRun(first) : null;
            if (settings != null) {
                bySshd = true;
                evaluator = sshdT;
                evidence.add(Evidence.of(
                        SOURCE,
                        MSG.msg("ev.sshd.t", String.join(" ", sshdT.argv(first)))
                                .text()));
            } else {
                CommandResult r = sshdT.last();
                if (r != null) {
                    List<Problem> refused = SshdT.refused(r);
                    if (!refused.isEmpty()) {
                        return refused(refused);
                    }
                }
                String why = r == null ? src.binary() + " is not installed" : SshdT.failure(r);
                evidence.add(
                        Evidence.of(SOURCE, MSG.msg("ev.sshd.t.failed", why).text()));
                List<Problem> invalid = cfg.problems();
                if (!invalid.isEmpty()) {
                    Problem p = invalid.get(0);
                    return Outcome.of(Verdict.UNKNOWN, MSG.msg("unknown.invalid", p.loc(), p.reason()))
                            .evidence(evidence)
                            .evidence(Evidence.at(SOURCE, p.reason(), p.loc()))
                            .hint(MSG.msg("hint.check.t", src.file()))
                            .build();
                }
                evaluator = model::settings;
                settings = model.settings(first);
            }
            Outcome early = listening(settings);
            if (early != null) {
                return early;
            }
            AddressJudge judge = new AddressJudge(evaluator, model, !bySshd);
            if (settings.useDns()) {
                hints.add(MSG.msg("dns.note"));
            }
            Outcome own = t.client() == null ? everyone(judge, laddr) : client(judge, laddr);
            return withWrappers(own, laddr);
        }

        /**
         * Debian's sshd is linked with libwrap: hosts.allow / hosts.deny are asked first (a refused
         * client sees the connection closed before any login). The worse of the two answers counts.
         */
        private Outcome withWrappers(Outcome own, InetAddress laddr) {
            Optional<Boolean> linked =
                    src.daemon() == null ? Optional.empty() : Wrappers.linked(req.system(), src.daemon());
            boolean uses = linked.orElseGet(() -> Wrappers.needs(req.system(), Path.of(src.binary())));
            if (!uses) {
                return own;
            }
            List<Evidence> ev = List.of(
                    Evidence.of(SOURCE, MSG.msg("ev.wrappers", src.binary()).text()));
            Wrappers w = Wrappers.read(req.system());
            Outcome wrap = t.client() == null
                    ? WrapReport.everyone(w, "sshd", laddr, t.exposure(), ev)
                    : WrapReport.client(w, "sshd", t.client(), laddr, ev);
            Outcome worse = rank(wrap.verdict()) > rank(own.verdict()) ? wrap : own;
            return Outcome.of(worse.verdict(), worse.summary())
                    .evidence(own.evidence())
                    .evidence(wrap.evidence())
                    .hints(worse.hints())
                    .build();
        }

        private static int rank(Verdict v) {
            return switch (v) {
                case PASS, SKIP -> 0;
                case WARN -> 1;
                case UNKNOWN -> 2;
                case FAIL -> 3;
            };
        }

        private Outcome refused(List<Problem> refused) {
            Problem p = refused.get(0);
            String where = p.loc() == null ? src.file().toString() : p.loc();
            Outcome.Builder b = Outcome.of(Verdict.FAIL, MSG.msg("fail.refused", where, p.reason()))
                    .evidence(evidence);
            for (Problem q : refused) {
                b.evidence(Evidence.at(SOURCE, q.reason(), q.loc()));
            }
            return b.hint(MSG.msg("hint.refused", where, p.reason(), src.file()))
                    .build();
        }

        private String sourceText() {
            return switch (src.kind()) {
                case DAEMON_ARG ->
                    MSG.msg("ev.source.daemon.arg", src.file(), src.daemon().pid())
                            .text();
                case DAEMON_DEFAULT ->
                    MSG.msg("ev.source.daemon.default", src.file(), src.daemon().pid())
                            .text();
                case CONFIG_OPTION -> MSG.msg("ev.source.config", src.file()).text();
                case PROFILE -> MSG.msg("ev.source.profile", src.file()).text();
                case DEFAULT -> MSG.msg("ev.source.default", src.file()).text();
            };
        }

        private InetAddress hostLiteral() {
            if (t.host() == null) {
                return null;
            }
            try {
                return Addresses.literal(t.host());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        /** Port, ListenAddress and AddressFamily against the target; null when they let the client reach sshd. */
        private Outcome listening(Settings s) {
            List<Settings.Listen> onPort =
                    s.listens().stream().filter(l -> l.port() == t.port()).toList();
            for (Settings.Listen l : s.listens()) {
                evidence.add(
                        new Evidence(SOURCE, MSG.msg("ev.listen", l.shown()).text(), l.loc()));
            }
            String portsLoc = model.config().global("port").stream()
                    .findFirst()
                    .map(Line::loc)
                    .orElse(src.file().toString());
            if (onPort.isEmpty()) {
                String shown = String.join(
                        ", ",
                        s.listens().stream()
                                .map(Settings.Listen::shown)
                                .distinct()
                                .toList());
                return Outcome.of(Verdict.FAIL, MSG.msg("fail.other.port", shown, t.port()))
                        .evidence(evidence)
                        .hint(MSG.msg(
                                "hint.other.port",
                                t.port(),
                                portsLoc,
                                s.ports().isEmpty() ? 22 : s.ports().get(0)))
                        .build();
            }
            boolean clientLocal = t.client() != null && LOOPBACK.contains(t.client());
            boolean allLoopback = onPort.stream().allMatch(l -> isLoopback(l.host()));
            if (allLoopback && !clientLocal && t.exposure() != Exposure.LOCAL) {
                Settings.Listen l = onPort.get(0);
                String where = l.loc() == null ? src.file().toString() : l.loc();
                return Outcome.of(Verdict.FAIL, MSG.msg("fail.local.only", l.shown(), where))
                        .evidence(evidence)
                        .hint(MSG.msg("hint.local.only", where))
                        .build();
            }
            if (t.client() != null && !s.family().equals("any")) {
                boolean v4 = Addresses.unmap(t.client()) instanceof Inet4Address;
                boolean ok = s.family().equals("inet") == v4;
                if (!ok) {
                    String where = model.config().global("addressfamily").stream()
                            .findFirst()
                            .map(Line::loc)
                            .orElse(src.file().toString());
                    return Outcome.of(Verdict.FAIL, MSG.msg("fail.family", s.family(), where, v4 ? "IPv4" : "IPv6"))
                            .evidence(evidence)
                            .hint(MSG.msg("hint.family", where, v4 ? "IPv6" : "IPv4"))
                            .build();
                }
            }
            return null;
        }

        private static boolean isLoopback(String host) {
            if (host == null) {
                return false;
            }
            if (host.equals("localhost")) {
                return true;
            }
            try {
                return LOOPBACK.contains(Addresses.literal(host));
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        private Outcome client(AddressJudge judge, InetAddress laddr) {
            InetAddress c = t.client();
            String client = Addresses.text(c);
            AddressJudge.Judgement j = judge.judge(c, client, laddr, t.port());
            explain(j);
            UserGate.Decision d = j.deciding();
            return switch (j.kind()) {
                case OPEN ->
                    Outcome.of(Verdict.PASS, MSG.msg("pass.client", client))
                            .evidence(evidence)
                            .hints(hints)
                            .build();
                case REFUSED ->
                    Outcome.of(
                                    Verdict.FAIL,
                                    MSG.msg(
                                            "fail.client",
                                            client,
                                            at(d.rule()),
                                            d.rule().text()))
                            .evidence(evidence)
                            .hint(MSG.msg("hint.address.refused", d.rule().text(), at(d.rule()), client))
                            .hints(hints)
                            .build();
                case SOME ->
                    Outcome.of(Verdict.WARN, MSG.msg("warn.client.some", client, refusedUsers(j), at(d.rule())))
                            .evidence(evidence)
                            .hint(MSG.msg("hint.some.users", client, d.rule().text(), at(d.rule())))
                            .hints(hints)
                            .build();
            };
        }

        private Outcome everyone(AddressJudge judge, InetAddress laddr) {
            WhoGetsIn.Result w;
            int regions = 2 * WhoGetsIn.atoms(model, false, new HashSet<>()).size() + 2;
            int users = Math.min(AddressJudge.MAX_USERS, 2 + model.namedUsers().size());
            if (bySshd && regions * users > MAX_T_RUNS) {
                evidence.add(Evidence.of(
                        SOURCE, MSG.msg("ev.who.by.model", regions, users).text()));
                w = WhoGetsIn.of(model, new AddressJudge(model::settings, model, true), false, laddr, t.port());
            } else {
                w = WhoGetsIn.of(model, judge, false, laddr, t.port());
            }
            for (String p : w.notEvaluated()) {
                evidence.add(Evidence.of(
                        SOURCE, MSG.msg("ev.pattern.not.evaluated", p).text()));
            }
            AddressSet allowed = w.refused().complement();
            AddressSet open = allowed.minus(w.someUsers());
            StringBuilder who = new StringBuilder();
            if (!open.isEmpty()) {
                who.append(MSG.msg("who.allowed", describe(open)).text());
            }
            if (!w.someUsers().isEmpty()) {
                who.append(who.length() == 0 ? "" : "; ")
                        .append(MSG.msg("who.some.users", describe(w.someUsers()))
                                .text());
            }
            if (allowed.isEmpty()) {
                who.append(MSG.msg("who.none").text());
            } else if (!allowed.isAll()) {
                who.append(MSG.msg("who.rest.denied").text());
            }
            if (w.sampleRefused() != null) {
                explain(w.sampleRefused());
            }
            if (w.sampleSome() != null) {
                explain(w.sampleSome());
            }
            if (allowed.isAll()) {
                if (w.someUsers().isEmpty()) {
                    return Outcome.of(Verdict.PASS, MSG.msg("pass.everyone"))
                            .evidence(evidence)
                            .hints(hints)
                            .build();
                }
                UserGate.Decision d = w.sampleSome().deciding();
                return Outcome.of(Verdict.WARN, MSG.msg("warn.users.only", refusedUsers(w.sampleSome()), at(d.rule())))
                        .evidence(evidence)
                        .hint(MSG.msg(
                                "hint.some.users", "every address", d.rule().text(), at(d.rule())))
                        .hints(hints)
                        .build();
            }
            UserGate.Decision d = w.sampleRefused().deciding();
            if (allowed.minus(LOOPBACK).isEmpty()) {
                if (t.exposure() == Exposure.LOCAL) {
                    return Outcome.of(Verdict.PASS, MSG.msg("pass.local.expected", who))
                            .evidence(evidence)
                            .hints(hints)
                            .build();
                }
                return Outcome.of(Verdict.FAIL, MSG.msg("fail.nobody", who))
                        .evidence(evidence)
                        .hint(MSG.msg("hint.address.refused", d.rule().text(), at(d.rule()), "clients"))
                        .hints(hints)
                        .build();
            }
            return Outcome.of(Verdict.WARN, MSG.msg("warn.some", who))
                    .evidence(evidence)
                    .hint(MSG.msg("hint.some.users", "other addresses", d.rule().text(), at(d.rule())))
                    .hints(hints)
                    .build();
        }

        /** A set as the config names it, or as "everyone except ..." when what is left out is shorter. */
        private static String describe(AddressSet set) {
            if (set.isAll()) {
                return MSG.msg("who.everyone").text();
            }
            AddressSet rest = set.complement();
            if (rest.cidrCount() <= 4 && set.cidrCount() > rest.cidrCount()) {
                return MSG.msg("who.except", String.join(", ", rest.toCidrs())).text();
            }
            return SetText.of(set, Map.of("localhost", LOOPBACK));
        }

        /** Evidence: per user tried, the rule that refused it (or the groups it depends on). */
        private void explain(AddressJudge.Judgement j) {
            evidence.add(Evidence.of(
                    SOURCE,
                    MSG.msg(
                                    "ev.users",
                                    String.join(
                                            ", ",
                                            j.decisions().stream()
                                                    .map(d -> userName(d.user()))
                                                    .toList()))
                            .text()));
            for (String n : j.settings().notEvaluated()) {
                evidence.add(Evidence.of(SOURCE, MSG.msg("ev.not.evaluated", n).text()));
            }
            for (UserGate.Decision d : j.decisions()) {
                if (d.result() == UserGate.Result.ALLOWED) {
                    continue;
                }
                String text = d.result() == UserGate.Result.GROUPS
                        ? MSG.msg("ev.groups", userName(d.user()), d.rule().shown())
                                .text()
                        : d.notListed()
                                ? MSG.msg(
                                                "ev.not.listed",
                                                userName(d.user()),
                                                d.rule().text())
                                        .text()
                                : MSG.msg(
                                                "ev.rule",
                                                userName(d.user()),
                                                d.rule().shown())
                                        .text();
                evidence.add(new Evidence(SOURCE, text, d.rule().loc()));
            }
        }

        private static String refusedUsers(AddressJudge.Judgement j) {
            return String.join(
                    ", ",
                    j.decisions().stream()
                            .filter(d -> d.result() != UserGate.Result.ALLOWED)
                            .map(d -> userName(d.user()) + " (" + d.rule().shown() + ")")
                            .toList());
        }

        private String at(Rule r) {
            return r.loc() == null ? src.file().toString() : r.loc();
        }

        static String userName(String u) {
            return u.equals(AddressJudge.OTHER) ? MSG.msg("user.other").text() : u;
        }
    }
}
