package io.portdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portdoc.cli.render.JsonRenderer;
import io.portdoc.cli.render.MarkdownRenderer;
import io.portdoc.cli.render.TextRenderer;
import io.portdoc.core.Report;
import io.portdoc.core.Vantage;
import io.portdoc.core.net.Addresses;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A report made over SSH says where each piece comes from: the vantage block, each step's side, the NAT. */
class SshReportTest {
    static Report overSsh(String routeSource, String seen) {
        Report r = ReportJsonTest.seedReport();
        Vantage v = new Vantage(
                "admin@boven",
                Addresses.literal("10.0.0.154"),
                Addresses.literal(routeSource),
                Addresses.literal(seen));
        return new Report(
                r.toolVersion(),
                r.generatedAt(),
                r.host(),
                r.target().withVantage(v),
                r.portName(),
                r.steps(),
                r.conclusion());
    }

    @Test
    void jsonNamesTheVantageAndEachStepsSide() throws Exception {
        String json = new JsonRenderer(false).report(overSsh("192.168.77.2", "10.9.0.2"));
        assertEquals(List.of(), ReportSchemaTest.errors("report", json));
        JsonNode n = ReportSchemaTest.JSON.readTree(json);
        assertEquals("admin@boven", n.path("vantage").path("destination").asText());
        assertEquals("192.168.77.2", n.path("vantage").path("clientRouteSource").asText());
        assertEquals("10.9.0.2", n.path("vantage").path("clientSeenByServer").asText());
        assertTrue(n.path("vantage").path("nat").asBoolean());
        for (JsonNode s : n.path("steps")) {
            assertEquals(
                    s.path("id").asText().equals("probe") ? "client" : "server",
                    s.path("vantage").asText());
        }
        ObjectNode bad = (ObjectNode) n.deepCopy();
        ((ObjectNode) bad.get("steps").get(0)).put("vantage", "router");
        assertFalse(ReportSchemaTest.errors("report", bad.toString()).isEmpty(), "a side that is not server/client");
    }

    @Test
    void withoutSshThereIsNoVantage() throws Exception {
        JsonNode n = ReportSchemaTest.JSON.readTree(new JsonRenderer(false).report(ReportJsonTest.seedReport()));
        assertTrue(n.path("vantage").isMissingNode());
        // every step still says where its evidence was seen: on the server itself
        assertEquals("server", n.path("steps").get(0).path("vantage").asText());
    }

    @Test
    void textAndMarkdownSayOverSshAndNat() {
        String nat = new TextRenderer(false, false).report(overSsh("192.168.77.2", "10.9.0.2"));
        assertTrue(nat.contains("over SSH (admin@boven)"), nat);
        assertTrue(nat.contains("NAT: the server sees this client as 10.9.0.2"), nat);
        String direct = new TextRenderer(false, false).report(overSsh("10.0.0.156", "10.0.0.156"));
        assertFalse(direct.contains("NAT"), direct);
        String md = new MarkdownRenderer().report(overSsh("192.168.77.2", "10.9.0.2"));
        assertTrue(md.contains("over SSH (admin@boven)") && md.contains("NAT"), md);
    }
}
