package io.portdoc.core.capture;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile bundles are refused with one line, and nothing is written outside the directory they
 * are unpacked into. The archives are built header by header, as an attacker would.
 */
class BundleReaderTest {
    @TempDir
    Path tmp;

    Path into;
    Path outside;

    @BeforeEach
    void dirs() throws IOException {
        // into is two levels down, so "../../x" would land in tmp, where we look for it
        into = Files.createDirectories(tmp.resolve("a/b/into"));
        outside = tmp;
    }

    /** A tar built from (name, type, link, content) members, then gzip'ed. */
    static final class Tar {
        final ByteArrayOutputStream raw = new ByteArrayOutputStream();

        Tar member(String name, char type, String link, byte[] data) {
            raw.writeBytes(TarWriter.header(name, type, link, data.length));
            raw.writeBytes(data);
            int rest = data.length % 512;
            if (rest != 0) {
                raw.writeBytes(new byte[512 - rest]);
            }
            return this;
        }

        Tar file(String name, String content) {
            return member(name, '0', "", content.getBytes(UTF_8));
        }

        Tar link(String name, String target) {
            return member(name, '2', target, new byte[0]);
        }

        byte[] tar() {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.writeBytes(raw.toByteArray());
            all.writeBytes(new byte[1024]);
            return all.toByteArray();
        }

        Path gz(Path at) throws IOException {
            try (GZIPOutputStream o = new GZIPOutputStream(Files.newOutputStream(at))) {
                o.write(tar());
            }
            return at;
        }
    }

    private String refused(Tar tar) throws IOException {
        return refused(tar, new BundleReader("b.tar.gz"));
    }

    private String refused(Tar tar, BundleReader reader) throws IOException {
        Path bundle = tar.gz(tmp.resolve("b.tar.gz"));
        BadBundleException e = assertThrows(BadBundleException.class, () -> reader.extract(bundle, into));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertNothingOutside();
        return e.getMessage();
    }

    private void assertNothingOutside() throws IOException {
        List<String> names = new ArrayList<>();
        try (var s = Files.list(outside)) {
            s.forEach(p -> names.add(p.getFileName().toString()));
        }
        names.remove("a");
        names.remove("b.tar.gz");
        assertEquals(List.of(), names, "written outside the bundle directory");
        try (var s = Files.list(tmp.resolve("a/b"))) {
            assertEquals(1, s.count(), "written next to the bundle directory");
        }
    }

    @Test
    void aGoodBundleUnpacksFilesDirectoriesAndInsideLinks() throws IOException {
        Path bundle = new Tar()
                .member("fs/etc/", '5', "", new byte[0])
                .file("fs/etc/apache2/sites-available/000-default.conf", "<VirtualHost *:80>\n")
                .link("fs/etc/apache2/sites-enabled/000-default.conf", "../sites-available/000-default.conf")
                .link("fs/proc/1/fd/3", "socket:[99]")
                .gz(tmp.resolve("b.tar.gz"));
        new BundleReader("b").extract(bundle, into);
        assertEquals(
                "<VirtualHost *:80>\n",
                Files.readString(into.resolve("fs/etc/apache2/sites-enabled/000-default.conf")));
        assertEquals(
                "socket:[99]",
                Files.readSymbolicLink(into.resolve("fs/proc/1/fd/3")).toString());
        assertEquals(
                "rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(
                        into.resolve("fs/etc/apache2/sites-available/000-default.conf"))));
    }

    @Test
    void notGzip() throws IOException {
        Path bundle = Files.writeString(tmp.resolve("b.tar.gz"), "hello, not gzip");
        BadBundleException e =
                assertThrows(BadBundleException.class, () -> new BundleReader("b").extract(bundle, into));
        assertEquals("bad bundle b: not a gzip file", e.getMessage());
    }

    @Test
    void gzipButNotTar() throws IOException {
        Path bundle = tmp.resolve("b.tar.gz");
        try (GZIPOutputStream o = new GZIPOutputStream(Files.newOutputStream(bundle))) {
            o.write("just text, no tar headers at all".repeat(40).getBytes(UTF_8));
        }
        BadBundleException e =
                assertThrows(BadBundleException.class, () -> new BundleReader("b").extract(bundle, into));
        assertTrue(e.getMessage().endsWith("not a tar archive"), e.getMessage());
    }

    @Test
    void pathTraversal() throws IOException {
        assertTrue(refused(new Tar().file("../../etc/passwd", "root:x:0:0")).contains("path traversal"));
        assertTrue(refused(new Tar().file("fs/../../../x", "x")).contains("path traversal"));
    }

    @Test
    void absoluteNames() throws IOException {
        assertTrue(refused(new Tar().file("/etc/passwd", "root:x:0:0")).contains("absolute member name /etc/passwd"));
    }

    @Test
    void paxPathTraversal() throws IOException {
        String rec = TarWriter.record("path", "../../evil");
        Tar t = new Tar().member("PaxHeader", 'x', "", rec.getBytes(UTF_8)).file("harmless", "x");
        assertTrue(refused(t).contains("path traversal"));
    }

    @Test
    void gnuLongNameTraversal() throws IOException {
        Tar t = new Tar()
                .member("././@LongLink", 'L', "", "../../evil\0".getBytes(UTF_8))
                .file("harmless", "x");
        assertTrue(refused(t).contains("path traversal"));
    }

    @Test
    void symlinksOutside() throws IOException {
        assertTrue(refused(new Tar().link("fs/etc/shadow", "/etc/shadow")).contains("points outside the bundle"));
        assertTrue(refused(new Tar().link("fs/x", "../../../../etc")).contains("points outside the bundle"));
    }

    @Test
    void aLinkThroughALinkThatClimbsIsRefused() throws IOException {
        // lexically fs/a -> fs/b/../.. stays inside, but b -> .. makes it climb two levels out
        Tar t = new Tar().link("fs/b", "..").link("fs/a", "b/../..");
        assertTrue(refused(t).contains("points outside the bundle"));
    }

    @Test
    void nothingIsWrittenThroughALink() throws IOException {
        // the link comes first and points inside; the file below it is refused, never written through it
        Tar t = new Tar().link("fs/d", "e").file("fs/d/f", "x");
        Path bundle = t.gz(tmp.resolve("b.tar.gz"));
        // links are made last, so fs/d is a real directory by then, and the link collides with it
        BadBundleException e =
                assertThrows(BadBundleException.class, () -> new BundleReader("b").extract(bundle, into));
        assertTrue(e.getMessage().contains("appears twice"), e.getMessage());
        assertFalse(Files.exists(into.resolve("fs/e/f")));
    }

    @Test
    void hardLinksDevicesAndFifos() throws IOException {
        assertTrue(refused(new Tar().member("fs/x", '1', "fs/y", new byte[0])).contains("hard link"));
        assertTrue(refused(new Tar().member("fs/null", '3', "", new byte[0])).contains("device"));
        assertTrue(refused(new Tar().member("fs/sda", '4', "", new byte[0])).contains("device"));
        assertTrue(refused(new Tar().member("fs/p", '6', "", new byte[0])).contains("FIFO"));
    }

    @Test
    void overTheUnpackedLimitCountedNotBelieved() throws IOException {
        Tar t = new Tar().file("fs/a", "x".repeat(6000));
        assertTrue(refused(t, new BundleReader("b", 4096, 100)).contains("over"));
        // a header that under-states its size: the bytes that follow are headers that fail, or count
        Tar many = new Tar();
        for (int i = 0; i < 5; i++) {
            many.file("fs/f" + i, "y".repeat(1000));
        }
        assertTrue(refused(many, new BundleReader("b", 4096, 100)).contains("over"));
    }

    @Test
    void theHundredMegabyteDefault() throws IOException {
        Path bundle = tmp.resolve("b.tar.gz");
        try (GZIPOutputStream o = new GZIPOutputStream(Files.newOutputStream(bundle))) {
            byte[] zeros = new byte[1 << 20];
            o.write(TarWriter.header("fs/big", '0', "", 101L << 20));
            for (int i = 0; i < 101; i++) {
                o.write(zeros);
            }
        }
        BadBundleException e =
                assertThrows(BadBundleException.class, () -> new BundleReader("b").extract(bundle, into));
        assertEquals("bad bundle b: over 100 MB unpacked", e.getMessage());
    }

    @Test
    void tooManyMembers() throws IOException {
        Tar t = new Tar();
        for (int i = 0; i < 11; i++) {
            t.file("fs/f" + i, "");
        }
        assertTrue(refused(t, new BundleReader("b", 1 << 20, 10)).contains("more than 10 members"));
    }

    @Test
    void duplicatesAndTruncation() throws IOException {
        assertTrue(refused(new Tar().file("fs/a", "1").file("fs/a", "2")).contains("appears twice"));
        Path bundle = tmp.resolve("b.tar.gz");
        byte[] whole = new Tar().file("fs/a", "x".repeat(2000)).tar();
        try (GZIPOutputStream o = new GZIPOutputStream(Files.newOutputStream(bundle))) {
            o.write(whole, 0, 1000);
        }
        Path fresh = Files.createDirectories(tmp.resolve("a/fresh"));
        BadBundleException e =
                assertThrows(BadBundleException.class, () -> new BundleReader("b").extract(bundle, fresh));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertFalse(Files.exists(outside.resolve("fs"), LinkOption.NOFOLLOW_LINKS));
    }
}
