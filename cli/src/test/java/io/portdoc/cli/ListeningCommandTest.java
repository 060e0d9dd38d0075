package io.portdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portdoc.core.host.RecordedSystem;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** portdoc listening on hosts recorded by the checks module (../checks/src/test/resources/hosts). */
class ListeningCommandTest {
    private static final Path BOVEN = Path.of("../examples/hosts/boven");

    private record Run(int exit, String out, String err) {}

    /** The seed's server is recorded once, in examples/; the other hosts are the checks module's. */
    private static RecordedSystem host(String name) {
        return new RecordedSystem(name.equals("boven") ? BOVEN : Path.of("../checks/src/test/resources/hosts", name));
    }

    private static Run run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static Run listening(String host, String... args) {
        return run(new CommandLine(new ListeningCommand(host(host))), args);
    }

    private static long pid(String host, String comm) {
        return host(host).processes().stream()
                .filter(p -> comm.equals(p.comm()))
                .mapToLong(p -> p.pid())
                .min()
                .orElseThrow();
    }

    @Test
    void textIsAlignedLikeNetstat() {
        Run r = listening("boven");
        assertEquals(0, r.exit());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).matches("ADDRESS +PORT +SCOPE +PID/PROGRAM +SERVICE"), lines.get(0));
        assertTrue(
                lines.contains(row("127.0.0.1", "25", "loopback IPv4", pid("boven", "master") + "/master", "smtp")),
                r.out());
        assertTrue(
                lines.contains(row(
                        "::",
                        "80",
                        "all IPv6 + IPv4 (v6only:0)",
                        pid("boven", "httpd2-prefork") + "/httpd2-prefork",
                        "http")),
                r.out());
        assertTrue(lines.contains(row("0.0.0.0", "2049", "all IPv4", "-", "nfs")), r.out());
        // every row has its port column ending where the header's PORT ends
        int portEnd = lines.get(0).indexOf("PORT") + 4;
        List<String> rows = lines.subList(1, 17);
        rows.forEach(l -> assertTrue(Character.isDigit(l.charAt(portEnd - 1)) && l.charAt(portEnd) == ' ', l));
        // boven's ss shows every [::] socket's flag: no socket is presumed dual-stack, so no note about it
        assertFalse(r.out().contains("(+IPv4): a dual-stack socket also takes IPv4 clients"), r.out());
        assertTrue(lines.contains(row("::", "631", "all IPv6 only", pid("boven", "cupsd") + "/cupsd", "ipp")), r.out());
        assertFalse(r.out().contains("\u001b["), "no colours");
        assertEquals("", r.err());
    }

    /** A row as the renderer lays it out for boven's column widths. */
    private static String row(String address, String port, String scope, String program, String service) {
        Run header = listening("boven");
        String h = header.out().lines().findFirst().orElseThrow();
        int port0 = h.indexOf("PORT");
        int scope0 = h.indexOf("SCOPE");
        int prog0 = h.indexOf("PID/PROGRAM");
        int svc0 = h.indexOf("SERVICE");
        String portCol = " ".repeat(Math.max(0, (scope0 - 2 - port0) - port.length())) + port;
        return (pad(address, port0) + portCol + "  " + pad(scope, prog0 - scope0) + pad(program, svc0 - prog0)
                        + service)
                .stripTrailing();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(1, width - s.length()));
    }

    @Test
    void json() throws Exception {
        Run r = listening("boven", "--format", "json");
        assertEquals(0, r.exit());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals("portdoc/listening/v1", root.get("schema").asText());
        assertEquals("boven", root.get("host").asText());
        assertTrue(root.get("port").isNull());
        assertEquals(16, root.get("sockets").size());
        List<JsonNode> smtp = new ArrayList<>();
        root.get("sockets").forEach(n -> {
            if (n.get("port").asInt() == 25) {
                smtp.add(n);
            }
        });
        assertEquals(2, smtp.size());
        JsonNode v6 = smtp.get(1);
        assertEquals("tcp6", v6.get("protocol").asText());
        assertEquals("::1", v6.get("address").asText());
        assertEquals("loopback", v6.get("scope").asText());
        assertEquals("loopback-v6", v6.get("bind").asText());
        assertEquals("[\"ipv6\"]", v6.get("clients").toString());
        assertEquals(pid("boven", "master"), v6.get("pid").asLong());
        assertEquals("master", v6.get("program").asText());
        assertEquals("smtp", v6.get("service").asText());
        assertEquals(0, root.get("hiddenOwners").asInt());
    }

    @Test
    void onePortByNumberOrName() throws Exception {
        Run byName = listening("boven", "--port", "ipp", "--format", "json");
        assertEquals(0, byName.exit());
        JsonNode root = new ObjectMapper().readTree(byName.out());
        assertEquals(631, root.get("port").asInt());
        assertEquals(2, root.get("sockets").size());
        assertEquals(
                byName.out(),
                listening("boven", "--port", "631", "--format", "json").out());
    }

    @Test
    void nothingOnTheAskedPort() {
        Run r = listening("boven", "--port", "22");
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("(no listening TCP sockets)"));
    }

    @Test
    void hiddenOwnersWithoutRoot() throws Exception {
        Run text = listening("nonroot");
        assertTrue(text.out().contains("the owners of 2 sockets are hidden: run as root"), text.out());
        assertTrue(text.out().contains(pid("nonroot", "myapp") + "/myapp"));
        JsonNode root = new ObjectMapper()
                .readTree(listening("nonroot", "--format", "json").out());
        assertFalse(root.get("privileged").asBoolean());
        assertEquals(2, root.get("hiddenOwners").asInt());
    }

    @Test
    void badInputIsExit2WithOneReadableLine() {
        String[][] cases = {
            {"--port", "0"},
            {"--port", "70000"},
            {"-p", "99999999999"},
            {"--port", "nosuchservice"},
            {"--format", "xml"}
        };
        String[] messages = {
            "port 0 is outside 1-65535",
            "port 70000 is outside 1-65535",
            "port 99999999999 is outside 1-65535",
            "'nosuchservice' is neither a port number nor a name in /etc/services",
            "unknown format 'xml' (use text or json)"
        };
        // picocli's own handler puts its prefix before a converter's message; portdoc's prints it as it is
        String[] plainMessages = messages.clone();
        plainMessages[4] = "Invalid value for option '--format': " + messages[4];
        for (int i = 0; i < cases.length; i++) {
            List<String> args = new ArrayList<>(List.of("listening"));
            args.addAll(List.of(cases[i]));
            // picocli's own handler: the message, then the usage
            Run plain = run(new CommandLine(new Main()), args.toArray(String[]::new));
            assertEquals(2, plain.exit(), String.join(" ", cases[i]));
            assertEquals(plainMessages[i], plain.err().lines().findFirst().orElse(""));
            assertEquals("", plain.out());
            // portdoc's handler: one line
            Run main = run(Main.commandLine(), args.toArray(String[]::new));
            assertEquals(2, main.exit());
            assertEquals(
                    List.of("portdoc listening: " + messages[i] + " (see 'portdoc listening --help')"),
                    main.err().lines().toList());
            for (Run r : List.of(plain, main)) {
                assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
            }
        }
    }

    @Test
    void recordedHostThroughMain() {
        Run r = run(Main.commandLine(), "--recorded-host", BOVEN.toString(), "listening", "--port", "25");
        assertEquals(0, r.exit(), r.err());
        assertEquals(3, r.out().lines().count(), r.out()); // header, 127.0.0.1, ::1
    }
}
