package io.portdoc.dist;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * {@code gzip -9n} in Java, for the packages' man pages and changelog: maximum compression, no file
 * name and no time stamp in the header (RFC 1952), so the .deb is reproducible and lintian finds them
 * compressed the Debian way. The build machine needs no gzip.
 */
public final class Gzip {
    private static final int XFL_MAX_COMPRESSION = 2;
    private static final int OS_UNIX = 3;

    private Gzip() {}

    /** {@code Gzip OUT_DIR SOURCE...}: each file (or each file in a directory) to OUT_DIR/NAME.gz. */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        for (String a : List.of(args).subList(1, args.length)) {
            Path src = Path.of(a);
            try (Stream<Path> files = Files.isDirectory(src) ? Files.list(src) : Stream.of(src)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    Files.write(out.resolve(f.getFileName() + ".gz"), gzip(Files.readAllBytes(f)));
                }
            }
        }
    }

    public static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 3 + 32);
        // magic, deflate, no flags, mtime 0 (4 bytes), extra flags, OS
        out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, XFL_MAX_COMPRESSION, OS_UNIX});
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try (DeflaterOutputStream d = new DeflaterOutputStream(out, deflater) {
            @Override
            public void close() throws IOException {
                finish(); // leave 'out' open for the trailer
            }
        }) {
            d.write(data);
        } finally {
            deflater.end();
        }
        CRC32 crc = new CRC32();
        crc.update(data);
        writeLe(out, crc.getValue());
        writeLe(out, data.length & 0xffffffffL);
        return out.toByteArray();
    }

    private static void writeLe(ByteArrayOutputStream out, long v) {
        for (int i = 0; i < 4; i++) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }
}
