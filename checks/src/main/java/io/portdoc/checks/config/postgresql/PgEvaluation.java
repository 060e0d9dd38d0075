package io.portdoc.checks.config.postgresql;

import io.portdoc.checks.config.ConfigRequest;
import io.portdoc.checks.config.cups.LocalSubnets;
import io.portdoc.core.DbLogin;
import io.portdoc.core.Evidence;
import io.portdoc.core.Exposure;
import io.portdoc.core.Messages;
import io.portdoc.core.Msg;
import io.portdoc.core.Outcome;
import io.portdoc.core.Target;
import io.portdoc.core.Verdict;
import io.portdoc.core.host.SystemView;
import io.portdoc.core.net.AddressSet;
import io.portdoc.core.net.Addresses;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** One evaluation of a PostgreSQL server's configuration; collects evidence as it goes. */
final class PgEvaluation {
    private static final Messages MSG = PostgresJudge.MSG;
    private static final String SOURCE = "config";
    private static final AddressSet LOOPBACK =
            AddressSet.parseCidr("127.0.0.0/8").union(AddressSet.parseCidr("::1/128"));
    private static final int MAX_EVIDENCE_LINES = 20;
    private static final int MAX_BLOCKS = 8;
    /** guc.c parse_bool's spellings of true. */
    private static final Set<String> TRUE = Set.of("on", "true", "yes", "1", "t", "y");

    private final ConfigRequest req;
    private final SystemView sys;
    private final Target t;
    private final DbLogin login;
    private final List<Evidence> evidence = new ArrayList<>();
    private final List<Msg> hints = new ArrayList<>();

    PgEvaluation(ConfigRequest req, DbLogin login) {
        this.req = req;
        this.sys = req.system();
        this.t = req.target();
        this.login = login;
    }

    Outcome run() {
        Optional<PgLocator.Located> found = PgLocator.locate(req);
        if (found.isEmpty()) {
            return Outcome.of(Verdict.UNKNOWN, MSG.msg("unknown.not.found", String.join(", ", PgLocator.DEFAULTS)))
                    .hint(MSG.msg("hint.not.found"))
                    .build();
        }
        PgLocator.Located loc = found.get();
        evidence.add(Evidence.of(SOURCE, source(loc)));
        if (loc.version() > 0) {
            evidence.add(
                    Evidence.of(SOURCE, MSG.msg("ev.version", loc.version()).text()));
        }
        Settings settings = new Settings(Map.of(), List.of(), List.of());
        Path hbaFile = loc.hba();
        if (loc.conf() != null) {
            settings = ServerConfReader.read(sys, loc.conf(), null, loc.overrides());
            Path dataDir = settings.get("data_directory")
                    .map(s -> loc.configDir().resolve(s.value()))
                    .orElse(loc.configDir());
            Path auto = dataDir.resolve("postgresql.auto.conf");
            if (!listable(dataDir)) {
                // ALTER SYSTEM's settings (listen_addresses, port) may be there: no verdict without them
                return Outcome.of(
                                Verdict.UNKNOWN,
                                MSG.msg("unknown.unreadable", auto + " (" + dataDir + ": permission denied)"))
                        .evidence(evidence)
                        .hint(MSG.msg("hint.run.as.root"))
                        .build();
            }
            if (sys.exists(auto)) {
                settings = ServerConfReader.read(sys, loc.conf(), auto, loc.overrides());
            }
            Outcome early = problems(settings.problems());
            if (early != null) {
                return early;
            }
            early = listening(settings, loc);
            if (early != null) {
                return early;
            }
            hbaFile = settings.get("hba_file")
                    .map(s -> dataDir.resolve(s.value()))
                    .orElse(loc.configDir().resolve("pg_hba.conf"));
        }
        boolean ssl = on(settings.value("ssl", "off"));
        settings.get("ssl")
                .ifPresent(s -> evidence.add(Evidence.at(
                        SOURCE, MSG.msg("ev.setting", "ssl", s.value()).text(), s.where())));
        HbaReader.Hba hba = HbaReader.read(sys, hbaFile, loc.version());
        int files = settings.files().size() + hba.files().size();
        evidence.add(Evidence.of(
                SOURCE, MSG.msg("ev.read", files, hba.lines().size()).text()));
        Outcome early = problems(hba.problems());
        if (early != null) {
            return early;
        }
        HbaEnv env = new HbaEnv(
                ssl, loc.version(), sameHost(), LocalSubnets.read(sys).all(), sys);
        if (ssl) {
            hints.add(MSG.msg("hint.ssl"));
        }
        Outcome o = t.client() != null ? forClient(hba, env, hbaFile) : forEveryone(hba, env, hbaFile);
        return Outcome.of(o.verdict(), o.summary())
                .evidence(evidence)
                .evidence(o.evidence())
                .hints(o.hints())
                .hints(hints)
                .build();
    }

    private String source(PgLocator.Located loc) {
        return switch (loc.source()) {
            case DAEMON ->
                MSG.msg("ev.source.daemon", loc.conf(), loc.daemon().pid()).text();
            case CONFIG_OPTION ->
                loc.conf() == null
                        ? MSG.msg("ev.source.hba", loc.hba()).text()
                        : MSG.msg("ev.source.config", loc.conf()).text();
            case PROFILE -> MSG.msg("ev.source.profile", loc.conf()).text();
            case DEFAULT -> MSG.msg("ev.source.default", loc.conf()).text();
        };
    }

    /** False only when the directory exists but may not be read; absent is fine (nothing there to read). */
    private boolean listable(Path dir) {
        try {
            sys.list(dir);
            return true;
        } catch (AccessDeniedException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static boolean on(String v) {
        return TRUE.contains(v.toLowerCase(Locale.ROOT));
    }

    private Outcome problems(List<Problem> problems) {
        for (Problem.Kind kind : Problem.Kind.values()) {
            List<Problem> ps = problems.stream().filter(p -> p.kind() == kind).toList();
            if (ps.isEmpty()) {
                continue;
            }
            Problem p = ps.get(0);
            String where = p.loc() == null ? "" : p.loc().toString();
            for (Problem q : ps) {
                evidence.add(new Evidence(
                        SOURCE, q.detail(), q.loc() == null ? null : q.loc().toString()));
            }
            return switch (kind) {
                case UNREADABLE ->
                    Outcome.of(Verdict.UNKNOWN, MSG.msg("unknown.unreadable", p.detail()))
                            .evidence(evidence)
                            .hint(MSG.msg("hint.run.as.root"))
                            .build();
                case HOSTILE ->
                    Outcome.of(Verdict.UNKNOWN, MSG.msg("unknown.hostile", p))
                            .evidence(evidence)
                            .hint(MSG.msg("hint.hostile", where.isEmpty() ? p.detail() : where, p.detail()))
                            .build();
                case INVALID ->
                    Outcome.of(Verdict.FAIL, MSG.msg("fail.invalid", where, p.detail()))
                            .evidence(evidence)
                            .hint(MSG.msg("hint.invalid", where, p.detail()))
                            .build();
            };
        }
        return null;
    }

    /** {@code port} and {@code listen_addresses} against the target; null when TCP clients can connect. */
    private Outcome listening(Settings s, PgLocator.Located loc) {
        Optional<Settings.Setting> portSetting = s.get("port");
        String port = portSetting.map(Settings.Setting::value).orElse("5432");
        evidence.add(portSetting
                .map(p ->
                        Evidence.at(SOURCE, MSG.msg("ev.setting", "port", port).text(), p.where()))
                .orElseGet(() -> Evidence.of(
                        SOURCE, MSG.msg("ev.setting.default", "port", port).text())));
        if (!port.strip().equals(Integer.toString(t.port()))) {
            String where =
                    portSetting.map(Settings.Setting::where).orElse(loc.conf().toString());
            return Outcome.of(Verdict.FAIL, MSG.msg("fail.other.port", port, where, t.port()))
                    .evidence(evidence)
                    .hint(MSG.msg("hint.other.port", t.port(), where, port))
                    .build();
        }
        Optional<Settings.Setting> la = s.get("listen_addresses");
        String value = la.map(Settings.Setting::value).orElse("localhost");
        String where = la.map(Settings.Setting::where).orElse(loc.conf().toString());
        evidence.add(la.map(p -> Evidence.at(
                        SOURCE, MSG.msg("ev.setting", "listen_addresses", value).text(), where))
                .orElseGet(() -> Evidence.of(
                        SOURCE,
                        MSG.msg("ev.setting.default", "listen_addresses", value).text())));
        List<String> addrs = Arrays.stream(value.split(","))
                .map(String::strip)
                .filter(a -> !a.isEmpty())
                .toList();
        if (addrs.isEmpty()) {
            return Outcome.of(Verdict.FAIL, MSG.msg("fail.unix.only", where))
                    .evidence(evidence)
                    .hint(MSG.msg("hint.listen", where))
                    .build();
        }
        boolean loopbackOnly = addrs.stream().allMatch(PgEvaluation::loopback);
        boolean clientLocal = t.client() != null && isLocal(t.client());
        if (loopbackOnly && !clientLocal && t.exposure() != Exposure.LOCAL) {
            return Outcome.of(Verdict.FAIL, MSG.msg("fail.local.only", value, where))
                    .evidence(evidence)
                    .hint(MSG.msg("hint.listen", where))
                    .build();
        }
        return null;
    }

    private static boolean loopback(String a) {
        if (a.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            return LOOPBACK.contains(Addresses.literal(a));
        } catch (IllegalArgumentException e) {
            return false; // a host name: resolved by the server, may be any address
        }
    }

    private AddressSet sameHost() {
        return AddressSet.unionAll(
                sys.localAddresses().stream().map(AddressSet::of).toList());
    }

    private boolean isLocal(InetAddress a) {
        return LOOPBACK.contains(a) || sameHost().contains(a);
    }

    // ---- a client -------------------------------------------------------------------------

    private Outcome forClient(HbaReader.Hba hba, HbaEnv env, Path hbaFile) {
        InetAddress c = t.client();
        String client = Addresses.text(c);
        HbaEvaluator.ClientDecision d = new HbaEvaluator(env).forClient(hba.lines(), c, login);
        List<Evidence> ev = new ArrayList<>();
        for (HbaLine l : d.partial()) {
            ev.add(Evidence.at(
                    SOURCE,
                    l.text() + "  [" + MSG.msg("ev.partial", client).text() + "]",
                    l.loc().toString()));
        }
        HbaLine dec = d.decisive();
        if (dec != null) {
            ev.add(Evidence.at(
                    SOURCE,
                    dec.text() + "  [" + MSG.msg("ev.decides", client).text() + "]",
                    dec.loc().toString()));
        }
        List<Msg> hs = new ArrayList<>();
        if (d.dns()) {
            hs.add(MSG.msg("dns.note"));
        }
        String who = loginText();
        String addr = client + (c instanceof Inet4Address ? "/32" : "/128");
        String newLine = NewLine.of(
                hba.lines(),
                login.database() == null ? "all" : login.database(),
                login.user() == null ? "all" : login.user(),
                addr);
        List<HbaLine> lets = d.partial().stream().filter(l -> !l.rejects()).toList();
        List<HbaLine> rejects = d.partial().stream().filter(HbaLine::rejects).toList();
        boolean decisiveLets = dec != null && !dec.rejects();
        if (d.partial().isEmpty()) {
            if (dec == null) {
                return Outcome.of(Verdict.FAIL, MSG.msg("fail.no.entry", client, who))
                        .evidence(ev)
                        .hint(MSG.msg(
                                "hint.add.line",
                                newLine,
                                hbaFile,
                                MSG.msg("hint.end").text()))
                        .hints(hs)
                        .build();
            }
            if (dec.rejects()) {
                return Outcome.of(Verdict.FAIL, MSG.msg("fail.reject", client, who, dec.loc(), dec.text()))
                        .evidence(ev)
                        .hint(MSG.msg(
                                "hint.add.line",
                                newLine,
                                dec.loc().file(),
                                MSG.msg("hint.before", dec.loc().line()).text()))
                        .hints(hs)
                        .build();
            }
            return Outcome.of(Verdict.PASS, MSG.msg("pass.client", client, who, dec.loc(), dec.text()))
                    .evidence(ev)
                    .hints(hs)
                    .build();
        }
        String parts = d.partial().stream().map(this::part).collect(Collectors.joining("; "));
        if (lets.isEmpty() && !decisiveLets) {
            HbaLine first = d.partial().get(0);
            return Outcome.of(
                            Verdict.FAIL,
                            MSG.msg(
                                    "fail.client.lines",
                                    client,
                                    parts
                                            + (dec == null
                                                    ? ""
                                                    : "; "
                                                            + MSG.msg("rest.reject", dec.loc())
                                                                    .text())))
                    .evidence(ev)
                    .hint(MSG.msg(
                            "hint.add.line",
                            newLine,
                            first.loc().file(),
                            MSG.msg("hint.before", first.loc().line()).text()))
                    .hints(hs)
                    .build();
        }
        if (decisiveLets && rejects.isEmpty()) {
            return Outcome.of(
                            Verdict.PASS,
                            MSG.msg(
                                    "pass.client.lines",
                                    client,
                                    parts + "; "
                                            + MSG.msg("rest.let", dec.loc()).text()))
                    .evidence(ev)
                    .hints(hs)
                    .build();
        }
        String letParts = lets.stream().map(this::part).collect(Collectors.joining("; "));
        String rest = dec == null
                ? MSG.msg("rest.no.entry").text()
                : dec.rejects()
                        ? MSG.msg("rest.reject", dec.loc()).text()
                        : MSG.msg("rest.let", dec.loc()).text();
        if (lets.isEmpty()) {
            letParts =
                    MSG.msg("part", "all", "all", "", dec.loc(), dec.method()).text();
            rest = rejects.stream().map(this::part).collect(Collectors.joining("; "));
        }
        List<Msg> more = new ArrayList<>();
        if (login.any()) {
            more.add(MSG.msg("hint.some"));
        }
        return Outcome.of(Verdict.WARN, MSG.msg("warn.some.logins", client, letParts, rest))
                .evidence(ev)
                .hints(more)
                .hints(hs)
                .build();
    }

    private String loginText() {
        if (login.user() != null) {
            return MSG.msg("login.for", login.database(), login.user()).text();
        }
        return login.database() != null ? MSG.msg("login.db", login.database()).text() : "";
    }

    /** "for database app as user app (pg_hba.conf:98: md5)". */
    private String part(HbaLine l) {
        String how = switch (l.type()) {
            case HOSTSSL -> MSG.msg("part.ssl").text();
            case HOSTNOSSL -> MSG.msg("part.nossl").text();
            default -> "";
        };
        return MSG.msg("part", l.databaseText(), l.userText(), how, shortLoc(l.loc()), l.method())
                .text();
    }

    private static String shortLoc(Loc loc) {
        Path f = Path.of(loc.file()).getFileName();
        return (f == null ? loc.file() : f.toString()) + ":" + loc.line();
    }

    // ---- who gets in ---------------------------------------------------------------------

    private Outcome forEveryone(HbaReader.Hba hba, HbaEnv env, Path hbaFile) {
        WhoGetsIn.Result r = WhoGetsIn.of(hba.lines(), env, login);
        List<Evidence> ev = new ArrayList<>();
        for (HbaLine l : r.deciding()
                .subList(0, Math.min(MAX_EVIDENCE_LINES, r.deciding().size()))) {
            ev.add(Evidence.at(SOURCE, l.text(), l.loc().toString()));
        }
        StringBuilder who = new StringBuilder(
                r.every().isEmpty()
                        ? MSG.msg("who.none").text()
                        : MSG.msg("who.every", text(r.every())).text());
        if (!r.some().isEmpty()) {
            who.append(MSG.msg("who.some", text(r.some())).text());
        }
        if (!r.byName().isEmpty()) {
            who.append(MSG.msg(
                            "who.names",
                            r.byName().stream()
                                    .map(l -> l.address().text() + " (" + l.loc() + ")")
                                    .collect(Collectors.joining(", ")))
                    .text());
        }
        if (!r.every().isAll()) {
            who.append(MSG.msg("who.rest").text());
        }
        List<Msg> hs = new ArrayList<>();
        if (!r.byName().isEmpty()) {
            hs.add(MSG.msg("dns.note"));
        }
        AddressSet local = LOOPBACK.union(env.sameHost());
        AddressSet remote = r.every().union(r.some()).minus(local);
        String example = NewLine.of(hba.lines(), "all", "all", exampleNet(env));
        if (r.every().union(local).isAll()) {
            return Outcome.of(Verdict.PASS, MSG.msg("pass.everyone"))
                    .evidence(ev)
                    .hints(hs)
                    .build();
        }
        if (remote.isEmpty() && r.byName().isEmpty()) {
            if (t.exposure() == Exposure.LOCAL) {
                return Outcome.of(Verdict.PASS, MSG.msg("pass.local.expected", who))
                        .evidence(ev)
                        .hints(hs)
                        .build();
            }
            return Outcome.of(Verdict.FAIL, MSG.msg("fail.nobody", who))
                    .evidence(ev)
                    .hint(MSG.msg("hint.nobody", example, hbaFile))
                    .hints(hs)
                    .build();
        }
        if (!r.some().isEmpty() && login.any()) {
            hs.add(MSG.msg("hint.some"));
        }
        return Outcome.of(Verdict.WARN, MSG.msg("warn.some", who))
                .evidence(ev)
                .hint(MSG.msg("hint.more", example, hbaFile))
                .hints(hs)
                .build();
    }

    /** A subnet of this host that is not loopback, as the example in a hint; else a private /24. */
    private static String exampleNet(HbaEnv env) {
        return env.sameNet().minus(LOOPBACK).ipv4().toCidrs(1).stream()
                .findFirst()
                .orElse("192.168.1.0/24");
    }

    private static String text(AddressSet s) {
        if (s.isAll()) {
            return MSG.msg("who.everyone").text();
        }
        List<String> blocks = s.toCidrs(MAX_BLOCKS + 1);
        if (blocks.size() <= MAX_BLOCKS) {
            return String.join(", ", blocks);
        }
        int more = s.cidrCount() - MAX_BLOCKS + 1;
        List<String> shown = new ArrayList<>(blocks.subList(0, MAX_BLOCKS - 1));
        shown.add(MSG.msg("who.more", blocks.get(MAX_BLOCKS - 1), more).text());
        return String.join(", ", shown);
    }
}
