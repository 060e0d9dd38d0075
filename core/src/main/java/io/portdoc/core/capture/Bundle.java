package io.portdoc.core.capture;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.portdoc.core.host.HostRecording;
import io.portdoc.core.host.RecordedSystem;
import io.portdoc.core.host.RecordedTree;
import io.portdoc.core.host.RecordingSystem;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * A capture bundle: a gzip-compressed tar of a recorded host ({@link RecordedSystem} layout) with
 * {@code manifest.json} at its top. {@link #write} makes one from a {@link RecordingSystem};
 * {@link #open} unpacks one into a private temporary directory (mode 0700) that {@link #close}
 * deletes.
 */
public final class Bundle implements AutoCloseable {
    public static final String MANIFEST = "manifest.json";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private final Path dir;
    private final CaptureManifest manifest;
    private final RecordedSystem system;
    private final Thread cleanup;

    private Bundle(Path dir, CaptureManifest manifest, RecordedSystem system, Thread cleanup) {
        this.dir = dir;
        this.manifest = manifest;
        this.system = system;
        this.cleanup = cleanup;
    }

    public CaptureManifest manifest() {
        return manifest;
    }

    /** The captured host, replayed. */
    public RecordedSystem system() {
        return system;
    }

    /** Whether the capture recorded connects: without them a replay cannot probe. */
    public boolean probed() {
        return Files.exists(dir.resolve("connect.txt"));
    }

    /** Where it is unpacked (private to this process). */
    public Path dir() {
        return dir;
    }

    /** Unpacks and checks a bundle; a bad one is a {@link BadBundleException}. */
    public static Bundle open(Path file) throws IOException {
        String name = file.toString();
        Path dir = privateTempDir();
        // deleted at exit too, when the run is interrupted before close()
        Thread cleanup = new Thread(() -> delete(dir), "portdoc-bundle-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            new BundleReader(name).extract(file, dir);
            Path m = dir.resolve(MANIFEST);
            if (!Files.isRegularFile(m)) {
                throw new BadBundleException(name, "no " + MANIFEST + " (not a portdoc capture)");
            }
            CaptureManifest manifest;
            try {
                manifest = JSON.readValue(m.toFile(), CaptureManifest.class);
            } catch (IOException e) {
                throw new BadBundleException(name, MANIFEST + " is not valid JSON");
            }
            if (!CaptureManifest.SCHEMA.equals(manifest.schema())) {
                throw new BadBundleException(name, "schema " + manifest.schema() + " is not " + CaptureManifest.SCHEMA);
            }
            RecordedSystem system;
            try {
                system = new RecordedSystem(dir);
                system.validate();
            } catch (IllegalArgumentException e) {
                throw new BadBundleException(name, oneLine(e.getMessage()));
            }
            return new Bundle(dir, manifest, system, cleanup);
        } catch (IOException | RuntimeException e) {
            delete(dir);
            Runtime.getRuntime().removeShutdownHook(cleanup);
            throw e;
        }
    }

    /** Writes what {@code recording} saw, with its manifest, to {@code out} (mode 0600, replaced atomically). */
    public static void write(
            RecordingSystem recording,
            CaptureManifest.CaptureTarget target,
            String toolVersion,
            Instant takenAt,
            Path out)
            throws IOException {
        // built in memory and streamed into the archive: no temporary files on the captured host
        RecordedTree tree = recording.recording().tree();
        List<CaptureManifest.Unreadable> unreadable = recording.unreadable().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new CaptureManifest.Unreadable(e.getKey(), e.getValue()))
                .toList();
        CaptureManifest manifest = new CaptureManifest(
                CaptureManifest.SCHEMA,
                HostRecording.FORMAT,
                recording.hostname(),
                takenAt,
                toolVersion,
                recording.user(),
                recording.privileged(),
                target,
                unreadable);
        tree.file(MANIFEST, JSON.writeValueAsBytes(manifest));
        Path abs = out.toAbsolutePath();
        Path tmp = Files.createTempFile(
                abs.getParent(),
                "." + abs.getFileName() + ".",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(tmp), 64 * 1024)) {
                TarWriter tar = new TarWriter(o);
                tar.add(tree);
                tar.finish();
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void close() {
        delete(dir);
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // already shutting down: the hook deletes it
        }
    }

    private static Path privateTempDir() throws IOException {
        return Files.createTempDirectory(
                "portdoc-bundle-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    /** Deletes a tree without following its links. */
    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                    Files.deleteIfExists(f);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // best effort: the directory is private and under the temporary directory
        }
    }

    private static String oneLine(String s) {
        return s == null ? "malformed" : s.replaceAll("[\\r\\n]+", " ");
    }
}
