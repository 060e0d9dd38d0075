package io.portdoc.lab;

import static io.portdoc.lab.LabNet.CLIENT_IP;
import static io.portdoc.lab.LabNet.OUTSIDE_CLIENT_IP;
import static io.portdoc.lab.LabNet.SERVER_IP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Capture round trip: {@code portdoc capture} in the server namespace next to a real Apache with
 * the seed's rules, replayed by {@code diagnose --from} in a client namespace as {@code nobody}
 * (no root, no view of the server): the same report as the live run on the server, whose config
 * verdicts curl confirms (200 inside, 403 outside).
 */
@ExtendWith(Lab.class)
@LabPrefix("pdf")
class CaptureLabTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SEED = """
            Listen 80
            TypesConfig /etc/mime.types
            <Directory "@DOCROOT@">
            Order Deny,Allow
            Deny from all
            Allow from 10.0.0
            </Directory>
            """;

    @Test
    void aReplayAsNobodyElsewhereGivesTheLiveVerdicts(LabNet net) throws IOException {
        Lab.require(Exec.installed("setpriv"), "setpriv is not installed (Debian: util-linux)");
        Apache apache = net.startApache(net.server(), SEED);
        assertEquals(200, net.httpStatus(net.inside(), "http://" + SERVER_IP + "/"));
        assertEquals(403, net.httpStatus(net.outside(), "http://" + SERVER_IP + "/"));

        Path shared = Files.createTempDirectory(
                "pdF-capture-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        try {
            String classPath = readableClassPath(shared.resolve("lib"));
            for (String client : List.of(CLIENT_IP, OUTSIDE_CLIENT_IP)) {
                List<String> target = List.of(
                        "--service",
                        apache.processName(),
                        "--port",
                        "80",
                        "--client",
                        client,
                        "--config",
                        apache.conf().toString());
                PortdocRun live = net.portdoc(net.server(), concat(List.of("diagnose"), target, "--format", "json"));
                Path bundle = shared.resolve("boven-" + client + ".tar.gz");
                PortdocRun cap = net.portdoc(net.server(), concat(List.of("capture"), target, "-o", bundle.toString()));
                assertEquals(0, cap.exit(), cap.toString());
                Files.setPosixFilePermissions(bundle, PosixFilePermissions.fromString("rw-r--r--"));

                PortdocRun replay = net.portdocAs(
                        net.other(),
                        List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"),
                        classPath,
                        concat(List.of("diagnose", "--from", bundle.toString()), target, "--format", "json"));
                assertEquals(live.exit(), replay.exit(), replay.toString());
                assertEquals(client.equals(CLIENT_IP) ? "PASS" : "FAIL", replay.verdict("config"), replay.toString());
                assertEquals(masked(live.json()), masked(replay.json()), "live and replayed reports differ");
            }
        } finally {
            Exec.run(List.of("rm", "-rf", shared.toString()), null, Duration.ofSeconds(20));
        }
    }

    @Test
    void aCaptureAsNobodySaysWhatItCouldNotSee(LabNet net) throws IOException {
        Lab.require(Exec.installed("setpriv"), "setpriv is not installed (Debian: util-linux)");
        Apache apache = net.startApache(net.server(), SEED);
        Path shared = Files.createTempDirectory("pdF-capture-");
        try {
            // a directory nobody may write into (a temp dir's attribute is masked by the umask)
            Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
            String classPath = readableClassPath(shared.resolve("lib"));
            Path bundle = shared.resolve("nobody.tar.gz");
            PortdocRun cap = net.portdocAs(
                    net.server(),
                    List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"),
                    classPath,
                    List.of("capture", "--service", apache.processName(), "--port", "80", "-o", bundle.toString()));
            assertEquals(0, cap.exit(), cap.toString());
            assertTrue(cap.err().contains("not root"), cap.err());
            PortdocRun replay = net.portdoc(
                    net.inside(),
                    "diagnose",
                    "--from",
                    bundle.toString(),
                    "--service",
                    apache.processName(),
                    "--port",
                    "80",
                    "--client",
                    CLIENT_IP,
                    "--format",
                    "json");
            assertEquals(
                    false,
                    replay.json()
                            .path("source")
                            .path("capture")
                            .path("privileged")
                            .asBoolean(true));
            assertEquals("UNKNOWN", replay.verdict("firewall"), replay.toString());
        } finally {
            Exec.run(List.of("rm", "-rf", shared.toString()), null, Duration.ofSeconds(20));
        }
    }

    /** The report without what differs between two runs: times, durations, the capture stamp. */
    static JsonNode masked(JsonNode report) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(report.toString()
                // the portdoc run itself is one of the processes, and its probe's timings are its own
                .replaceAll("after [0-9]+ ms", "after N ms")
                .replaceAll("among [0-9]+ processes", "among N processes"));
        root.remove("generatedAt");
        root.remove("source");
        root.path("steps").forEach(s -> ((ObjectNode) s).remove("durationMs"));
        return root;
    }

    /** The test class path with the jars nobody may not read (under /root) copied where it may. */
    static String readableClassPath(Path lib) throws IOException {
        Files.createDirectories(lib);
        List<String> out = new ArrayList<>();
        String cp = System.getProperty("portdoc.lab.classpath", System.getProperty("java.class.path"));
        int n = 0;
        for (String e : cp.split(File.pathSeparator)) {
            Path p = Path.of(e);
            if (Files.isRegularFile(p) && p.toString().startsWith("/root")) {
                Path copy = lib.resolve((n++) + "-" + p.getFileName());
                Files.copy(p, copy, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                out.add(copy.toString());
            } else {
                out.add(e);
            }
        }
        Files.setPosixFilePermissions(lib, PosixFilePermissions.fromString("rwxr-xr-x"));
        return String.join(File.pathSeparator, out);
    }

    private static List<String> concat(List<String> head, List<String> middle, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(middle);
        all.addAll(List.of(tail));
        return all;
    }
}
