package io.portdoc.checks.config.nginx;

import static io.portdoc.checks.config.nginx.NginxJudge.MSG;

import io.portdoc.core.Exposure;
import io.portdoc.core.Outcome;
import io.portdoc.core.Target;
import io.portdoc.core.Verdict;
import io.portdoc.core.net.Addresses;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * From the model to a verdict: the listen sockets of the target port, the server nginx hands the
 * connection to (the socket's default server: {@code default_server}, else the first that
 * listens there), the location for the URL path, and the access rules of that chain of levels.
 */
final class Serving {
    private final NginxJudge.Evaluation e;
    private final NginxModel m;
    private final Target t;

    Serving(NginxJudge.Evaluation e, NginxModel m) {
        this.e = e;
        this.m = m;
        this.t = e.target();
    }

    Outcome judge() {
        List<Listen> all = new ArrayList<>();
        for (Server s : m.servers()) {
            all.addAll(s.listens);
        }
        if (all.isEmpty()) {
            return e.finish(Outcome.of(Verdict.FAIL, MSG.msg("fail.no.server"))
                    .hint(MSG.msg("hint.no.server", t.port(), e.file())));
        }
        List<Listen> here = all.stream()
                .filter(l -> !l.unix() && l.port() == t.port() && !l.udp())
                .toList();
        for (Listen l : here) {
            e.see(
                    l.dir().name().equals("server")
                            ? "server without listen: *:80"
                            : l.dir().text(),
                    l.dir());
        }
        if (here.isEmpty()) {
            Listen first = all.stream().filter(l -> !l.unix()).findFirst().orElse(all.get(0));
            return e.finish(Outcome.of(Verdict.FAIL, MSG.msg("fail.other.port", NginxJudge.ports(all), t.port()))
                    .hint(MSG.msg("hint.other.port", t.port(), first.dir().where(), t.port())));
        }
        InetAddress client = t.client();
        List<Listen> reach = client == null
                ? here
                : here.stream().filter(l -> l.accepts(client)).toList();
        if (reach.isEmpty()) {
            Listen l = here.get(0);
            boolean v4 = NginxJudge.v4(client);
            String family = v4 ? "IPv6" : "IPv4";
            return e.finish(Outcome.of(
                            Verdict.FAIL,
                            MSG.msg("fail.family", t.port(), family, l.dir().text(), Addresses.text(client)))
                    .hint(
                            v4
                                    ? MSG.msg(
                                            "hint.family.v4",
                                            t.port(),
                                            l.dir().where(),
                                            l.dir().text())
                                    : MSG.msg(
                                            "hint.family.v6", t.port(), l.dir().where())));
        }
        boolean localOnly =
                reach.stream().allMatch(l -> l.address() != null && l.address().isLoopbackAddress());
        if (localOnly && !(client != null && e.isLocal(client)) && t.exposure() != Exposure.LOCAL) {
            Listen l = reach.get(0);
            return e.finish(Outcome.of(
                            Verdict.FAIL,
                            MSG.msg("fail.local.only", l.dir().where(), l.dir().text()))
                    .hint(MSG.msg("hint.local.only", l.dir().where(), t.port())));
        }
        Listen socket = socket(reach);
        boolean stream = server(socket).stream;
        List<Server> on = m.servers().stream()
                .filter(s -> s.stream == stream
                        && s.listens.stream()
                                .anyMatch(l -> !l.unix() && l.socket().equals(socket.socket())))
                .toList();
        Server server =
                on.stream().filter(s -> defaultOn(s, socket)).findFirst().orElse(on.get(0));
        int others = on.size() - 1;
        String names = server.names.isEmpty() ? "" : " (server_name " + String.join(" ", server.names) + ")";
        e.see(MSG.msg("ev.server", socket.socket(), server.dir().text() + names).text(), server.dir());
        if (others > 0) {
            e.see(MSG.msg("ev.server.others", others, socket.socket()).text(), null);
        }
        List<Level> levels = new ArrayList<>();
        List<Directive> answers = new ArrayList<>(server.level.answers);
        if (server.stream) {
            levels.add(m.stream());
            levels.add(server.level);
        } else {
            levels.add(m.http());
            levels.add(server.level);
            List<Location> chain = LocationFinder.find(server.locations, e.path());
            if (chain.isEmpty()) {
                e.see(MSG.msg("ev.no.location", e.path()).text(), null);
            }
            for (Location l : chain) {
                e.see(MSG.msg("ev.location", e.path(), l.dir().text()).text(), l.dir());
                levels.add(l.level);
                answers.addAll(l.level.answers);
            }
            Location last = chain.isEmpty() ? null : chain.get(chain.size() - 1);
            if (last != null && last.limitExcept != null && !namesGet(last.limitExcept.dir())) {
                e.see(MSG.msg("ev.limit.except").text(), last.limitExcept.dir());
                levels.add(last.limitExcept);
            }
        }
        for (Directive d : m.realIp()) {
            e.hint(MSG.msg("hint.realip", d.where(), d.text()));
        }
        for (Directive d : m.unevaluated()) {
            e.hint(MSG.msg("hint.regex", d.where(), d.args().get(d.args().size() - 1)));
        }
        Access access = new Access(levels);
        Level rules = access.rulesLevel();
        if (rules != null) {
            e.see(
                    MSG.msg(
                                    "ev.rules.level",
                                    rules.dir() == null
                                            ? (server.stream ? "stream" : "http")
                                            : rules.dir().where())
                            .text(),
                    rules.dir());
        }
        Outcome o = client != null
                ? new Verdicts(e).forClient(access, client)
                : new Verdicts(e).forEveryone(access, server);
        if (!server.stream && !m.unevaluated().isEmpty() && o.verdict() == Verdict.PASS) {
            Directive d = m.unevaluated().get(0);
            o = Outcome.of(Verdict.WARN, MSG.msg("warn.regex", o.summary().text(), d.where(), d.text()))
                    .evidence(o.evidence())
                    .hints(o.hints())
                    .build();
        }
        if (answers.isEmpty() || o.verdict() == Verdict.UNKNOWN) {
            return o;
        }
        Directive first = answers.get(0);
        Outcome.Builder b = Outcome.of(
                        Verdict.WARN, MSG.msg("warn.answers", o.summary().text(), first.where(), first.text()))
                .evidence(o.evidence())
                .hints(o.hints());
        for (Directive d : answers) {
            b.hint(MSG.msg("hint.answers", d.where(), d.text()));
        }
        return b.build();
    }

    private Server server(Listen l) {
        for (Server s : m.servers()) {
            if (s.listens.contains(l)) {
                return s;
            }
        }
        throw new IllegalStateException("listen without server");
    }

    private static boolean defaultOn(Server s, Listen socket) {
        return s.listens.stream().anyMatch(l -> l.defaultServer() && l.socket().equals(socket.socket()));
    }

    private static boolean namesGet(Directive limitExcept) {
        return limitExcept.args().stream()
                .anyMatch(a -> a.toUpperCase(Locale.ROOT).equals("GET"));
    }

    /**
     * The socket the connection arrives on: the one bound to {@code --host} when given, else a
     * wildcard one (of the client's family), else the first. nginx hands a connection to the
     * servers of the most specific address:port it arrived at.
     */
    private Listen socket(List<Listen> reach) {
        InetAddress host = hostLiteral();
        if (host != null) {
            for (Listen l : reach) {
                if (l.address() != null && l.address().equals(host)) {
                    return l;
                }
            }
        }
        boolean v4 = host != null ? NginxJudge.v4(host) : t.client() == null || NginxJudge.v4(t.client());
        for (Listen l : reach) {
            if (l.wildcard() && l.ipv6() != v4) {
                return l;
            }
        }
        for (Listen l : reach) {
            if (l.wildcard()) {
                return l;
            }
        }
        return reach.get(0);
    }

    private InetAddress hostLiteral() {
        if (t.host() == null) {
            return null;
        }
        try {
            return Addresses.literal(t.host());
        } catch (IllegalArgumentException ex) {
            return null;
        }
    }
}
