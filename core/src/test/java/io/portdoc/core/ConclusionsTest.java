package io.portdoc.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.portdoc.core.net.Addresses;
import io.portdoc.core.profile.ServiceProfile;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The conclusion paragraph, word for word. */
class ConclusionsTest {
    static StepResult step(String id, Verdict v, String summary, List<Evidence> ev, String... hints) {
        return new StepResult(
                id,
                id.substring(0, 1).toUpperCase() + id.substring(1) + " step",
                v,
                new Msg(id + ".key", summary),
                ev,
                Arrays.stream(hints).map(h -> new Msg(id + ".hint", h)).toList(),
                1);
    }

    static final StepResult DAEMON = step(
            "daemon",
            Verdict.PASS,
            "httpd2-prefork is running (pid 1470)",
            List.of(Evidence.of("process", "1470 httpd2-prefork")));
    static final StepResult CONFIG_WARN =
            step("config", Verdict.WARN, "no access rules found", List.of(), "give --config FILE");
    static final StepResult FIREWALL_FAIL = step(
            "firewall",
            Verdict.FAIL,
            "dropped by the policy of inet filter input",
            List.of(
                    Evidence.of(
                            "nft -j list ruleset",
                            "chain input { type filter hook input priority 0; policy drop; }\nsecond line"),
                    Evidence.of("nft -j list ruleset", "other")),
            "Open the port: nft add rule inet filter input tcp dport 80 accept.",
            "second hint");
    static final StepResult PROBE_UNKNOWN = step("probe", Verdict.UNKNOWN, "not run as root", List.of(), "run as root");
    static final StepResult LISTEN_FAIL = step(
            "listening",
            Verdict.FAIL,
            "nothing listens on port 80",
            List.of(Evidence.at("config", "Listen 127.0.0.1:80", "/etc/apache2/ports.conf:5")),
            "change Listen to 80");

    @Test
    void firstBrokenLinkEvidenceFixThenTheDoubtfulSteps() {
        Conclusion c = Conclusions.conclude(List.of(DAEMON, CONFIG_WARN, LISTEN_FAIL, FIREWALL_FAIL, PROBE_UNKNOWN));
        assertEquals(Verdict.FAIL, c.verdict());
        assertEquals("listening", c.blockingStep());
        assertEquals(
                "The first broken link is step listening (Listening step): nothing listens on port 80."
                        + " Evidence: Listen 127.0.0.1:80 (/etc/apache2/ports.conf:5). Fix: change Listen to 80."
                        + " Also: config WARN (no access rules found), firewall FAIL (dropped by the policy of inet filter input),"
                        + " probe UNKNOWN (not run as root).",
                c.summary().text());
        assertEquals("conclusion.fail", c.summary().key());
        assertEquals(List.of("change Listen to 80"), Msg.texts(c.hints()));
    }

    @Test
    void withoutFileEvidenceSeveralLinesAreLeftToTheReportAndTheFixEndsOnce() {
        Conclusion c = Conclusions.conclude(List.of(DAEMON, FIREWALL_FAIL));
        assertEquals(
                "The first broken link is step firewall (Firewall step): dropped by the policy of inet filter input."
                        + " Fix: Open the port: nft add rule inet filter input tcp dport 80 accept.",
                c.summary().text());
        assertEquals(2, c.hints().size());
    }

    @Test
    void aSingleEvidenceLineIsQuotedWithItsSource() {
        StepResult s = step(
                "daemon",
                Verdict.FAIL,
                "httpd is not running",
                List.of(Evidence.of("process", "looked for httpd among 9 processes\nsecond line")),
                "start it");
        assertEquals(
                "The first broken link is step daemon (Daemon step): httpd is not running."
                        + " Evidence: looked for httpd among 9 processes (process). Fix: start it.",
                Conclusions.conclude(List.of(s)).summary().text());
    }

    @Test
    void fileEvidenceWinsUnlessTheSummaryCitesAFileAlready() {
        List<Evidence> ev =
                List.of(Evidence.of("config", "8 files read"), Evidence.at("config", "Deny from all", "/etc/a.conf:6"));
        assertEquals(
                "The first broken link is step config (Config step): 10.0.0.9 is denied. Evidence: Deny from all (/etc/a.conf:6).",
                Conclusions.conclude(List.of(step("config", Verdict.FAIL, "10.0.0.9 is denied", ev)))
                        .summary()
                        .text());
        assertEquals(
                "The first broken link is step config (Config step): 10.0.0.9 is denied by /etc/a.conf:6: Deny from all.",
                Conclusions.conclude(List.of(
                                step("config", Verdict.FAIL, "10.0.0.9 is denied by /etc/a.conf:6: Deny from all", ev)))
                        .summary()
                        .text());
    }

    @Test
    void longEvidenceIsCut() {
        StepResult s = step("firewall", Verdict.FAIL, "dropped", List.of(Evidence.of("x", "a".repeat(500))));
        // one evidence item: quoted, cut to fit
        String text = Conclusions.conclude(List.of(s)).summary().text();
        assertEquals(
                "The first broken link is step firewall (Firewall step): dropped. Evidence: " + "a".repeat(157)
                        + "... (x).",
                text);
    }

    @Test
    void unknownWithoutFailNamesTheStepAndHowToFindOut() {
        Conclusion c = Conclusions.conclude(List.of(DAEMON, CONFIG_WARN, PROBE_UNKNOWN));
        assertEquals(Verdict.UNKNOWN, c.verdict());
        assertNull(c.blockingStep());
        assertEquals(
                "No step found a problem, but step probe (Probe step) could not tell: not run as root."
                        + " Fix: run as root. Also: config WARN (no access rules found).",
                c.summary().text());
        assertEquals(List.of("run as root", "give --config FILE"), Msg.texts(c.hints()));
    }

    @Test
    void warningsOnly() {
        Conclusion c = Conclusions.conclude(List.of(DAEMON, CONFIG_WARN));
        assertEquals(Verdict.WARN, c.verdict());
        assertEquals(
                "No step found a blocking problem, but step config (Config step) warns: no access rules found."
                        + " Fix: give --config FILE.",
                c.summary().text());
    }

    @Test
    void passAndSkipped() {
        assertEquals(
                "Every step passed: the service is running, listening and reachable.",
                Conclusions.conclude(List.of(DAEMON)).summary().text());
        StepResult skip = step("probe", Verdict.SKIP, "disabled with --no-probe", List.of());
        assertEquals(
                "No step found a problem; skipped: probe.",
                Conclusions.conclude(List.of(DAEMON, skip)).summary().text());
        assertEquals(
                "Every step was skipped: nothing was checked.",
                Conclusions.conclude(List.of(skip)).summary().text());
    }

    static Target target(Exposure e, String client) {
        ServiceProfile p = new ServiceProfile(
                "httpd",
                null,
                List.of("httpd"),
                List.of(),
                List.of(new ServiceProfile.PortSpec(80, "tcp")),
                e,
                null,
                null);
        Target t = Target.of("httpd", 80).withProfile(p);
        return client == null ? t : t.withClient(Addresses.literal(client));
    }

    static List<InetAddress> addrs(String... a) {
        return Arrays.stream(a).map(Addresses::literal).toList();
    }

    @Test
    void publicServiceOnAPrivateHostPointsAtTheRouter() {
        Conclusion c = Conclusions.conclude(
                List.of(DAEMON),
                target(Exposure.PUBLIC, null),
                addrs("127.0.0.1", "::1", "fe80::1", "10.0.0.154", "fd00::154"));
        assertEquals(
                "Every step passed: the service is running, listening and reachable."
                        + " Clients on the internet also need the router: check its port forwarding.",
                c.summary().text());
        assertEquals(
                List.of("This host has only private addresses, so clients on the internet reach it through the router:"
                        + " forward port 80/tcp on the router to 10.0.0.154 and allow it in the router's firewall."),
                Msg.texts(c.hints()));
    }

    @Test
    void routerHintComesAfterTheBlockingStepsFix() {
        Conclusion c =
                Conclusions.conclude(List.of(DAEMON, LISTEN_FAIL), target(Exposure.PUBLIC, null), addrs("192.168.1.5"));
        assertEquals(2, c.hints().size());
        assertEquals("change Listen to 80", c.hints().get(0).text());
        assertEquals("conclusion.hint.router", c.hints().get(1).key());
    }

    @Test
    void publicClientOnAPrivateHostPointsAtTheRouterToo() {
        Conclusion c = Conclusions.conclude(
                List.of(DAEMON), target(Exposure.LAN, "203.0.113.9"), addrs("127.0.0.1", "10.0.0.154"));
        assertEquals(
                List.of("Client 203.0.113.9 is on the internet and this host has only private addresses:"
                        + " forward port 80/tcp on the router to 10.0.0.154 and allow it in the router's firewall."),
                Msg.texts(c.hints()));
    }

    @Test
    void noRouterHintWhenItCannotBeTheCause() {
        // LAN service, LAN client
        assertEquals(
                List.of(),
                Conclusions.conclude(List.of(DAEMON), target(Exposure.LAN, "10.0.0.156"), addrs("10.0.0.154"))
                        .hints());
        // the host has a public address: no NAT in the way
        assertEquals(
                List.of(),
                Conclusions.conclude(
                                List.of(DAEMON), target(Exposure.PUBLIC, null), addrs("10.0.0.154", "2001:db8:1::5"))
                        .hints());
        // only loopback known: nothing to say
        assertEquals(
                List.of(),
                Conclusions.conclude(List.of(DAEMON), target(Exposure.PUBLIC, null), addrs("127.0.0.1"))
                        .hints());
    }
}
