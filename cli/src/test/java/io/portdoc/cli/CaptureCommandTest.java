package io.portdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portdoc.core.capture.TarWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code portdoc capture} of a recorded host, replayed with {@code diagnose --from}, gives the
 * report the host itself gives (timings and the capture's own stamp aside); bad bundles are exit
 * 2 with one line.
 */
class CaptureCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path CHECK_HOSTS = Path.of("..", "checks", "src", "test", "resources", "hosts");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({
        "../examples/hosts/boven, httpd, 80, 192.168.1.7",
        "../examples/hosts/boven, httpd, 80, 10.0.0.156",
        "../examples/hosts/boven, cups, 631, 10.0.0.156",
        "../examples/hosts/boven, smtp, 25, 10.0.0.156",
        "nginx-debian, nginx, 80, 10.0.0.7",
        "sshd-debian, sshd, 22, 10.0.0.7",
        "redis-debian, redis, 6379, 10.0.0.7",
        "mariadb-debian, mysql, 3306, 10.0.0.7",
    })
    void aCaptureReplaysToTheSameReport(String host, String service, String port, String client) throws IOException {
        Path dir = host.startsWith("..") ? Path.of(host) : CHECK_HOSTS.resolve(host);
        Path bundle = tmp.resolve("b.tar.gz");
        CliTest.Run cap = CliTest.run(
                "--recorded-host",
                dir.toString(),
                "capture",
                "--service",
                service,
                "--port",
                port,
                "--client",
                client,
                "-o",
                bundle.toString());
        assertEquals(0, cap.code(), cap.err());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(bundle)));
        CliTest.Run live = CliTest.run(
                "--recorded-host",
                dir.toString(),
                "diagnose",
                "--service",
                service,
                "--port",
                port,
                "--client",
                client,
                "--format",
                "json");
        CliTest.Run replay = CliTest.run(
                "diagnose",
                "--from",
                bundle.toString(),
                "--service",
                service,
                "--port",
                port,
                "--client",
                client,
                "--format",
                "json");
        assertEquals(live.code(), replay.code(), replay.err());
        assertEquals(List.of(), ReportSchemaTest.errors("report", replay.out()));
        JsonNode source = JSON.readTree(replay.out()).path("source").path("capture");
        assertEquals(
                JSON.readTree(live.out()).path("host").path("hostname").asText(),
                source.path("host").asText());
        assertEquals(masked(live.out()), masked(replay.out()));
    }

    /** The report without what differs between two runs: times, durations, the capture stamp. */
    static JsonNode masked(String json) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(json.replaceAll("after [0-9]+ ms", "after N ms"));
        root.remove("generatedAt");
        root.remove("source");
        root.path("steps").forEach(s -> ((ObjectNode) s).remove("durationMs"));
        return root;
    }

    @Test
    void theTextReportSaysItComesFromACapture() {
        Path bundle = tmp.resolve("boven.tar.gz");
        CliTest.Run cap = CliTest.run(
                "--recorded-host",
                SamplesTest.HOST.toString(),
                "capture",
                "--service",
                "httpd",
                "--port",
                "80",
                "--fixed-time",
                "2026-11-30T09:00:00Z",
                "-o",
                bundle.toString());
        assertEquals(0, cap.code(), cap.err());
        CliTest.Run text =
                CliTest.run("diagnose", "--from", bundle.toString(), "--service", "httpd", "--client", "192.168.1.7");
        assertTrue(text.out().contains("from a capture taken at 2026-11-30T09:00:00Z on boven by root"), text.out());
        CliTest.Run md = CliTest.run(
                "diagnose",
                "--from",
                bundle.toString(),
                "--service",
                "httpd",
                "--client",
                "192.168.1.7",
                "--format",
                "markdown");
        assertTrue(md.out().contains("from a capture taken at 2026-11-30T09:00:00Z on boven by root"), md.out());
        assertEquals(1, text.code());
    }

    @Test
    void badBundlesAreExitTwoWithOneLine() throws IOException {
        Path notGzip = Files.writeString(tmp.resolve("x.tar.gz"), "not a bundle");
        assertBad(notGzip, "not a gzip file");
        assertBad(tmp.resolve("missing.tar.gz"), "no such file");
        Path wrongSchema = tmp.resolve("schema.tar.gz");
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Files.writeString(tree.resolve("manifest.json"), "{\"schema\":\"portdoc/capture/v9\"}");
        tar(tree, wrongSchema);
        assertBad(wrongSchema, "schema portdoc/capture/v9 is not portdoc/capture/v1");
        Files.writeString(tree.resolve("manifest.json"), "{\"schema\":\"portdoc/capture/v1\"}");
        Files.writeString(tree.resolve("connect.txt"), "10.0.0.1 80 java.lang.Runtime: boom\n");
        Path hostile = tmp.resolve("hostile.tar.gz");
        tar(tree, hostile);
        assertBad(hostile, "not an IOException type");
        assertNoBundleDirsLeft();
    }

    private void assertBad(Path bundle, String why) {
        CliTest.Run r = CliTest.run("diagnose", "--from", bundle.toString(), "--port", "80");
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(why), r.err());
        assertEquals("", r.out());
    }

    private static void tar(Path tree, Path to) throws IOException {
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(to))) {
            TarWriter t = new TarWriter(o);
            t.addTree(tree);
            t.finish();
        }
    }

    private static void assertNoBundleDirsLeft() throws IOException {
        List<Path> left = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            s.filter(p -> p.getFileName().toString().startsWith("portdoc-bundle-")
                            && Files.isDirectory(p)
                            && Files.isWritable(p))
                    .forEach(left::add);
        }
        // other runs on this machine may hold theirs open; ours were all removed at close
        left.removeIf(p -> !p.toFile().canRead());
        assertTrue(left.isEmpty() || left.stream().allMatch(p -> isOlderThanThisTest(p)), left.toString());
    }

    private static boolean isOlderThanThisTest(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis() < START;
        } catch (IOException e) {
            return true;
        }
    }

    static final long START = System.currentTimeMillis();
}
