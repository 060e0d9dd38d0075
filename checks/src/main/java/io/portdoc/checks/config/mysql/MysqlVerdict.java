package io.portdoc.checks.config.mysql;

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
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules in the order a connection meets them: TCP at all ({@code skip-networking}), the port,
 * a bound address ({@code bind-address}); then the account's host part, which lives in the
 * database: a WARN with the query to run and what the error log says about the client.
 */
final class MysqlVerdict {
    private static final Messages MSG = MysqlJudge.MSG;
    private static final String SOURCE = "config";
    private static final String QUERY = "SELECT user, host FROM mysql.user";
    private static final List<String> BINARIES = List.of("/usr/sbin/mariadbd", "/usr/sbin/mysqld");
    /** The options this engine decides on; only where they are set can the server's groups matter. */
    private static final Set<String> DECIDING = Set.of(
            "skip-networking",
            "port",
            "extra-port",
            "bind-address",
            "skip-name-resolve",
            "skip-grant-tables",
            "log-error",
            "datadir");
    /** Groups only some servers read: MariaDB's own, and those of one version ({@code mysqld-8.0}). */
    private static final Pattern SOME_SERVERS =
            Pattern.compile("mariadbd?|client-server|galera|(mysqld|mariadbd?)-\\d+\\.\\d+");

    private final ConfigRequest req;
    private final Target t;
    private final List<Evidence> evidence = new ArrayList<>();

    private MysqlVerdict(ConfigRequest req) {
        this.req = req;
        this.t = req.target();
    }

    static Outcome of(ConfigRequest req) {
        return new MysqlVerdict(req).decide();
    }

    private Outcome decide() {
        MyLocator.Located loc = MyLocator.locate(req);
        evidence.add(Evidence.of(SOURCE, source(loc)));
        OptionFileReader.Result read = OptionFileReader.read(req.system(), loc.files(), loc.optional());
        if (read.problem() != null) {
            Outcome.Builder b = Outcome.of(Verdict.UNKNOWN, MSG.msg("unknown.unreadable", read.problem()))
                    .evidence(evidence);
            return b.hint(MSG.msg(read.denied() ? "hint.run.as.root" : "hint.fix.file"))
                    .build();
        }
        if (read.files().isEmpty() && loc.daemon() == null) {
            return Outcome.of(Verdict.UNKNOWN, MSG.msg("unknown.not.found", String.join(", ", loc.files())))
                    .evidence(evidence)
                    .hint(MSG.msg("hint.not.found"))
                    .build();
        }
        ServerVersion version = needsVersion(read.options()) ? version(loc.daemon()) : null;
        List<String> groups = ServerVersion.groups(version);
        MySettings s = MySettings.of(read.options(), loc.commandLine(), groups);
        evidence.add(Evidence.of(
                SOURCE,
                MSG.msg(
                                "ev.read",
                                read.files().size(),
                                s.size(),
                                version == null ? MSG.msg("ev.version.unknown").text() : version.toString(),
                                String.join(" ", groups))
                        .text()));
        Optional<MyOption> skipNet = s.on("skip-networking");
        if (skipNet.isPresent()) {
            add(skipNet.get());
            return Outcome.of(
                            Verdict.FAIL,
                            MSG.msg(
                                    "fail.skip.networking",
                                    skipNet.get().at(),
                                    skipNet.get().text()))
                    .evidence(evidence)
                    .hint(MSG.msg("hint.skip.networking", skipNet.get().at()))
                    .build();
        }
        Outcome early = port(s);
        if (early != null) {
            return early;
        }
        MyBind bind = MyBind.of(s, version);
        evidence.add(Evidence.at(SOURCE, bind.text(), bind.option() == null ? null : bind.where()));
        early = bind(bind);
        if (early != null) {
            return early;
        }
        return accounts(s, bind);
    }

    private String source(MyLocator.Located loc) {
        ProcessInfo d = loc.daemon();
        String files = String.join(", ", loc.files());
        return switch (loc.source()) {
                    case DAEMON_DEFAULTS_FILE ->
                        MSG.msg("ev.source.defaults.file", files, d.pid()).text();
                    case DAEMON_DEFAULTS ->
                        MSG.msg("ev.source.daemon", files, d.pid()).text();
                    case NO_DEFAULTS ->
                        MSG.msg("ev.source.no.defaults", d.pid()).text();
                    case CONFIG_OPTION -> MSG.msg("ev.source.config", files).text();
                    case DEFAULTS -> MSG.msg("ev.source.defaults", files).text();
                }
                + (t.configFile() != null && d != null
                        ? MSG.msg("ev.config.ignored", t.configFile()).text()
                        : "");
    }

    private void add(MyOption o) {
        evidence.add(Evidence.at(SOURCE, o.text(), o.at()));
    }

    /** {@code port = 0} means the default, 3306 (mysqld's option help). */
    private Outcome port(MySettings s) {
        Optional<MyOption> port = s.last("port");
        port.ifPresent(this::add);
        int p = port.map(o -> number(o.value())).filter(n -> n != 0).orElse(3306);
        Optional<MyOption> extra = s.last("extra-port");
        extra.ifPresent(this::add);
        int e = extra.map(o -> number(o.value())).orElse(0);
        if (t.port() == p || (e != 0 && t.port() == e)) {
            return null;
        }
        String where = port.map(MyOption::at).orElse(MSG.msg("ev.port.default").text());
        String ports = e == 0 ? String.valueOf(p) : p + ", " + e;
        return Outcome.of(Verdict.FAIL, MSG.msg("fail.other.port", ports, where, t.port()))
                .evidence(evidence)
                .hint(MSG.msg("hint.other.port", t.port(), where, ports))
                .build();
    }

    private static int number(String s) {
        try {
            return s == null ? -1 : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Outcome bind(MyBind bind) {
        InetAddress client = t.client();
        if (bind.loopbackOnly() && (client == null || !MyBind.loopback(Addresses.text(client)))) {
            String both = bind.where() + ": " + bind.text();
            if (client == null && t.exposure() == Exposure.LOCAL) {
                return Outcome.of(Verdict.PASS, MSG.msg("pass.local.expected", both))
                        .evidence(evidence)
                        .build();
            }
            Msg summary = client == null
                    ? MSG.msg("fail.nobody", both)
                    : MSG.msg("fail.client", Addresses.text(client), both);
            return Outcome.of(Verdict.FAIL, summary)
                    .evidence(evidence)
                    .hint(MSG.msg("hint.bind.loopback", bind.where()))
                    .build();
        }
        InetAddress host = t.host() == null ? null : MyBind.ip(t.host());
        if (host != null && !bind.serves(host)) {
            return Outcome.of(Verdict.FAIL, MSG.msg("fail.bind.host", t.host(), bind.where(), bind.text()))
                    .evidence(evidence)
                    .hint(MSG.msg("hint.bind.host", t.host(), bind.where()))
                    .build();
        }
        return null;
    }

    private Outcome accounts(MySettings s, MyBind bind) {
        Optional<MyOption> nameResolve = s.on("skip-name-resolve");
        nameResolve.ifPresent(this::add);
        List<Msg> hints = new ArrayList<>();
        hints.add(MSG.msg("hint.query", QUERY));
        hints.add(MSG.msg(
                nameResolve.isPresent() ? "hint.skip.name.resolve" : "hint.name.resolve",
                nameResolve.map(MyOption::at).orElse("")));
        Optional<MyOption> noGrants = s.on("skip-grant-tables");
        InetAddress client = t.client();
        String network = bind.addresses().stream().allMatch(a -> a.equals("*") || a.equals("::"))
                ? MSG.msg("who.any.address").text()
                : MSG.msg("who.addresses", String.join(", ", bind.addresses())).text();
        if (noGrants.isPresent()) {
            add(noGrants.get());
            Msg summary = client == null
                    ? MSG.msg("pass.everyone.nogrants", network, noGrants.get().at())
                    : MSG.msg(
                            "pass.client.nogrants",
                            Addresses.text(client),
                            noGrants.get().at());
            return Outcome.of(Verdict.PASS, summary)
                    .evidence(evidence)
                    .hint(MSG.msg("hint.nogrants", noGrants.get().at()))
                    .build();
        }
        if (client == null) {
            return Outcome.of(Verdict.WARN, MSG.msg("warn.accounts", network, QUERY))
                    .evidence(evidence)
                    .hints(hints)
                    .build();
        }
        Optional<String> logFile = ErrorLog.file(s, req.system().hostname());
        String logSays = "";
        if (logFile.isPresent()) {
            ErrorLog.Lines lines = ErrorLog.about(req.system(), logFile.get(), client);
            if (lines.problem() != null) {
                evidence.add(Evidence.of(
                        SOURCE,
                        MSG.msg("ev.log.unreadable", lines.file(), lines.problem())
                                .text()));
            } else if (lines.lines().isEmpty()) {
                String ip = Addresses.text(client);
                evidence.add(Evidence.of(
                        SOURCE, MSG.msg("ev.log.nothing", lines.file(), ip).text()));
            } else {
                for (int i = 0; i < lines.lines().size(); i++) {
                    evidence.add(Evidence.at(
                            SOURCE, lines.lines().get(i), lines.where().get(i).toString()));
                }
                int last = lines.lines().size() - 1;
                logSays = MSG.msg(
                                "warn.client.log",
                                lines.where().get(last),
                                lines.lines().get(last))
                        .text();
            }
        } else {
            evidence.add(Evidence.of(SOURCE, MSG.msg("ev.log.none").text()));
        }
        return Outcome.of(
                        Verdict.WARN, MSG.msg("warn.client.accounts", Addresses.text(client), t.port(), QUERY, logSays))
                .evidence(evidence)
                .hints(hints)
                .build();
    }

    /**
     * Whether the product and version change the answer: a deciding option in a group only some
     * servers read ({@code [mariadb]}, {@code [mysqld-10.11]}), or a bind-address list. Otherwise
     * the server binary is not run.
     */
    private static boolean needsVersion(List<MyOption> options) {
        return options.stream()
                .anyMatch(o -> DECIDING.contains(o.name())
                                && SOME_SERVERS.matcher(o.group()).matches()
                        || o.name().equals("bind-address")
                                && o.value() != null
                                && o.value().contains(","));
    }

    /** The product and version from the server binary's {@code --version} (no connection, no credentials). */
    private ServerVersion version(ProcessInfo daemon) {
        List<String> candidates = new ArrayList<>();
        if (daemon != null && daemon.executable() != null && daemon.executable().startsWith("/")) {
            candidates.add(daemon.executable());
        }
        candidates.addAll(BINARIES);
        for (String exe : candidates) {
            if (req.system().exists(Path.of(exe))) {
                CommandResult r = req.system().run(List.of(exe, "--version"), Duration.ofSeconds(3));
                return r.ok() ? ServerVersion.parse(r.stdout()) : null;
            }
        }
        return null;
    }
}
