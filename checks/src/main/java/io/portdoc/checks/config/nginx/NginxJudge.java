package io.portdoc.checks.config.nginx;

import io.portdoc.checks.config.ConfigJudge;
import io.portdoc.checks.config.ConfigRequest;
import io.portdoc.checks.config.SetText;
import io.portdoc.core.Evidence;
import io.portdoc.core.Messages;
import io.portdoc.core.Msg;
import io.portdoc.core.Outcome;
import io.portdoc.core.Target;
import io.portdoc.core.Verdict;
import io.portdoc.core.net.AddressSet;
import io.portdoc.core.net.Addresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Step 2 for nginx: reads the configuration the running master uses, checks that a server listens
 * on the target port for the client's address family, picks the server and the location for the
 * profile's URL path as nginx does, and evaluates {@code allow} / {@code deny}, {@code satisfy}
 * and the auth directives: for {@code --client} a PASS / FAIL / WARN naming the deciding line,
 * otherwise who gets in.
 */
public final class NginxJudge implements ConfigJudge {
    static final Messages MSG = Messages.of(NginxJudge.class);
    static final String SOURCE = "config";

    @Override
    public String format() {
        return "nginx";
    }

    @Override
    public Set<String> programs() {
        return Set.of("nginx");
    }

    @Override
    public Outcome judge(ConfigRequest request) {
        Target t = request.target();
        Optional<NginxLocator.Located> located = NginxLocator.locate(request.system(), t, request.daemon());
        if (located.isEmpty()) {
            return Outcome.of(Verdict.UNKNOWN, MSG.msg("unknown.not.found", String.join(", ", NginxLocator.DEFAULTS)))
                    .hint(MSG.msg("hint.not.found"))
                    .build();
        }
        NginxLocator.Located loc = located.get();
        ConfigReader.Parsed parsed = ConfigReader.read(request.system(), loc.file());
        return new Evaluation(t, loc, request.system().localAddresses()).run(parsed);
    }

    /** One judgement; collects evidence and hints as it goes. */
    static final class Evaluation {
        private final Target t;
        private final NginxLocator.Located loc;
        private final List<InetAddress> local;
        private final List<Evidence> evidence = new ArrayList<>();
        private final List<Msg> hints = new ArrayList<>();
        private final String path;

        Evaluation(Target t, NginxLocator.Located loc, List<InetAddress> local) {
            this.t = t;
            this.loc = loc;
            this.local = local;
            this.path =
                    t.profile().config() == null ? "/" : t.profile().config().path();
            evidence.add(Evidence.of(SOURCE, sourceText()));
            if (loc.ignoredConfig() != null) {
                hints.add(MSG.msg("hint.ignored.config", loc.file(), loc.ignoredConfig()));
            }
        }

        private String sourceText() {
            long pid = loc.master() == null ? 0 : loc.master().pid();
            return switch (loc.source()) {
                case DAEMON_ARG ->
                    MSG.msg("ev.source.daemon.arg", loc.file(), pid).text();
                case DAEMON_COMPILED ->
                    MSG.msg("ev.source.daemon.compiled", loc.file(), pid).text();
                case CONFIG_OPTION -> MSG.msg("ev.source.config", loc.file()).text();
                case PROFILE -> MSG.msg("ev.source.profile", loc.file()).text();
                case DEFAULT -> MSG.msg("ev.source.default", loc.file()).text();
            };
        }

        Outcome run(ConfigReader.Parsed parsed) {
            evidence.add(Evidence.of(
                    SOURCE,
                    MSG.msg("ev.read", parsed.files().size(), parsed.directives())
                            .text()));
            if (parsed.problem() != null) {
                // nginx handles each directive as it reads it: an error before the read error comes first
                Problem earlier = NginxModel.build(parsed.top(), false).refusal();
                return problem(earlier != null ? earlier : parsed.problem());
            }
            NginxModel model = NginxModel.build(parsed.top());
            if (model.refusal() != null) {
                return problem(model.refusal());
            }
            return new Serving(this, model).judge();
        }

        Outcome problem(Problem p) {
            String at = p.where() == null ? null : p.where().toString();
            Outcome.Builder b;
            switch (p.kind()) {
                case UNREADABLE ->
                    b = Outcome.of(Verdict.UNKNOWN, MSG.msg("unknown.unreadable", p.text()))
                            .hint(MSG.msg("hint.run.as.root"));
                case LIMIT -> {
                    Object where = at == null ? loc.file() : at;
                    b = Outcome.of(Verdict.UNKNOWN, MSG.msg("unknown.limit", where, p.text()))
                            .hint(MSG.msg("hint.limit", where));
                }
                default -> {
                    b = loc.master() == null
                            ? Outcome.of(Verdict.FAIL, MSG.msg("fail.refused", p.text()))
                            : Outcome.of(
                                            Verdict.UNKNOWN,
                                            MSG.msg(
                                                    "unknown.refused.running",
                                                    loc.master().pid(),
                                                    p.text()))
                                    .hint(MSG.msg("hint.refused.running"));
                    b.hint(MSG.msg("hint.refused", p.text()));
                }
            }
            return b.evidence(evidence)
                    .evidence(Evidence.at(SOURCE, p.text(), at))
                    .hints(hints)
                    .build();
        }

        Target target() {
            return t;
        }

        String path() {
            return path;
        }

        String file() {
            return loc.file().toString();
        }

        void see(String text, Directive d) {
            evidence.add(
                    d == null
                            ? Evidence.of(SOURCE, text)
                            : Evidence.at(SOURCE, text, d.where().toString()));
        }

        void hint(Msg m) {
            hints.add(m);
        }

        Outcome finish(Outcome.Builder b) {
            return b.evidence(evidence).hints(hints).build();
        }

        /** Loopback and this host's own addresses: always let in when the rules say "local". */
        AddressSet localSet() {
            AddressSet s = AddressSet.parseCidr("127.0.0.0/8").union(AddressSet.parseCidr("::1/128"));
            for (InetAddress a : local) {
                s = s.union(AddressSet.of(a));
            }
            return s;
        }

        boolean isLocal(InetAddress a) {
            return localSet().contains(a);
        }
    }

    /** "who gets in" in the Apache judge's words: allowed, after login, everything else denied. */
    static String who(Access.Who w) {
        Map<String, AddressSet> names = new LinkedHashMap<>();
        StringBuilder s = new StringBuilder(
                w.sure().isEmpty()
                        ? MSG.msg("who.none").text()
                        : MSG.msg("who.allowed", SetText.of(w.sure(), names)).text());
        if (!w.login().isEmpty()) {
            s.append(MSG.msg("who.login", SetText.of(w.login(), names)).text());
        }
        if (!w.sure().union(w.login()).isAll()) {
            s.append(MSG.msg("who.rest.denied").text());
        }
        return s.toString();
    }

    static String ports(List<Listen> listens) {
        return listens.stream()
                .filter(l -> !l.unix())
                .map(l -> String.valueOf(l.port()))
                .distinct()
                .collect(Collectors.joining(", "));
    }

    static boolean v4(InetAddress a) {
        return Addresses.unmap(a) instanceof Inet4Address;
    }
}
