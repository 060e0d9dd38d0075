package io.portdoc.core.vantage;

import io.portdoc.core.Conclusion;
import io.portdoc.core.Messages;
import io.portdoc.core.Msg;
import io.portdoc.core.StepResult;
import io.portdoc.core.Verdict;
import io.portdoc.core.net.Addresses;
import io.portdoc.core.probe.ProbeState;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reconciles what the server says about itself (the step verdicts, its route back) with what the
 * client sees (its probe, name lookup, route, output firewall, proxies). A pure function: the
 * same inputs give the same findings, word for word. Without client facts only the route back
 * can add a finding, so the server-local conclusion stays as it was.
 */
public final class Reconciler {
    private static final Messages MSG = Messages.of(Reconciler.class);
    /** The server-side steps: when all of them pass, a failing client probe points between the hosts. */
    static final Set<String> SERVER_STEPS = Set.of("daemon", "config", "listening", "firewall");

    /** One sentence of the reconciled conclusion; PASS findings are notes that change no verdict. */
    public record Finding(Verdict verdict, Msg text) {}

    private Reconciler() {}

    /** The findings, most serious first (FAIL, then WARN, then notes), each kind at most once. */
    public static List<Finding> findings(List<StepResult> steps, ClientFacts client, RouteBack back) {
        List<Finding> out = new ArrayList<>();
        if (client != null && client.firewall() != null && client.firewall().stops()) {
            OutputFilter f = client.firewall();
            out.add(new Finding(
                    Verdict.FAIL,
                    MSG.msg("client.firewall", server(client), port(client), f.rule(), String.valueOf(f.sees()))));
        }
        if (client != null && client.route() != null && !client.route().exists()) {
            out.add(new Finding(
                    Verdict.FAIL,
                    MSG.msg("client.noroute", server(client), client.route().error())));
        }
        // a step that already leads with the route back says it; the conclusion quotes that step
        boolean said = steps.stream().anyMatch(s -> s.summary().key().startsWith("routeback."));
        if (back != null && !said) {
            routeBack(back).ifPresent(out::add);
        }
        if (client != null) {
            between(steps, client).ifPresent(out::add);
            if (client.nameMismatch()) {
                NameLookup l = client.lookup();
                out.add(new Finding(
                        Verdict.WARN,
                        MSG.msg(
                                "dns.mismatch",
                                l.name(),
                                list(l.addresses()),
                                l.location() != null ? l.location() : l.origin().id(),
                                list(client.serverAddresses()))));
            }
            if (client.natSeen()) {
                out.add(new Finding(
                        Verdict.PASS,
                        MSG.msg(
                                "nat",
                                Addresses.text(client.seenByServer()),
                                Addresses.text(client.route().source()))));
            }
            if (!client.proxies().isEmpty()) {
                String vars = client.proxies().entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", "));
                out.add(new Finding(Verdict.PASS, MSG.msg("proxy", vars)));
            }
        }
        List<Finding> sorted = new ArrayList<>(out);
        sorted.sort((a, b) -> Integer.compare(rank(a.verdict()), rank(b.verdict())));
        return sorted;
    }

    /**
     * The base conclusion with the findings: the verdict is the worse of the two, the summary
     * leads with the findings that are not notes, then the notes. When the server's steps all
     * passed the base "every step passed" sentence becomes "on the server every step passed",
     * since the client's view may contradict "reachable".
     */
    public static Conclusion reconcile(Conclusion base, List<StepResult> steps, ClientFacts client, RouteBack back) {
        List<Finding> fs = findings(steps, client, back);
        if (fs.isEmpty()) {
            return base;
        }
        Verdict verdict = base.verdict();
        for (Finding f : fs) {
            // a FAIL names its blocking step: a finding no step failed for is a warning
            Verdict v = f.verdict() == Verdict.FAIL && base.blockingStep() == null ? Verdict.WARN : f.verdict();
            verdict = verdict.worse(v);
        }
        boolean serious = fs.get(0).verdict() != Verdict.PASS;
        StringBuilder text = new StringBuilder();
        for (Finding f : fs) {
            if (f.verdict() != Verdict.PASS) {
                text.append(capital(f.text().text())).append(". ");
            }
        }
        String baseText = base.verdict() == Verdict.PASS && serious
                ? MSG.msg("server.pass").text()
                : base.summary().text();
        text.append(baseText);
        for (Finding f : fs) {
            if (f.verdict() == Verdict.PASS) {
                text.append(' ').append(capital(f.text().text())).append('.');
            }
        }
        String key = serious ? fs.get(0).text().key() : base.summary().key();
        return new Conclusion(verdict, base.blockingStep(), new Msg(key, text.toString()), base.hints());
    }

    private static Optional<Finding> routeBack(RouteBack b) {
        String client = Addresses.text(b.client());
        if (b.kind() == RouteBack.Kind.NONE) {
            return Optional.of(new Finding(
                    Verdict.FAIL, MSG.msg("routeback.none", client, b.error() == null ? "no route" : b.error())));
        }
        if (b.strictDrop()) {
            return Optional.of(
                    new Finding(Verdict.FAIL, MSG.msg("routeback.rpfilter", b.arrivalDev(), client, via(b))));
        }
        if (b.asymmetric()) {
            return Optional.of(
                    new Finding(Verdict.WARN, MSG.msg("routeback.asymmetric", client, via(b), b.arrivalDev())));
        }
        return Optional.empty();
    }

    /** What the client's probe says against the server's steps. */
    private static Optional<Finding> between(List<StepResult> steps, ClientFacts client) {
        if (client.probe() == null || client.probe().open()) {
            return Optional.empty();
        }
        ProbeState state = client.probe().state();
        boolean serverPass = steps.stream()
                .filter(s -> SERVER_STEPS.contains(s.id()))
                .allMatch(s -> s.verdict() == Verdict.PASS || s.verdict() == Verdict.SKIP);
        boolean listensAndAccepts = verdict(steps, "listening") == Verdict.PASS
                && (verdict(steps, "firewall") == Verdict.PASS || verdict(steps, "firewall") == Verdict.SKIP);
        String server = server(client);
        int port = port(client);
        if (state == ProbeState.TIMEOUT && serverPass && !stoppedOnClient(client)) {
            return Optional.of(new Finding(Verdict.FAIL, MSG.msg("between.drop", server, port, signs(client))));
        }
        if (state == ProbeState.REFUSED && listensAndAccepts && !stoppedOnClient(client)) {
            // a properties value loses its leading blank: the separator is added here
            String other =
                    client.nameMismatch() ? " " + MSG.msg("between.reset.other").text() : "";
            return Optional.of(new Finding(Verdict.FAIL, MSG.msg("between.reset", server, port, other)));
        }
        if ((state == ProbeState.HOST_UNREACHABLE || state == ProbeState.NETWORK_UNREACHABLE)
                && serverPass
                && !stoppedOnClient(client)) {
            return Optional.of(
                    new Finding(Verdict.FAIL, MSG.msg("between.unreachable", server, port, state.id(), signs(client))));
        }
        return Optional.empty();
    }

    /** The client's own firewall or missing route already explains its probe. */
    private static boolean stoppedOnClient(ClientFacts c) {
        return (c.firewall() != null && c.firewall().stops())
                || (c.route() != null && !c.route().exists());
    }

    /** Where the signs point: a gateway on the client's route, or one link with no router. */
    private static String signs(ClientFacts c) {
        ClientRoute r = c.route();
        if (r == null || !r.exists()) {
            return " " + MSG.msg("signs.unknown").text();
        }
        if (r.onLink()) {
            return " " + MSG.msg("signs.onlink", String.valueOf(r.dev())).text();
        }
        return " "
                + MSG.msg("signs.gateway", Addresses.text(r.gateway()), String.valueOf(r.dev()))
                        .text();
    }

    private static String via(RouteBack b) {
        return b.gateway() != null
                ? MSG.msg("via.gateway", Addresses.text(b.gateway()), String.valueOf(b.dev()))
                        .text()
                : MSG.msg("via.dev", String.valueOf(b.dev())).text();
    }

    private static Verdict verdict(List<StepResult> steps, String id) {
        return steps.stream()
                .filter(s -> s.id().equals(id))
                .map(StepResult::verdict)
                .findFirst()
                .orElse(Verdict.SKIP);
    }

    private static String server(ClientFacts c) {
        if (c.probe() != null && !c.probe().attempts().isEmpty()) {
            return c.probe().host();
        }
        return c.lookup() == null ? "?" : c.lookup().name();
    }

    private static int port(ClientFacts c) {
        return c.probe() == null ? 0 : c.probe().port();
    }

    private static String list(List<InetAddress> as) {
        return as.stream().map(Addresses::text).collect(Collectors.joining(" and "));
    }

    private static int rank(Verdict v) {
        return switch (v) {
            case FAIL -> 0;
            case UNKNOWN -> 1;
            case WARN -> 2;
            default -> 3;
        };
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
