package io.portdoc.core.vantage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.core.Conclusion;
import io.portdoc.core.Conclusions;
import io.portdoc.core.Msg;
import io.portdoc.core.StepResult;
import io.portdoc.core.Verdict;
import io.portdoc.core.net.Addresses;
import io.portdoc.core.probe.Attempt;
import io.portdoc.core.probe.ProbeResult;
import io.portdoc.core.probe.ProbeState;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reconciled conclusion as DESIGN.md ("Two vantage points") documents it: which finding each
 * combination of server steps, client probe and client facts gives, and the rules that hold for
 * every combination.
 */
class ReconcilerTest {
    static final InetAddress SERVER = Addresses.literal("10.0.0.154");
    static final InetAddress ELSEWHERE = Addresses.literal("10.0.0.99");
    static final InetAddress CLIENT = Addresses.literal("172.20.0.5");
    static final InetAddress GATEWAY = Addresses.literal("172.20.0.1");

    /** Server steps: all PASS, or the named step FAIL. */
    static List<StepResult> steps(String failing) {
        List<StepResult> out = new ArrayList<>();
        for (String id : List.of("daemon", "config", "listening", "firewall")) {
            Verdict v = id.equals(failing) ? Verdict.FAIL : Verdict.PASS;
            out.add(new StepResult(id, id, v, new Msg(id + ".key", id + " says " + v), List.of(), List.of(), 0));
        }
        return out;
    }

    static ProbeResult probe(String state) {
        if (state.equals("none")) {
            return null;
        }
        ProbeState s = ProbeState.fromId(state);
        return new ProbeResult("boven", 80, s, List.of(new Attempt("10.0.0.154", s, 3, null)));
    }

    static ClientFacts client(String probe, boolean mismatch, boolean nat, String route, String filter, boolean proxy) {
        NameLookup lookup = new NameLookup(
                "boven", List.of(mismatch ? ELSEWHERE : SERVER), NameLookup.Origin.HOSTS_FILE, "/etc/hosts:3");
        ClientRoute r = switch (route) {
            case "gateway" -> new ClientRoute(SERVER, GATEWAY, "eth0", CLIENT, null);
            case "onlink" -> new ClientRoute(SERVER, null, "eth0", CLIENT, null);
            default -> new ClientRoute(SERVER, null, null, null, "Network is unreachable");
        };
        OutputFilter f = switch (filter) {
            case "drop" -> new OutputFilter(OutputFilter.Kind.DROP, "inet t out rule 2", "timeout");
            case "reject" -> new OutputFilter(OutputFilter.Kind.REJECT, "inet t out rule 3", "refused");
            default -> OutputFilter.of(OutputFilter.Kind.valueOf(filter.toUpperCase(Locale.ROOT)));
        };
        return new ClientFacts(
                "client1",
                lookup,
                List.of(SERVER, Addresses.literal("fd42::154")),
                r,
                f,
                proxy ? Map.of("http_proxy", "http://proxy:3128") : Map.of(),
                probe(probe),
                nat ? Addresses.literal("192.168.1.1") : CLIENT);
    }

    static RouteBack back(String kind) {
        return switch (kind) {
            case "onlink" -> new RouteBack(CLIENT, RouteBack.Kind.ON_LINK, null, "eth1", null, 0, null);
            case "none" -> new RouteBack(CLIENT, RouteBack.Kind.NONE, null, null, null, 0, "Network is unreachable");
            case "asym" -> new RouteBack(CLIENT, RouteBack.Kind.GATEWAY, GATEWAY, "eth0", "eth1", 2, null);
            case "strict" -> new RouteBack(CLIENT, RouteBack.Kind.GATEWAY, GATEWAY, "eth0", "eth1", 1, null);
            default -> null;
        };
    }

    static List<String> keys(List<Reconciler.Finding> fs) {
        return fs.stream().map(f -> f.text().key()).toList();
    }

    /**
     * The documented table: server steps (the failing one, or "-"), the client's probe, name
     * mismatch, NAT, client route, output firewall, proxy, route back -> findings, most serious
     * first.
     */
    @ParameterizedTest(name = "{0} {1} mismatch={2} nat={3} {4} {5} proxy={6} back={7} -> {8}")
    @CsvSource(
            delimiter = '|',
            value = {
                // every server step PASS, the client times out: something between the hosts
                "-|timeout|false|false|gateway|accept|false|onlink|between.drop",
                "-|timeout|false|false|onlink|none|false|onlink|between.drop",
                // the server listens and accepts, the client is refused: a reset in between / another host
                "-|refused|false|false|gateway|accept|false|onlink|between.reset",
                "-|refused|true|false|gateway|accept|false|onlink|between.reset dns.mismatch",
                "-|host-unreachable|false|false|gateway|accept|false|onlink|between.unreachable",
                // the server's own firewall explains the timeout: nothing between the hosts to blame
                "firewall|timeout|false|false|gateway|accept|false|onlink|",
                "listening|refused|false|false|gateway|accept|false|onlink|",
                // the client's own firewall stops the SYN: it, not the path, is the cause
                "-|timeout|false|false|gateway|drop|false|onlink|client.firewall",
                "-|refused|false|false|gateway|reject|false|onlink|client.firewall",
                // no route on the client
                "-|network-unreachable|false|false|none|accept|false|onlink|client.noroute",
                // no route back on the server
                "-|timeout|false|false|gateway|accept|false|none|routeback.none between.drop",
                "-|timeout|false|false|gateway|accept|false|strict|routeback.rpfilter between.drop",
                "-|open|false|false|gateway|accept|false|asym|routeback.asymmetric",
                // DNS mismatch while the connection works: still a warning (another host answers)
                "-|open|true|false|gateway|accept|false|onlink|dns.mismatch",
                // notes: NAT and proxy variables
                "-|open|false|true|gateway|accept|false|onlink|nat",
                "-|open|false|false|gateway|accept|true|onlink|proxy",
                "-|timeout|false|true|gateway|accept|true|onlink|between.drop nat proxy",
                // nothing to say
                "-|open|false|false|gateway|accept|false|onlink|",
                "-|none|false|false|gateway|unknown|false|-|",
            })
    void table(
            String failing,
            String probe,
            boolean mismatch,
            boolean nat,
            String route,
            String filter,
            boolean proxy,
            String back,
            String expected) {
        List<StepResult> steps = steps(failing);
        List<Reconciler.Finding> fs =
                Reconciler.findings(steps, client(probe, mismatch, nat, route, filter, proxy), back(back));
        assertEquals(expected == null ? List.of() : List.of(expected.split(" ")), keys(fs));
    }

    @Test
    void betweenTheHostsNamesTheGatewayOrTheLink() {
        List<Reconciler.Finding> viaRouter =
                Reconciler.findings(steps("-"), client("timeout", false, false, "gateway", "accept", false), null);
        assertEquals(
                "every server step passed, but the client's connection to boven port 80 timed out: something between"
                        + " the hosts drops it (the client's route goes through the gateway 172.20.0.1 on eth0: check"
                        + " that router's firewall and port forwarding, or a cloud security group in front of the"
                        + " server)",
                viaRouter.get(0).text().text());
        List<Reconciler.Finding> onLink =
                Reconciler.findings(steps("-"), client("timeout", false, false, "onlink", "accept", false), null);
        assertTrue(onLink.get(0).text().text().contains("on-link on eth0, no router in between"));
    }

    @Test
    void dnsMismatchSaysWhereTheNameCameFromAndTheServersAddresses() {
        List<Reconciler.Finding> fs =
                Reconciler.findings(steps("-"), client("open", true, false, "gateway", "accept", false), null);
        assertEquals(
                "the client resolves boven to 10.0.0.99 (/etc/hosts:3), but the server's addresses are 10.0.0.154"
                        + " and fd42::154: the client connects to another host",
                fs.get(0).text().text());
    }

    @Test
    void routeBackNoneSaysTheAnswerNeverLeaves() {
        List<Reconciler.Finding> fs = Reconciler.findings(steps("-"), null, back("none"));
        assertEquals(
                "the SYN from 172.20.0.5 arrives, but the server has no route back to 172.20.0.5 (Network is"
                        + " unreachable): the answer never leaves",
                fs.get(0).text().text());
    }

    @Test
    void aStepThatAlreadyLeadsWithTheRouteBackIsNotRepeated() {
        List<StepResult> steps = new ArrayList<>(steps("-"));
        steps.set(
                3,
                new StepResult(
                        "firewall",
                        "firewall",
                        Verdict.FAIL,
                        new Msg("routeback.fail.none", "x"),
                        List.of(),
                        List.of(),
                        0));
        assertEquals(List.of(), keys(Reconciler.findings(steps, null, back("none"))));
    }

    /** Rules that hold for every combination of the inputs. */
    @Test
    void everyCombination() {
        int n = 0;
        for (String failing : List.of("-", "daemon", "config", "listening", "firewall")) {
            for (String probe :
                    List.of("none", "open", "refused", "timeout", "host-unreachable", "network-unreachable")) {
                for (boolean mismatch : List.of(false, true)) {
                    for (boolean nat : List.of(false, true)) {
                        for (String route : List.of("gateway", "onlink", "none")) {
                            for (String filter : List.of("accept", "drop", "reject", "none", "unknown")) {
                                for (boolean proxy : List.of(false, true)) {
                                    for (String back : List.of("-", "onlink", "none", "asym", "strict")) {
                                        check(failing, probe, mismatch, nat, route, filter, proxy, back);
                                        n++;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        assertEquals(5 * 6 * 2 * 2 * 3 * 5 * 2 * 5, n);
    }

    private static void check(
            String failing,
            String probe,
            boolean mismatch,
            boolean nat,
            String route,
            String filter,
            boolean proxy,
            String back) {
        List<StepResult> steps = steps(failing);
        ClientFacts c = client(probe, mismatch, nat, route, filter, proxy);
        String what = failing + " " + probe + " " + mismatch + " " + nat + " " + route + " " + filter + " " + proxy
                + " " + back;
        List<String> keys = keys(Reconciler.findings(steps, c, back(back)));
        // each kind at most once; notes never lead
        assertEquals(keys.stream().distinct().count(), keys.size(), what);
        // a problem on the server explains a failing probe: nothing between the hosts is blamed
        if (!failing.equals("-") && !(failing.equals("daemon") || failing.equals("config"))) {
            assertFalse(keys.contains("between.drop") || keys.contains("between.reset"), what);
        }
        // the client's own firewall or missing route explains its probe
        if (filter.equals("drop") || filter.equals("reject") || route.equals("none")) {
            assertFalse(keys.stream().anyMatch(k -> k.startsWith("between.")), what);
        }
        assertEquals(mismatch, keys.contains("dns.mismatch"), what);
        // NAT is told by the route's source address: without a route it cannot be
        assertEquals(nat && !route.equals("none"), keys.contains("nat"), what);
        assertEquals(proxy, keys.contains("proxy"), what);
        assertEquals(back.equals("none"), keys.contains("routeback.none"), what);
        // the reconciled verdict is never better than the server-side one
        Conclusion base = Conclusions.conclude(steps);
        Conclusion r = Reconciler.reconcile(base, steps, c, back(back));
        assertSame(r.verdict(), r.verdict().worse(base.verdict()), what);
        assertEquals(base.blockingStep(), r.blockingStep(), what);
        if (base.blockingStep() == null) {
            assertFalse(r.verdict() == Verdict.FAIL, what + ": a FAIL needs a blocking step");
        }
    }

    @Test
    void withoutClientFactsOrRouteBackTheServerLocalConclusionStays() {
        List<StepResult> steps = steps("firewall");
        Conclusion base = Conclusions.conclude(steps);
        assertSame(base, Reconciler.reconcile(base, steps, null, null));
        assertSame(base, Reconciler.reconcile(base, steps, null, back("onlink")));
    }

    @Test
    void allServerStepsPassButTheClientTimesOut() {
        List<StepResult> steps = new ArrayList<>(steps("-"));
        steps.add(new StepResult(
                "probe", "probe", Verdict.FAIL, new Msg("probe.closed", "timeout"), List.of(), List.of(), 0));
        Conclusion base = Conclusions.conclude(steps);
        Conclusion r = Reconciler.reconcile(
                base, steps, client("timeout", false, false, "gateway", "accept", false), back("onlink"));
        assertEquals(Verdict.FAIL, r.verdict());
        assertEquals("probe", r.blockingStep());
        assertEquals("between.drop", r.summary().key());
        assertTrue(
                r.summary().text().startsWith("Every server step passed, but the client's connection"),
                r.summary().text());
    }
}
