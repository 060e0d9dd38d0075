package io.portdoc.checks.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.checks.facts.NatTranslation;
import io.portdoc.checks.testing.Hosts;
import io.portdoc.core.CheckContext;
import io.portdoc.core.Evidence;
import io.portdoc.core.Msg;
import io.portdoc.core.Outcome;
import io.portdoc.core.Target;
import io.portdoc.core.Verdict;
import io.portdoc.core.host.RecordedSystem;
import io.portdoc.core.probe.ProbeResult;
import io.portdoc.core.probe.ProbeState;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The probe step on the seed's server "boven", replayed: no socket is opened. */
class ProbeCheckTest {
    /**
     * boven as set up in the lab, not the recorded seed host (examples/hosts/boven): a second
     * interface (172.16.5.1), fd42::154, cupsd stopped, and outcomes seen from a client on 81 and 8080.
     */
    private final RecordedSystem boven = Hosts.host("boven-lab");

    private Outcome run(Target target) {
        return new ProbeCheck().run(new CheckContext(boven, target));
    }

    private static List<String> evidence(Outcome o) {
        return o.evidence().stream().map(Evidence::text).toList();
    }

    @Test
    void passWhenEveryOwnAddressAcceptsAndSaysItWasOnlyLocal() {
        Outcome o = run(Target.of("httpd", 80));
        assertEquals(Verdict.PASS, o.verdict());
        assertEquals("summary.open.local", o.summary().key());
        assertTrue(
                o.summary().text().contains("from this host itself"),
                o.summary().text());
        // link-local left out; non-loopback first, IPv4 first
        assertEquals(
                List.of(
                        "10.0.0.154:80 open after 0 ms",
                        "172.16.5.1:80 open after 0 ms",
                        "[fd42::154]:80 open after 0 ms",
                        "127.0.0.1:80 open after 0 ms",
                        "[::1]:80 open after 0 ms"),
                evidence(o).stream()
                        .map(s -> s.replaceAll("after \\d+ ms", "after 0 ms"))
                        .toList());
        assertEquals(List.of("hint.local"), Msg.keys(o.hints()));
        assertTrue(
                o.hints().get(0).text().contains("portdoc probe 10.0.0.154 80"),
                o.hints().get(0).text());
        assertTrue(o.hints().get(0).text().contains("router"));
    }

    @Test
    void theClientIsToldToProbeTheAddressOnItsOwnSubnet() throws Exception {
        Outcome o = run(Target.of("httpd", 80).withClient(InetAddress.getByName("172.16.5.20")));
        assertTrue(
                o.hints().get(0).text().endsWith("portdoc probe 172.16.5.1 80"),
                o.hints().get(0).text());
    }

    @Test
    void warnWhenOnlyLoopbackAccepts() {
        // the seed's netstat line "127.0.0.1:25 ... 1994/master"
        Outcome o = run(Target.of("smtp", 25));
        assertEquals(Verdict.WARN, o.verdict());
        assertEquals(
                "port 25 accepts connections on 127.0.0.1, ::1 but not on 10.0.0.154 refused, 172.16.5.1 refused, "
                        + "fd42::154 refused",
                o.summary().text());
        assertEquals(List.of("hint.loopback.only", "hint.refused", "hint.local"), Msg.keys(o.hints()));
        assertTrue(
                evidence(o).get(0).matches("10\\.0\\.0\\.154:25 refused after \\d+ ms \\(Connection refused\\)"),
                evidence(o).get(0));
    }

    @Test
    void failWhenNothingAcceptsAnywhere() {
        Outcome o = run(Target.of("cups", 631));
        assertEquals(Verdict.FAIL, o.verdict());
        assertEquals("summary.closed.local", o.summary().key());
        assertTrue(
                o.summary().text().startsWith("port 631 accepts no connection on this host: refused"),
                o.summary().text());
        assertEquals(5, o.evidence().size());
        assertEquals(List.of("hint.refused", "hint.local"), Msg.keys(o.hints()));
    }

    @Test
    void aFailedProbeIsAWarningWhenNatPreroutingTranslatesTheClientsPackets() throws Exception {
        String rule = "ip nat prerouting: tcp dport 631 redirect to :8631 (handle 4)";
        NatTranslation nat = new NatTranslation(NatTranslation.Kind.LOCAL, rule, null, 8631, null);
        CheckContext remote =
                new CheckContext(boven, Target.of("cups", 631).withClient(InetAddress.getByName("10.0.0.156")));
        remote.share(NatTranslation.class, nat);
        Outcome o = new ProbeCheck().run(remote);
        assertEquals(Verdict.WARN, o.verdict(), o.summary().text());
        assertEquals("warn.nat", o.summary().key());
        assertTrue(o.summary().text().contains(rule), o.summary().text());

        // a client on this host passes nat output, as the probe does: the probe speaks for it
        CheckContext here =
                new CheckContext(boven, Target.of("cups", 631).withClient(InetAddress.getByName("127.0.0.1")));
        here.share(NatTranslation.class, nat);
        assertEquals(Verdict.FAIL, new ProbeCheck().run(here).verdict());
    }

    @Test
    void skippedWithNoProbe() {
        Outcome o = run(Target.of("httpd", 80).withProbe(false, Duration.ofSeconds(3)));
        assertEquals(Verdict.SKIP, o.verdict());
        assertEquals("disabled with --no-probe", o.summary().text());
        assertTrue(o.evidence().isEmpty());
    }

    @Test
    void hostChoosesWhatToProbeAndEveryAddressCounts() {
        Outcome o = run(Target.of("httpd", 81).withHost("boven"));
        assertEquals(Verdict.FAIL, o.verdict());
        // IPv4 dropped, IPv6 answered admin-prohibited: the answer is the more telling one
        assertEquals(
                "boven port 81: host-unreachable (10.0.0.154 timeout, fd42::154 host-unreachable)",
                o.summary().text());
        assertEquals(List.of("hint.host-unreachable.fast", "hint.timeout"), Msg.keys(o.hints()));
        assertFalse(Msg.keys(o.hints()).contains("hint.local"));
    }

    @Test
    void warnWhenOneFamilyOfTheHostFails() {
        Outcome o = run(Target.of("web", 8080).withHost("boven"));
        assertEquals(Verdict.WARN, o.verdict());
        assertEquals(
                "boven port 8080 accepts connections on 10.0.0.154 but not on fd42::154 network-unreachable",
                o.summary().text());
        assertEquals(List.of("hint.network-unreachable"), Msg.keys(o.hints()));
    }

    @Test
    void passForAHostWhereEveryAddressAccepts() {
        Outcome o = run(Target.of("httpd", 80).withHost("boven"));
        assertEquals(Verdict.PASS, o.verdict());
        assertEquals(
                "boven port 80 accepts connections on 10.0.0.154, fd42::154",
                o.summary().text());
        assertTrue(o.hints().isEmpty());
    }

    @Test
    void failWhenTheHostDoesNotResolve() {
        Outcome o = run(Target.of("httpd", 80).withHost("nosuchhost"));
        assertEquals(Verdict.FAIL, o.verdict());
        assertEquals(
                "nosuchhost does not resolve, so nothing could be probed",
                o.summary().text());
        assertEquals(List.of("hint.unresolved"), Msg.keys(o.hints()));
    }

    @Test
    void sharesTheProbeResultWithLaterSteps() {
        CheckContext ctx = new CheckContext(boven, Target.of("httpd", 80));
        new ProbeCheck().run(ctx);
        assertEquals(ProbeState.OPEN, ctx.fact(ProbeResult.class).orElseThrow().state());
    }
}
