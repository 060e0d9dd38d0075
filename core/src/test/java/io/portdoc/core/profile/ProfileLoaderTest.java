package io.portdoc.core.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.portdoc.core.BadInputException;
import io.portdoc.core.Exposure;
import io.portdoc.core.profile.ServiceProfile.PortSpec;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProfileLoaderTest {
    static final String GOOD = """
            schema: portdoc/profile/v1
            services:
              - name: httpd
                description: Apache HTTP Server
                processes: [httpd, apache2]
                systemdUnits: [apache2.service]
                ports: [80/tcp, 443]
                exposure: public
                config:
                  format: apache
                  files: [/etc/apache2/apache2.conf]
                  path: /intranet
                probe: {timeout: 500ms}
              - name: postfix
                processes: [master]
                ports: [25/tcp]
                exposure: local
            """;

    @Test
    void bindsEveryField() {
        List<ServiceProfile> ps = ProfileLoader.parse("good.yaml", GOOD);
        assertEquals(2, ps.size());
        ServiceProfile h = ps.get(0);
        assertEquals("httpd", h.name());
        assertEquals("Apache HTTP Server", h.description());
        assertEquals(List.of("httpd", "apache2"), h.processes());
        assertEquals(List.of("apache2.service"), h.systemdUnits());
        assertEquals(List.of(new PortSpec(80, "tcp"), new PortSpec(443, "tcp")), h.ports());
        assertEquals(Exposure.PUBLIC, h.exposure());
        assertEquals(
                new ServiceProfile.ConfigSpec("apache", List.of("/etc/apache2/apache2.conf"), "/intranet"), h.config());
        assertEquals(Duration.ofMillis(500), h.probeTimeout());
        ServiceProfile p = ps.get(1);
        assertEquals(Exposure.LOCAL, p.exposure());
        assertEquals(null, p.config());
        assertEquals(null, p.probeTimeout());
    }

    @Test
    void exposureDefaultsToLan() {
        var ps = ProfileLoader.parse("x.yaml", "schema: portdoc/profile/v1\nservices:\n  - name: a\n    ports: [1]\n");
        assertEquals(Exposure.LAN, ps.get(0).exposure());
    }

    static String error(String yaml) {
        return assertThrows(BadInputException.class, () -> ProfileLoader.parse("p.yaml", yaml))
                .getMessage();
    }

    /** Replaces one line of GOOD (1-based) and expects the error message. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown key          | 6  | ____prots: [80/tcp]              | p.yaml:6:5: prots: unknown key (expected one of: config, description, exposure, name, ports, probe, processes, systemdUnits)
            port 0               | 7  | ____ports: [0/tcp]               | p.yaml:7:13: ports: port 0 is outside 1-65535
            port 70000           | 7  | ____ports: [80/tcp, 70000/tcp]   | p.yaml:7:21: ports: port 70000 is outside 1-65535
            port not a number    | 7  | ____ports: [http]                | p.yaml:7:13: ports: 'http' is not a port (write it as 80/tcp)
            port protocol        | 7  | ____ports: [80/tcp, 111/udp]     | p.yaml:7:21: ports: protocol 'udp' in '111/udp' is not supported (portdoc diagnoses tcp ports only)
            ports not a list     | 7  | ____ports: 80/tcp                | p.yaml:7:12: ports: expected a list, found '80/tcp'
            processes not a list | 5  | ____processes: httpd             | p.yaml:5:16: processes: expected a list, found 'httpd'
            name is a list       | 3  | __- name: [a, b]                 | p.yaml:3:11: name: expected a single value, found a list
            config is a list     | 9  | ____config: [apache]             | p.yaml:9:13: config: expected a mapping (key: value lines), found a list
            bad duration         | 13 | ____probe: {timeout: 3 weeks}    | p.yaml:13:22: timeout: invalid duration '3 weeks' (use e.g. 3s, 500ms, 1m)
            duration too long    | 13 | ____probe: {timeout: 2h}         | p.yaml:13:22: timeout: duration '2h' is outside 1ms-1h
            bad exposure         | 8  | ____exposure: internet           | p.yaml:8:15: exposure: 'internet' is not one of local, lan, public
            bad config format    | 10 | ______format: lighttpd           | p.yaml:10:15: format: 'lighttpd' is not one of apache, cups, nginx, sshd, tcpwrappers, xinetd, postgresql, mysql, redis
            relative config file | 11 | ______files: [apache2.conf]      | p.yaml:11:15: files: 'apache2.conf' is not an absolute path
            duplicate key        | 6  | ____processes: [x]               | p.yaml:6:5: processes: duplicate key (each key may appear once per mapping)
            missing name         | 3  | __-                              | p.yaml:4:5: name: missing (every service needs a name)
            empty name           | 3  | __- name: ""                     | p.yaml:3:11: name: missing (every service needs a name)
            null list item       | 7  | ____ports: [80/tcp, ~]           | p.yaml:7:21: ports: a list item is empty
            null process         | 5  | ____processes: [httpd, ~]        | p.yaml:5:24: processes: a list item is empty
            null exposure        | 8  | ____exposure:                    | p.yaml:8:14: exposure: empty (give a value or leave the key out)
            null name            | 3  | __- name: ~                      | p.yaml:3:11: name: empty (give a value or leave the key out)
            null description     | 4  | ____description: ~               | p.yaml:4:18: description: empty (give a value or leave the key out)
            wrong schema         | 1  | schema: portdoc/profile/v2       | p.yaml:1:9: schema: 'portdoc/profile/v2' is not supported (this portdoc reads portdoc/profile/v1)
            missing schema       | 1  | # no schema                      | p.yaml:1:1: schema: missing (start the file with 'schema: portdoc/profile/v1')
            duplicate name       | 14 | __- name: HTTPD                  | p.yaml:14:11: name: 'HTTPD' is already defined at line 3
            bad indentation      | 7  | ___ports: [80/tcp]               | p.yaml:7:4: not valid YAML: expected <block end>, but found '<block mapping start>' (check the indentation)
            """)
    void errorsNameFileLineColumnAndKey(String kind, int line, String replacement, String expected) {
        List<String> lines = new ArrayList<>(GOOD.lines().toList());
        lines.set(line - 1, indent(replacement));
        assertEquals(expected, error(String.join("\n", lines) + "\n"), kind);
    }

    /** CsvSource trims values: leading underscores stand for the indentation. */
    static String indent(String s) {
        int n = 0;
        while (n < s.length() && s.charAt(n) == '_') {
            n++;
        }
        return " ".repeat(n) + s.substring(n);
    }

    @Test
    void shadowFileIsNeverQuoted() {
        String shadow = "root:$6$saltsalt$H4shH4shH4shH4shH4sh:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n";
        String e = error(shadow);
        assertTrue(e.startsWith("p.yaml:1:1: not a portdoc profile"), e);
        assertTrue(!e.contains("root") && !e.contains("H4sh"), e);
        String spaced = error("root: $6$saltsalt$H4shH4shH4shH4shH4sh\n");
        assertTrue(!spaced.contains("root") && !spaced.contains("H4sh"), spaced);
    }

    @Test
    void unknownKeyIsQuotedAsAShortPrintablePrefix() {
        String e = error("schema: portdoc/profile/v1\nhash_H4shH4shH4shH4shH4shH4shH4sh\u00e9: 1\nservices: []\n");
        assertTrue(e.contains("hash_H4shH4shH4shH4shH4s...: unknown key"), e);
        assertTrue(!e.contains("H4shH4shH4shH4shH4shH4sh") && !e.contains("\u00e9"), e);
    }

    @Test
    void notYamlAtAll() {
        assertEquals(
                "p.yaml:1:1: not a portdoc profile: expected a mapping starting with 'schema: portdoc/profile/v1'"
                        + " (nothing of a file without it is quoted)",
                error("Hello, this is a letter.\n"));
        assertTrue(error("{{{ [[[\n").startsWith("p.yaml:1:"), "YAML syntax errors are located");
        assertTrue(error("- a\n- b\n").contains("expected a mapping starting with 'schema: portdoc/profile/v1'"));
        assertEquals(
                "p.yaml:1:1: schema: missing (the file is empty; start it with 'schema: portdoc/profile/v1')",
                error("\n"));
    }

    @Test
    void servicesAndPortsAreRequired() {
        assertEquals(
                "p.yaml:1:1: services: missing (list at least one service)", error("schema: portdoc/profile/v1\n"));
        assertEquals(
                "p.yaml:2:11: services: missing (list at least one service)",
                error("schema: portdoc/profile/v1\nservices: []\n"));
        assertEquals(
                "p.yaml:3:5: ports: missing (service a needs at least one port, e.g. [80/tcp])",
                error("schema: portdoc/profile/v1\nservices:\n  - name: a\n"));
    }

    @Test
    void yamlTagsDoNotConstructObjects() {
        String m = error(
                "schema: portdoc/profile/v1\nservices:\n  - name: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1/\"]]]]\n    ports: [1]\n");
        assertTrue(m.startsWith("p.yaml:3:"), m);
    }

    @Test
    void aliasBombIsRefused() {
        StringBuilder y = new StringBuilder("schema: portdoc/profile/v1\na: &a [x,x,x,x,x,x,x,x,x,x]\n");
        for (char c = 'b'; c <= 'z'; c++) {
            y.append(c).append(": &").append(c).append(" [");
            y.append(("*" + (char) (c - 1) + ",").repeat(9))
                    .append('*')
                    .append((char) (c - 1))
                    .append("]\n");
        }
        String m = error(y.toString());
        assertTrue(m.startsWith("p.yaml:"), m);
    }

    @Test
    void fileErrors(@TempDir Path dir) throws Exception {
        BadInputException e = assertThrows(BadInputException.class, () -> ProfileLoader.load(dir.resolve("none.yaml")));
        assertEquals("cannot read profile " + dir.resolve("none.yaml") + " (no such file)", e.getMessage());
        Path bin = dir.resolve("bin.yaml");
        Files.write(bin, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
        assertEquals(
                bin + ":1:1: not a YAML profile (the file is not UTF-8 text)",
                assertThrows(BadInputException.class, () -> ProfileLoader.load(bin))
                        .getMessage());
        Path ok = dir.resolve("ok.yaml");
        Files.writeString(ok, GOOD);
        assertEquals(2, ProfileLoader.load(ok).size());
    }

    @Test
    void builtInProfilesLoadAndCoverTheSeedsDaemons() {
        List<ServiceProfile> b = ProfileLoader.builtIn();
        ProfileCatalog c = new ProfileCatalog(b);
        // netstat -tlpn of the seed: program names and ports
        for (String[] row : new String[][] {
            {"xinetd", "873"},
            {"mysqld", "3306"},
            {"rpc.mountd", "20048"},
            {"cupsd", "631"},
            {"master", "25"},
            {"httpd2-prefork", "80"},
            {"nfsd", "2049"},
            {"rpcbind", "111"},
            {"sshd", "22"},
            {"vsftpd", "21"},
            {"nginx", "80"},
            {"mariadbd", "3306"},
            {"apache2", "443"}
        }) {
            ServiceProfile p = c.find(row[0]).orElseThrow(() -> new AssertionError("no profile for " + row[0]));
            assertTrue(p.ports().stream().anyMatch(s -> s.port() == Integer.parseInt(row[1])), row[0] + " " + p);
        }
        assertEquals(Exposure.LOCAL, c.find("postfix").orElseThrow().exposure());
        assertEquals("cups", c.find("cupsd").orElseThrow().config().format());
        assertEquals("apache", c.find("httpd").orElseThrow().config().format());
        assertEquals("httpd", c.findByPort(80, "tcp").orElseThrow().name(), "Apache before nginx");
        assertEquals("ftp", c.findByPort(21, "tcp").orElseThrow().name());
        for (ServiceProfile p : b) {
            p.processes().forEach(n -> assertTrue(n.length() <= 15, n + " can never match /proc/PID/comm"));
        }
    }

    /** builtin.json is what the jar reads; the build writes it from the strictly parsed builtin.yaml. */
    @Test
    void builtInJsonTwinEqualsTheYaml() throws Exception {
        List<ServiceProfile> fromYaml = ProfileLoader.builtInFromYaml();
        try (InputStream json = ProfileLoader.class.getResourceAsStream(ProfileLoader.BUILTIN_JSON)) {
            assertNotNull(json, "the build step (exec-maven-plugin, BuiltinJson) wrote no builtin.json");
            assertEquals(fromYaml, ProfileLoader.fromTree(new ObjectMapper().readTree(json)));
        }
        assertEquals(fromYaml, ProfileLoader.builtIn());
        assertFalse(
                Files.exists(Path.of("src/main/resources/io/portdoc/core/profile", ProfileLoader.BUILTIN_JSON)),
                "builtin.json is derived: edit builtin.yaml only");
    }

    @Test
    void buildStepRefusesAnInvalidBuiltIn(@TempDir Path dir) throws Exception {
        Path yaml = Files.writeString(
                dir.resolve("builtin.yaml"),
                "schema: portdoc/profile/v1\nservices:\n  - name: x\n    ports: [70000/tcp]\n");
        Path json = dir.resolve("builtin.json");
        BadInputException e = assertThrows(
                BadInputException.class, () -> BuiltinJson.main(new String[] {yaml.toString(), json.toString()}));
        assertTrue(e.getMessage().startsWith("builtin:builtin.yaml:4:"), e.getMessage());
        assertFalse(Files.exists(json), "nothing written for an invalid source");
    }

    @Test
    void buildStepKeepsTheTreeAndDropsTheComments() throws Exception {
        String json = BuiltinJson.toJson("# a comment\nschema: portdoc/profile/v1\nservices:\n  - name: x\n"
                + "    ports: [80/tcp]\n    probe: {timeout: 3s}\n");
        assertEquals(
                "{\"schema\":\"portdoc/profile/v1\",\"services\":[{\"name\":\"x\",\"ports\":[\"80/tcp\"],"
                        + "\"probe\":{\"timeout\":\"3s\"}}]}\n",
                json);
    }
}
