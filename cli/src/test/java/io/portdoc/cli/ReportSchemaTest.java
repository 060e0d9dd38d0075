package io.portdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.portdoc.cli.render.JsonRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The published JSON Schemas (docs/*.schema.json, draft 2020-12) accept what portdoc writes and
 * reject what breaks the contract. Schemas are preloaded by their $id: nothing is fetched.
 */
class ReportSchemaTest {
    static final Path DOCS = Path.of("..", "docs");
    static final ObjectMapper JSON = new ObjectMapper();
    static final SchemaRegistry REGISTRY = registry();

    static SchemaRegistry registry() {
        Map<String, String> byId = new HashMap<>();
        for (String name : List.of("report", "reports", "probe")) {
            try {
                byId.put("urn:portdoc:schema:" + name + ":v1", Files.readString(DOCS.resolve(name + ".schema.json")));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, b -> b.schemas(byId));
    }

    static Schema schema(String name) {
        return REGISTRY.getSchema(com.networknt.schema.SchemaLocation.of("urn:portdoc:schema:" + name + ":v1"));
    }

    static List<String> errors(String schemaName, String json) {
        return schema(schemaName)
                .validate(json, InputFormat.JSON, c -> c.executionConfig(e -> e.formatAssertionsEnabled(true)))
                .stream()
                .map(Error::toString)
                .toList();
    }

    @Test
    void goldenReportIsValid() {
        assertEquals(List.of(), errors("report", new JsonRenderer(false).report(ReportJsonTest.seedReport())));
    }

    @Test
    void realDiagnoseRunsAreValid() {
        CliTest.Run one = CliTest.run(
                "--recorded-host",
                SamplesTest.HOST.toString(),
                "diagnose",
                "--service",
                "httpd",
                "--client",
                "10.0.0.156",
                "--no-probe",
                "--format",
                "json");
        assertTrue(one.code() != 2 && one.code() != 4, one.err());
        assertEquals(List.of(), errors("report", one.out()));
        CliTest.Run all = CliTest.run(
                "--recorded-host",
                SamplesTest.HOST.toString(),
                "diagnose",
                "--profile",
                SamplesTest.EXAMPLES.resolve("profiles/nfs.yaml").toString(),
                "--all",
                "--no-probe",
                "--format",
                "json");
        assertTrue(all.code() != 2 && all.code() != 4, all.err());
        assertEquals(List.of(), errors("reports", all.out()));
    }

    @Test
    void contractBreaksAreRejected() throws IOException {
        ObjectNode good = (ObjectNode) JSON.readTree(new JsonRenderer(false).report(ReportJsonTest.seedReport()));
        ObjectNode badVerdict = good.deepCopy();
        ((ObjectNode) badVerdict.get("steps").get(0)).put("verdict", "MAYBE");
        assertFalse(errors("report", badVerdict.toString()).isEmpty(), "unknown verdict");
        ObjectNode swapped = good.deepCopy();
        JsonNode first = swapped.get("steps").get(0);
        swapped.withArray("steps").set(0, swapped.get("steps").get(1));
        swapped.withArray("steps").set(1, first);
        assertFalse(errors("report", swapped.toString()).isEmpty(), "steps out of checklist order");
        ObjectNode noBlocking = good.deepCopy();
        ((ObjectNode) noBlocking.get("conclusion")).putNull("blockingStep");
        assertFalse(errors("report", noBlocking.toString()).isEmpty(), "FAIL without a blocking step");
        ObjectNode port = good.deepCopy();
        ((ObjectNode) port.get("target")).put("port", 70000);
        assertFalse(errors("report", port.toString()).isEmpty(), "port outside 1-65535");
        ObjectNode extra = good.deepCopy();
        extra.put("surprise", 1);
        assertFalse(errors("report", extra.toString()).isEmpty(), "unknown top-level field");
        ObjectNode time = good.deepCopy();
        time.put("generatedAt", "yesterday");
        assertFalse(errors("report", time.toString()).isEmpty(), "generatedAt is not a date-time");
    }

    @Test
    void realProbeRunsAreValid() {
        // replayed from the recorded host's connect.txt: no packet leaves this machine
        for (String[] hostPort : new String[][] {{"10.0.0.154", "80"}, {"boven", "631"}, {"10.0.0.154", "81"}}) {
            CliTest.Run r = CliTest.run(
                    "--recorded-host",
                    SamplesTest.HOST.toString(),
                    "probe",
                    hostPort[0],
                    hostPort[1],
                    "--timeout",
                    "1s",
                    "--format",
                    "json");
            assertTrue(r.code() == 0 || r.code() == 1, r.err());
            assertEquals(List.of(), errors("probe", r.out()), r.out());
        }
    }

    @Test
    void probeContractExampleIsValid() {
        String sample = """
                {"schema": "portdoc/probe/v1", "host": "10.0.0.154", "port": 80, "state": "timeout",
                 "attempts": [{"address": "10.0.0.154", "state": "timeout", "elapsedMs": 3001, "error": "connect timed out"}]}
                """;
        assertEquals(List.of(), errors("probe", sample));
        assertFalse(
                errors("probe", sample.replace("\"timeout\",\n", "\"closed\",\n"))
                        .isEmpty(),
                "unknown state");
    }
}
