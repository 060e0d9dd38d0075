package io.portdoc.checks.config.nginx;

import static io.portdoc.checks.config.nginx.NginxJudge.MSG;

import io.portdoc.core.Exposure;
import io.portdoc.core.Outcome;
import io.portdoc.core.Verdict;
import io.portdoc.core.net.AddressSet;
import io.portdoc.core.net.Addresses;
import java.net.InetAddress;

/** The access decision in words: for one client, or who gets in (the Apache judge's wording). */
final class Verdicts {
    private final NginxJudge.Evaluation e;

    Verdicts(NginxJudge.Evaluation e) {
        this.e = e;
    }

    Outcome forClient(Access access, InetAddress c) {
        String client = Addresses.text(c);
        String path = e.path();
        Access.Decision d = access.decide(c);
        if (d.rule() != null) {
            e.see(
                    d.rule().dir().text() + "  [" + MSG.msg("ev.rule").text() + "]",
                    d.rule().dir());
        } else {
            e.see(
                    MSG.msg(access.rulesLevel() == null ? "ev.no.rules" : "ev.no.match", client)
                            .text(),
                    null);
        }
        if (d.satisfyAny()) {
            e.see(MSG.msg("ev.satisfy.any").text(), null);
        }
        if (d.auth() != null) {
            e.see(d.auth().text() + "  [" + MSG.msg("ev.auth").text() + "]", d.auth());
        }
        return switch (d.result()) {
            case ALLOWED ->
                e.finish(Outcome.of(
                        Verdict.PASS,
                        d.rule() == null
                                ? MSG.msg("pass.client.default", client, path)
                                : MSG.msg(
                                        "pass.client",
                                        client,
                                        path,
                                        d.rule().dir().where())));
            case DENIED ->
                e.finish(Outcome.of(
                                Verdict.FAIL,
                                MSG.msg(
                                        "fail.client",
                                        client,
                                        path,
                                        d.rule().dir().where(),
                                        d.rule().dir().text()))
                        .hint(MSG.msg(
                                "hint.add.allow",
                                client,
                                d.rule().dir().text(),
                                d.rule().dir().where())));
            case LOGIN ->
                e.finish(Outcome.of(
                                Verdict.WARN,
                                MSG.msg(
                                        "warn.client.login",
                                        client,
                                        path,
                                        d.auth().where(),
                                        d.auth().text()))
                        .hint(MSG.msg("hint.login", d.auth().text(), d.auth().where())));
        };
    }

    Outcome forEveryone(Access access, Server server) {
        Access.Who w = access.who();
        String who = NginxJudge.who(w);
        String path = e.path();
        String where = access.rulesLevel() != null && access.rulesLevel().dir() != null
                ? access.rulesLevel().dir().where().toString()
                : server.dir().where().toString();
        AddressSet local = e.localSet();
        AddressSet remote = w.sure().union(w.login()).minus(local);
        if (w.sure().union(local).isAll()) {
            return e.finish(Outcome.of(Verdict.PASS, MSG.msg("pass.everyone", path)));
        }
        if (remote.isEmpty()) {
            if (e.target().exposure() == Exposure.LOCAL) {
                return e.finish(Outcome.of(Verdict.PASS, MSG.msg("pass.local.expected", path, who)));
            }
            return e.finish(
                    Outcome.of(Verdict.FAIL, MSG.msg("fail.nobody", path, who)).hint(MSG.msg("hint.nobody", where)));
        }
        return e.finish(
                Outcome.of(Verdict.WARN, MSG.msg("warn.some", path, who)).hint(MSG.msg("hint.some", where)));
    }
}
