package io.portdoc.core.capture;

import static io.portdoc.core.testing.FuzzInput.bounded;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.portdoc.core.testing.FuzzInput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * A bundle's tar as any bytes (gzip'ed here, since the gzip layer is the JDK's): it unpacks or is
 * refused with {@link BadBundleException}, and nothing appears beside the directory it is
 * unpacked into. Small limits, so that the fuzzer reaches them.
 */
class BundleFuzzTest {
    @FuzzTest(maxDuration = FuzzInput.RUN)
    void tar(byte[] data) throws Exception {
        Path tmp = Files.createTempDirectory("portdoc-fuzz");
        try {
            Path bundle = tmp.resolve("b.tar.gz");
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(bundle))) {
                out.write(data);
            }
            Path into = Files.createDirectories(tmp.resolve("a/into"));
            bounded(() -> {
                try {
                    new BundleReader("fuzz", 1 << 20, 64).extract(bundle, into);
                } catch (BadBundleException e) {
                    // refused in one line: the documented outcome for a bad bundle
                }
                return null;
            });
            assertEquals(List.of("a", "b.tar.gz"), names(tmp), "written beside the bundle's directory");
            assertEquals(List.of("into"), names(tmp.resolve("a")), "written beside the bundle's directory");
        } finally {
            delete(tmp);
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p :
                    s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
