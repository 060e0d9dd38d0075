package io.portdoc.checks.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.core.CheckContext;
import io.portdoc.core.Outcome;
import io.portdoc.core.Target;
import io.portdoc.core.Verdict;
import io.portdoc.core.host.RecordedSystem;
import io.portdoc.core.net.Addresses;
import io.portdoc.core.vantage.RouteBack;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The route back as the firewall step reads it, from a server recorded in a namespace with only
 * an on-link route; and the verdicts of {@link RouteBack} as documented (ip-sysctl.rst for
 * rp_filter: the larger of all and the interface counts, 1 strict, 2 loose).
 */
class RouteBackTest {
    static final RecordedSystem SERVER = new RecordedSystem(Path.of("src/test/resources/hosts/server-no-route-back"));

    static CheckContext context(String client) {
        return new CheckContext(SERVER, Target.of("svc", 80).withClient(Addresses.literal(client)));
    }

    @Test
    void noRouteBackFailsTheFirewallStepAndIsShared() throws Exception {
        CheckContext ctx = context("172.20.0.5");
        Outcome o = new FirewallCheck().run(ctx);
        assertEquals(Verdict.FAIL, o.verdict());
        assertEquals("routeback.fail.none", o.summary().key());
        assertEquals(
                "the SYN from 172.20.0.5 arrives, but this host has no route back to 172.20.0.5 (Network is"
                        + " unreachable): the answer never leaves and the client times out",
                o.summary().text());
        RouteBack b = ctx.fact(RouteBack.class).orElseThrow();
        assertEquals(RouteBack.Kind.NONE, b.kind());
        assertTrue(o.evidence().stream().anyMatch(e -> e.source().equals("ip route get 172.20.0.5")), o.toString());
    }

    @Test
    void anOnLinkRouteBackIsEvidenceOnly() throws Exception {
        CheckContext ctx = context("10.0.0.156");
        Outcome o = new FirewallCheck().run(ctx);
        assertEquals("skip.none", o.summary().key());
        assertTrue(
                o.evidence().stream().anyMatch(e -> e.text().equals("the route back to 10.0.0.156 is on-link on eth1")),
                o.toString());
        assertEquals(
                RouteBack.Kind.ON_LINK, ctx.fact(RouteBack.class).orElseThrow().kind());
    }

    @Test
    void rpFilterIsTheLargerOfAllAndTheInterface() {
        assertEquals(1, RouteBackReader.rpFilter(SERVER, Addresses.literal("172.20.0.5"), "eth1"));
        assertEquals(0, RouteBackReader.rpFilter(SERVER, Addresses.literal("172.20.0.5"), "eth7"));
        assertEquals(-1, RouteBackReader.rpFilter(SERVER, Addresses.literal("fd00::5"), "eth1"));
    }

    @ParameterizedTest(name = "{0} dev={1} arrival={2} rp={3} -> {4}")
    @CsvSource(delimiter = '|', textBlock = """
            # kind   | dev  | arrival | rp_filter | verdict
            ON_LINK  | eth1 | -       | 1         | PASS
            ON_LINK  | eth1 | eth1    | 1         | PASS
            GATEWAY  | eth0 | -       | 1         | PASS
            GATEWAY  | eth0 | eth1    | 0         | WARN
            GATEWAY  | eth0 | eth1    | 2         | WARN
            GATEWAY  | eth0 | eth1    | 1         | FAIL
            NONE     | -    | -       | 0         | FAIL
            NONE     | -    | eth1    | 2         | FAIL
            UNKNOWN  | -    | -       | -1        | UNKNOWN
            LOCAL    | lo   | -       | -1        | PASS
            """)
    void verdicts(RouteBack.Kind kind, String dev, String arrival, int rp, Verdict expected) {
        RouteBack b = new RouteBack(
                Addresses.literal("172.20.0.5"),
                kind,
                kind == RouteBack.Kind.GATEWAY ? Addresses.literal("10.0.0.1") : null,
                dev.equals("-") ? null : dev,
                arrival.equals("-") ? null : arrival,
                rp,
                null);
        assertEquals(expected, b.verdict());
    }
}
