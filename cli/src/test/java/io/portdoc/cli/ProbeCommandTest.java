package io.portdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code portdoc probe} against real loopback sockets, and a recorded host for the rest. */
class ProbeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Run(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    static Run portdoc(String... args) {
        CliTest.Run r = CliTest.run(args);
        return new Run(r.code(), r.out(), r.err());
    }

    /** boven as set up in the lab (the checks module's probe fixture), not the recorded seed host. */
    private static Path recorded() {
        return Path.of("../checks/src/test/resources/hosts/boven-lab");
    }

    @Test
    void openIsExitZeroWithTheContractJson() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Run r = portdoc("probe", "127.0.0.1", Integer.toString(server.getLocalPort()), "--format", "json");
            assertEquals(0, r.exit(), r.err());
            JsonNode j = r.json();
            assertEquals(List.of("schema", "host", "port", "state", "attempts"), fieldNames(j));
            assertEquals("portdoc/probe/v1", j.get("schema").asText());
            assertEquals("127.0.0.1", j.get("host").asText());
            assertEquals(server.getLocalPort(), j.get("port").asInt());
            assertEquals("open", j.get("state").asText());
            JsonNode a = j.get("attempts").get(0);
            assertEquals(List.of("address", "state", "elapsedMs", "error"), fieldNames(a));
            assertEquals("127.0.0.1", a.get("address").asText());
            assertEquals("open", a.get("state").asText());
            assertTrue(a.get("elapsedMs").isIntegralNumber());
            assertTrue(a.get("error").isNull());
        }
    }

    @Test
    void refusedIsExitOneAndTextSaysWhy() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Run r = portdoc("probe", "127.0.0.1", Integer.toString(port), "--timeout", "500ms");
        assertEquals(1, r.exit());
        assertTrue(r.out().startsWith("127.0.0.1 port " + port + ": refused\n"), r.out());
        assertTrue(r.out().contains("Connection refused"), r.out());
        assertTrue(r.out().contains("hint: 127.0.0.1:" + port + ": \"Connection refused\". Nothing listens"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void serviceNamesAreFineAsPort() throws Exception {
        Run r = portdoc("--recorded-host", recorded().toString(), "probe", "boven", "http", "-f", "json");
        assertEquals(0, r.exit(), r.err());
        assertEquals(80, r.json().get("port").asInt());
        assertEquals(2, r.json().get("attempts").size());
    }

    @Test
    void everyAddressOfTheNameIsTriedAndTheMostTellingFailureWins() throws Exception {
        Run r = portdoc("--recorded-host", recorded().toString(), "probe", "boven", "81", "--format", "json");
        assertEquals(1, r.exit());
        JsonNode j = r.json();
        assertEquals("host-unreachable", j.get("state").asText());
        assertEquals("10.0.0.154", j.get("attempts").get(0).get("address").asText());
        assertEquals("timeout", j.get("attempts").get(0).get("state").asText());
        assertEquals("fd42::154", j.get("attempts").get(1).get("address").asText());
        assertEquals("Permission denied", j.get("attempts").get(1).get("error").asText());
    }

    @Test
    void unresolvedIsExitOne() throws Exception {
        Run r = portdoc("--recorded-host", recorded().toString(), "probe", "nosuchhost", "80", "--format", "json");
        assertEquals(1, r.exit());
        assertEquals("unresolved", r.json().get("state").asText());
        assertEquals(
                "nosuchhost", r.json().get("attempts").get(0).get("address").asText());
    }

    @Test
    void helpNamesTheStates() {
        Run r = portdoc("probe", "--help");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Usage: portdoc probe"), r.out());
        assertTrue(r.out().contains("host-unreachable"), r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "99999999999", "-1", "nosuchservice", "8o"})
    void badPortIsOneLineAndExitTwo(String port) {
        assertBadInput(portdoc("probe", "127.0.0.1", port), "port");
    }

    @Test
    void badTimeoutFormatOrMissingArgumentIsExitTwo() {
        assertBadInput(portdoc("probe", "127.0.0.1", "80", "--timeout", "3x"), "invalid duration '3x'");
        assertBadInput(portdoc("probe", "127.0.0.1", "80", "--format", "xml"), "unknown format 'xml'");
        assertBadInput(portdoc("probe", "127.0.0.1", "80", "--format", "markdown"), "unknown format 'markdown'");
        assertBadInput(portdoc("probe", "127.0.0.1"), "PORT");
    }

    private static void assertBadInput(Run r, String mentions) {
        assertEquals(2, r.exit(), r.out() + r.err());
        assertEquals("", r.out());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, r.err());
        assertTrue(lines[0].startsWith("portdoc probe: "), lines[0]);
        assertTrue(lines[0].contains(mentions), lines[0]);
        assertFalse(r.err().contains("Exception"), r.err());
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
