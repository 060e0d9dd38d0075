package io.portdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code profile check}, {@code --profile}, {@code --all} and the built-in profiles, through the command line. */
class ProfileCliTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String HOST = SamplesTest.HOST.toString();

    @TempDir
    Path dir;

    Path file(String name, String yaml) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, yaml);
        return f;
    }

    static CliTest.Run run(String... args) {
        List<String> a = new ArrayList<>(List.of("--recorded-host", HOST));
        a.addAll(List.of(args));
        return CliTest.run(a.toArray(String[]::new));
    }

    static JsonNode json(CliTest.Run r) throws Exception {
        assertTrue(r.code() != 2 && r.code() != 4, "exit " + r.code() + ": " + r.err());
        return JSON.readTree(r.out());
    }

    @Test
    void checkPrintsWhatItUnderstood() {
        CliTest.Run r = CliTest.run(
                "profile",
                "check",
                SamplesTest.EXAMPLES.resolve("profiles/postfix.yaml").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("valid portdoc/profile/v1, 1 service\n"), r.out());
        assertTrue(r.out().contains("  processes:     master\n"), r.out());
        assertTrue(r.out().contains("  ports:         25/tcp (smtp, well-known)\n"), r.out());
        assertTrue(
                r.out()
                        .contains(
                                "  exposure:      local (only this host should reach it: listening on loopback is right)\n"),
                r.out());
        assertTrue(r.out().contains("  replaces the built-in profile postfix\n"), r.out());
    }

    /** Every kind of profile error: exit 2, one line, FILE:LINE:COLUMN and the key. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown key     | prot: [80/tcp]           | :4:5: prot: unknown key
            duplicate key   | name: again              | :4:5: name: duplicate key
            wrong type      | ports: 80/tcp            | :4:12: ports: expected a list, found '80/tcp'
            port 0          | ports: [0/tcp]           | :4:13: ports: port 0 is outside 1-65535
            port 70000      | ports: [70000]           | :4:13: ports: port 70000 is outside 1-65535
            bad duration    | probe: {timeout: 3x}     | :4:22: timeout: invalid duration '3x'
            bad exposure    | exposure: world          | :4:15: exposure: 'world' is not one of local, lan, public
            """)
    void badProfilesAreExit2WithFileLineColumnAndKey(String kind, String line, String expected) throws Exception {
        Path f = file(
                "bad.yaml",
                "schema: portdoc/profile/v1\nservices:\n  - name: web\n    " + line
                        + "\n    ports: [80/tcp]\n"
                                .replace(
                                        "    ports: [80/tcp]\n",
                                        line.startsWith("ports") ? "" : "    ports: [80/tcp]\n"));
        for (String[] cmd : List.of(
                new String[] {"profile", "check", f.toString()},
                new String[] {"diagnose", "--profile", f.toString(), "--service", "web", "--no-probe"})) {
            CliTest.Run r = run(cmd);
            assertEquals(2, r.code(), kind + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
            assertTrue(r.err().contains(f + expected), kind + ": " + r.err());
        }
    }

    @Test
    void missingNameNotYamlWrongSchemaMissingFile() throws Exception {
        assertTrue(run(
                        "profile",
                        "check",
                        file("a.yaml", "schema: portdoc/profile/v1\nservices:\n  - ports: [1]\n")
                                .toString())
                .err()
                .contains("a.yaml:3:5: name: missing"));
        assertTrue(run(
                        "profile",
                        "check",
                        file("b.yaml", "<html><body>not yaml: [</body></html>\n")
                                .toString())
                .err()
                .contains("b.yaml:1:"));
        assertTrue(run(
                        "profile",
                        "check",
                        file("c.yaml", "schema: portdoc/profile/v9\nservices: []\n")
                                .toString())
                .err()
                .contains("c.yaml:1:9: schema: 'portdoc/profile/v9' is not supported"));
        CliTest.Run missing = run("profile", "check", dir.resolve("none.yaml").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("none.yaml (no such file)"), missing.err());
    }

    @Test
    void serviceWithoutPortUsesTheProfilesFirstPort() throws Exception {
        JsonNode t = json(run("diagnose", "--service", "httpd", "--no-probe", "--format", "json"))
                .get("target");
        assertEquals(80, t.get("port").asInt());
        assertEquals("http", t.get("portName").asText());
        assertEquals("lan", t.get("exposure").asText());
        // process names and /etc/services names find the built-in profile too
        assertEquals(
                25,
                json(run("diagnose", "--service", "master", "--no-probe", "--format", "json"))
                        .get("target")
                        .get("port")
                        .asInt());
        JsonNode ipp = json(run("diagnose", "--service", "ipp", "--no-probe", "--format", "json"))
                .get("target");
        assertEquals(631, ipp.get("port").asInt());
        assertEquals(
                "local",
                json(run("diagnose", "--port", "25", "--no-probe", "--format", "json"))
                        .get("target")
                        .get("exposure")
                        .asText(),
                "port 25 alone finds the postfix profile");
    }

    @Test
    void profileFileOverridesTheBuiltIn() throws Exception {
        Path f = file(
                "httpd.yaml",
                "schema: portdoc/profile/v1\nservices:\n  - name: httpd\n    ports: [8080/tcp]\n    exposure: public\n");
        JsonNode t = json(run(
                        "diagnose", "--profile", f.toString(), "--service", "httpd", "--no-probe", "--format", "json"))
                .get("target");
        assertEquals(8080, t.get("port").asInt());
        assertEquals("public", t.get("exposure").asText());
        // a single-service profile needs no --service
        assertEquals(
                8080,
                json(run("diagnose", "--profile", f.toString(), "--no-probe", "--format", "json"))
                        .get("target")
                        .get("port")
                        .asInt());
    }

    @Test
    void allRunsEveryServiceAndPortInProfileOrder() throws Exception {
        Path f = file(
                "two.yaml",
                "schema: portdoc/profile/v1\nservices:\n  - name: web\n    ports: [80/tcp, 443/tcp]\n"
                        + "  - name: mail\n    processes: [master]\n    ports: [25]\n    exposure: local\n");
        JsonNode doc = json(run("diagnose", "--profile", f.toString(), "--all", "--no-probe", "--format", "json"));
        assertEquals("portdoc/reports/v1", doc.get("schema").asText());
        List<String> got = new ArrayList<>();
        doc.get("reports")
                .forEach(r -> got.add(r.get("target").get("service").asText() + " "
                        + r.get("target").get("port").asInt() + " "
                        + r.get("target").get("exposure").asText()));
        assertEquals(List.of("web 80 lan", "web 443 lan", "mail 25 local"), got);
        assertEquals(3, doc.get("summary").get("total").asInt());
        assertEquals(3, doc.get("summary").get("items").size());
        CliTest.Run text = run("diagnose", "--profile", f.toString(), "--all", "--no-probe");
        assertTrue(text.out().contains("3 diagnoses: "), text.out());
        assertEquals(doc.get("summary").get("exitCode").asInt(), text.code(), "exit code = the worst report's");
    }

    @Test
    void allWritesTheCombinedReportAtomicallyToOutput() throws Exception {
        Path out = dir.resolve("out").resolve("nfs.md");
        Files.createDirectories(out.getParent());
        CliTest.Run r = run(
                "diagnose",
                "--profile",
                SamplesTest.EXAMPLES.resolve("profiles/nfs.yaml").toString(),
                "--all",
                "--no-probe",
                "--format",
                "markdown",
                "--output",
                out.toString());
        assertTrue(r.code() != 2 && r.code() != 4, r.err());
        assertEquals("", r.out());
        String md = Files.readString(out);
        assertTrue(
                md.startsWith("# portdoc: ")
                        && md.contains("| nfs 2049/tcp |")
                        && md.contains("| rpcbind 111/tcp |")
                        && md.contains("| mountd 20048/tcp |"),
                md);
        try (var files = Files.list(out.getParent())) {
            assertEquals(1, files.count(), "no temp file left behind");
        }
    }

    @Test
    void allNeedsAProfileAndNoSingleTarget() throws Exception {
        Path f = file("one.yaml", "schema: portdoc/profile/v1\nservices:\n  - name: web\n    ports: [80]\n");
        for (String[] args : List.of(
                new String[] {"diagnose", "--all"},
                new String[] {"diagnose", "--all", "--profile", f.toString(), "--service", "web"},
                new String[] {"diagnose", "--all", "--profile", f.toString(), "--port", "80"},
                new String[] {"diagnose", "--all", "--profile", f.toString(), "--config", f.toString()})) {
            CliTest.Run r = run(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
        Path two = file(
                "two.yaml",
                "schema: portdoc/profile/v1\nservices:\n  - name: a\n    ports: [80]\n  - name: b\n    ports: [81]\n");
        CliTest.Run r = run("diagnose", "--profile", two.toString());
        assertEquals(2, r.code());
        assertTrue(
                r.err()
                        .contains(
                                "the profile lists 2 services (a, b): pick one with --service NAME, or diagnose them all with --all"),
                r.err());
    }

    @Test
    void listShowsTheBuiltIns() {
        CliTest.Run r = CliTest.run("profile", "list");
        assertEquals(0, r.code());
        for (String name : List.of(
                "httpd", "cups", "sshd", "postfix", "mysql", "nfs", "rpcbind", "mountd", "rsync", "ftp", "nginx")) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(name + " ")), name + " in " + r.out());
        }
        assertFalse(CliTest.run("profile").code() == 0, "profile without a subcommand is a usage error");
    }
}
