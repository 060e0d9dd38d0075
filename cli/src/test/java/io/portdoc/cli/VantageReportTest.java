package io.portdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portdoc.cli.render.JsonRenderer;
import io.portdoc.cli.render.MarkdownRenderer;
import io.portdoc.cli.render.TextRenderer;
import io.portdoc.core.Conclusion;
import io.portdoc.core.Conclusions;
import io.portdoc.core.Report;
import io.portdoc.core.StepResult;
import io.portdoc.core.net.Addresses;
import io.portdoc.core.probe.Attempt;
import io.portdoc.core.probe.ProbeResult;
import io.portdoc.core.probe.ProbeState;
import io.portdoc.core.vantage.ClientFacts;
import io.portdoc.core.vantage.ClientRoute;
import io.portdoc.core.vantage.NameLookup;
import io.portdoc.core.vantage.OutputFilter;
import io.portdoc.core.vantage.Reconciler;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The client section and the vantage fields in every format, and valid against the schema. */
class VantageReportTest {
    static Report report() {
        Report seed = ReportJsonTest.seedReport();
        ClientFacts facts = new ClientFacts(
                "laptop",
                new NameLookup(
                        "boven", List.of(Addresses.literal("10.0.0.99")), NameLookup.Origin.HOSTS_FILE, "/etc/hosts:7"),
                List.of(Addresses.literal("10.0.0.154"), Addresses.literal("fd00::154")),
                new ClientRoute(
                        Addresses.literal("10.0.0.99"),
                        Addresses.literal("192.168.1.1"),
                        "wlan0",
                        Addresses.literal("192.168.1.7"),
                        null),
                new OutputFilter(OutputFilter.Kind.DROP, "inet egress out rule 2: tcp dport 80 drop", "timeout"),
                Map.of("https_proxy", "http://***@proxy.lan:3128"),
                new ProbeResult(
                        "boven",
                        80,
                        ProbeState.TIMEOUT,
                        List.of(new Attempt("10.0.0.99", ProbeState.TIMEOUT, 3000, "Connect timed out"))),
                Addresses.literal("203.0.113.5"));
        List<StepResult> steps = seed.steps();
        Conclusion base = Conclusions.conclude(steps);
        return new Report(
                seed.toolVersion(),
                seed.generatedAt(),
                seed.host(),
                seed.target(),
                seed.portName(),
                steps,
                Reconciler.reconcile(base, steps, facts, null),
                facts,
                Set.of("probe"));
    }

    @Test
    void jsonCarriesTheClientSectionAndEachStepsVantageAndIsValid() throws Exception {
        String json = new JsonRenderer(false).report(report());
        assertEquals(List.of(), ReportSchemaTest.errors("report", json));
        JsonNode n = new ObjectMapper().readTree(json);
        assertEquals("server", n.at("/steps/0/vantage").asText());
        assertEquals("client", n.at("/steps/4/vantage").asText());
        assertEquals("client", n.at("/client/vantage").asText());
        assertEquals(true, n.at("/client/name/mismatch").asBoolean());
        assertEquals("/etc/hosts:7", n.at("/client/name/location").asText());
        assertEquals("drop", n.at("/client/firewall/decision").asText());
        assertEquals("192.168.1.1", n.at("/client/route/gateway").asText());
        assertEquals(true, n.at("/client/nat").asBoolean());
        assertEquals("client.firewall", n.at("/conclusion/summaryKey").asText());
    }

    @Test
    void aServerLocalReportHasServerStepsAndNoClientSection() throws Exception {
        JsonNode n = new ObjectMapper().readTree(new JsonRenderer(false).report(ReportJsonTest.seedReport()));
        assertTrue(n.path("client").isMissingNode());
        for (JsonNode s : n.path("steps")) {
            assertEquals("server", s.path("vantage").asText());
        }
    }

    @Test
    void textAndMarkdownShowTheClientsView() {
        String text = new TextRenderer(false, false).report(report());
        assertTrue(text.contains("Seen from the client laptop:"), text);
        assertTrue(
                text.contains("boven resolves to 10.0.0.99 (/etc/hosts:7), but the server's addresses are 10.0.0.154,"
                        + " fd00::154: another host"),
                text);
        assertTrue(text.contains("to 10.0.0.99 through the gateway 192.168.1.1 on wlan0, from 192.168.1.7"), text);
        assertTrue(text.contains("dropped by inet egress out rule 2: tcp dport 80 drop; programs see timeout"), text);
        assertTrue(text.contains("https_proxy=http://***@proxy.lan:3128"), text);
        String md = new MarkdownRenderer().report(report());
        assertTrue(md.contains("**Seen from the client laptop**"), md);
        assertTrue(
                md.contains("| route | to 10.0.0.99 through the gateway 192.168.1.1 on wlan0, from 192.168.1.7 |"), md);
    }

    @Test
    void fromClientNeedsAServerReadFromElsewhere() {
        CliTest.Run r = CliTest.run("diagnose", "--service", "httpd", "--port", "80", "--from-client");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("--from-client needs the server read from elsewhere"), r.err());
    }
}
