package io.portdoc.checks.config.redis;

import io.portdoc.checks.config.ConfigRequest;
import io.portdoc.core.Evidence;
import io.portdoc.core.Exposure;
import io.portdoc.core.Messages;
import io.portdoc.core.Msg;
import io.portdoc.core.Outcome;
import io.portdoc.core.Target;
import io.portdoc.core.Verdict;
import io.portdoc.core.host.CommandResult;
import io.portdoc.core.host.ProcessInfo;
import io.portdoc.core.net.Addresses;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules in the order a connection meets them: a TCP port ({@code port}, {@code tls-port}),
 * a bound address ({@code bind}), then protected mode ({@code protected-mode} with a default user
 * without password). For {@code --client} a PASS/FAIL naming the deciding lines; without it who
 * gets in.
 */
final class RedisVerdict {
    private static final Messages MSG = RedisJudge.MSG;
    private static final String SOURCE = "config";
    private static final Pattern VERSION = Pattern.compile("\\bv=(\\d+)\\.");

    private final ConfigRequest req;
    private final Target t;
    private final List<Evidence> evidence = new ArrayList<>();

    private RedisVerdict(ConfigRequest req) {
        this.req = req;
        this.t = req.target();
    }

    static Outcome of(ConfigRequest req) {
        return new RedisVerdict(req).decide();
    }

    private Outcome decide() {
        Optional<RedisLocator.Located> located = RedisLocator.locate(req);
        if (located.isEmpty()) {
            String tried = String.join(", ", RedisLocator.DEFAULT_FILES);
            return Outcome.of(Verdict.UNKNOWN, MSG.msg("unknown.not.found", tried))
                    .hint(MSG.msg("hint.not.found"))
                    .build();
        }
        RedisLocator.Located loc = located.get();
        evidence.add(Evidence.of(SOURCE, source(loc)));
        String optionsFrom =
                loc.daemon() == null ? "command line" : "/proc/" + loc.daemon().pid() + "/cmdline";
        RedisConfig config = RedisConfigReader.read(req.system(), loc.file(), loc.options(), optionsFrom);
        evidence.add(Evidence.of(
                SOURCE,
                MSG.msg("ev.read", config.files().size(), config.lines().size()).text()));
        if (config.problem() != null) {
            return unknown(config.problem(), config.denied());
        }
        Outcome early = port(config);
        if (early != null) {
            return early;
        }
        Bind bind = Bind.of(config);
        evidence.add(Evidence.at(SOURCE, bind.text(), bind.line() == null ? null : bind.where()));
        early = bind(bind);
        if (early != null) {
            return early;
        }
        return protectedMode(config, bind);
    }

    private String source(RedisLocator.Located loc) {
        ProcessInfo d = loc.daemon();
        return switch (loc.source()) {
            case DAEMON_ARG -> MSG.msg("ev.source.daemon", loc.file(), d.pid()).text();
            case CONFIG_OPTION ->
                MSG.msg(
                                loc.retitled() ? "ev.source.config.retitled" : "ev.source.config",
                                loc.file(),
                                d == null ? "" : d.commandLine())
                        .text();
            case PROFILE ->
                MSG.msg(
                                loc.retitled() ? "ev.source.profile.retitled" : "ev.source.profile",
                                loc.file(),
                                d == null ? "" : d.commandLine())
                        .text();
        };
    }

    private Outcome unknown(String problem, boolean denied) {
        Outcome.Builder b = Outcome.of(Verdict.UNKNOWN, MSG.msg("unknown.unreadable", problem))
                .evidence(evidence);
        return (denied ? b.hint(MSG.msg("hint.run.as.root")) : b.hint(MSG.msg("hint.fix.file"))).build();
    }

    /** {@code port 0} turns TCP off; otherwise the target port must be {@code port} or {@code tls-port}. */
    private Outcome port(RedisConfig config) {
        Optional<RedisLine> port = config.last("port");
        Optional<RedisLine> tls = config.last("tls-port");
        int p = port.map(l -> number(l.arg(0))).orElse(6379);
        int tp = tls.map(l -> number(l.arg(0))).orElse(0);
        port.ifPresent(l -> evidence.add(Evidence.at(SOURCE, l.text(), l.where().toString())));
        tls.ifPresent(l -> evidence.add(Evidence.at(SOURCE, l.text(), l.where().toString())));
        if (port.isEmpty()) {
            evidence.add(Evidence.of(SOURCE, MSG.msg("ev.port.default").text()));
        }
        if (t.port() == p || (tp != 0 && t.port() == tp)) {
            return null;
        }
        String where = port.map(l -> l.where().toString())
                .orElse(MSG.msg("ev.port.default").text());
        if (p == 0 && tp == 0) {
            return Outcome.of(Verdict.FAIL, MSG.msg("fail.no.tcp", where))
                    .evidence(evidence)
                    .hint(MSG.msg("hint.no.tcp", t.port(), where))
                    .build();
        }
        String ports = p == 0 ? String.valueOf(tp) : tp == 0 ? String.valueOf(p) : p + ", " + tp;
        return Outcome.of(Verdict.FAIL, MSG.msg("fail.other.port", ports, where, t.port()))
                .evidence(evidence)
                .hint(MSG.msg("hint.other.port", t.port(), where, ports))
                .build();
    }

    private static int number(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Outcome bind(Bind bind) {
        InetAddress client = t.client();
        if (bind.loopbackOnly() && (client == null || !Bind.loopback(Addresses.text(client)))) {
            if (client == null && t.exposure() == Exposure.LOCAL) {
                return Outcome.of(Verdict.PASS, MSG.msg("pass.local.expected", bind.where() + ": " + bind.text()))
                        .evidence(evidence)
                        .build();
            }
            Msg summary = client == null
                    ? MSG.msg(
                            "fail.nobody",
                            MSG.msg("why.bind", bind.where(), bind.text()).text())
                    : MSG.msg("fail.client", Addresses.text(client), bind.where(), bind.text());
            return Outcome.of(Verdict.FAIL, summary)
                    .evidence(evidence)
                    .hint(MSG.msg("hint.bind.loopback", bind.where()))
                    .build();
        }
        InetAddress host = t.host() == null ? null : Bind.ip(t.host());
        if (host != null && !bind.serves(host)) {
            return Outcome.of(Verdict.FAIL, MSG.msg("fail.bind.host", t.host(), bind.where(), bind.text()))
                    .evidence(evidence)
                    .hint(MSG.msg("hint.bind.host", t.host(), bind.where()))
                    .build();
        }
        return null;
    }

    private Outcome protectedMode(RedisConfig config, Bind bind) {
        Optional<RedisLine> pm = config.last("protected-mode");
        boolean on = pm.map(l -> !l.arg(0).equalsIgnoreCase("no")).orElse(true);
        String pmWhere = pm.map(l -> l.where().toString())
                .orElse(MSG.msg("ev.protected.default").text());
        String pmText = pm.map(RedisLine::text).orElse("protected-mode yes");
        evidence.add(
                Evidence.at(SOURCE, pmText, pm.map(l -> l.where().toString()).orElse(null)));
        InetAddress client = t.client();
        boolean clientLocal = client != null && Bind.loopback(Addresses.text(client));
        if (!on) {
            return open(MSG.msg("why.protected.off", pmWhere).text(), bind);
        }
        DefaultUser.Auth auth = DefaultUser.of(config, req.system());
        if ((!auth.known() || auth.nopass()) && !clientLocal && bind.line() != null && major().orElse(7) < 7) {
            // before 7.0 protected mode applied only when no bind line was given; asked only when it decides
            evidence.add(Evidence.of(SOURCE, MSG.msg("ev.protected.old").text()));
            return open(MSG.msg("why.protected.old", bind.where()).text(), bind);
        }
        if (!auth.known()) {
            if (clientLocal) {
                return pass(MSG.msg("why.loopback").text());
            }
            return unknown(auth.problem(), auth.denied());
        }
        String authWhere = auth.where() == null
                ? MSG.msg("ev.auth.default").text()
                : auth.where().toString();
        String authText = auth.where() == null ? MSG.msg("ev.auth.none").text() : auth.text();
        evidence.add(Evidence.at(
                SOURCE, authText, auth.where() == null ? null : auth.where().toString()));
        if (!auth.nopass()) {
            return open(MSG.msg("why.password", authWhere).text(), bind);
        }
        if (clientLocal) {
            return pass(MSG.msg("why.loopback").text());
        }
        String both =
                MSG.msg("why.protected", pmWhere, pmText, authWhere, authText).text();
        List<Msg> hints = List.of(
                MSG.msg("hint.protected.password", authWhere), MSG.msg("hint.protected.off", pmWhere, t.port()));
        if (client == null) {
            if (t.exposure() == Exposure.LOCAL) {
                return Outcome.of(Verdict.PASS, MSG.msg("pass.local.expected", both))
                        .evidence(evidence)
                        .build();
            }
            return Outcome.of(Verdict.FAIL, MSG.msg("fail.nobody", both))
                    .evidence(evidence)
                    .hints(hints)
                    .build();
        }
        return Outcome.of(Verdict.FAIL, MSG.msg("fail.protected", Addresses.text(client), both))
                .evidence(evidence)
                .hints(hints)
                .build();
    }

    /** Neither bind nor protected mode keeps clients out; {@code why} says what let them in. */
    private Outcome open(String why, Bind bind) {
        if (t.client() != null) {
            return pass(why);
        }
        String where = bind.addresses().stream().allMatch(Bind::wildcard)
                ? MSG.msg("who.any.address").text()
                : MSG.msg(
                                "who.addresses",
                                String.join(
                                        " ",
                                        bind.addresses().stream()
                                                .map(Bind::bare)
                                                .toList()))
                        .text();
        return Outcome.of(Verdict.PASS, MSG.msg("pass.everyone", t.port(), why, where))
                .evidence(evidence)
                .build();
    }

    private Outcome pass(String why) {
        return Outcome.of(Verdict.PASS, MSG.msg("pass.client", Addresses.text(t.client()), t.port(), why))
                .evidence(evidence)
                .build();
    }

    /** The server's major version from {@code redis-server --version} (the daemon's own binary). */
    private OptionalInt major() {
        String exe = req.daemon().map(ProcessInfo::executable).orElse(null);
        if (exe == null || !exe.startsWith("/")) {
            exe = "/usr/bin/redis-server";
        }
        if (!req.system().exists(Path.of(exe))) {
            return OptionalInt.empty();
        }
        CommandResult r = req.system().run(List.of(exe, "--version"), Duration.ofSeconds(2));
        Matcher m = VERSION.matcher(r.ok() ? r.stdout() : "");
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }
}
