package io.portdoc.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** RFC 1952 header as gzip -9n writes it, and a round trip through the JDK's reader. */
class GzipTest {
    @Test
    void maxCompressionNoNameNoTime() throws IOException {
        byte[] text = ".TH PORTDOC 1\n.SH NAME\nportdoc \\- why clients cannot reach a port\n"
                .repeat(50)
                .getBytes(StandardCharsets.UTF_8);
        byte[] gz = Gzip.gzip(text);
        assertEquals(0x1f, gz[0] & 0xff);
        assertEquals(0x8b, gz[1] & 0xff);
        assertEquals(8, gz[2]); // deflate
        assertEquals(0, gz[3]); // no FNAME, no comment
        assertArrayEquals(new byte[4], new byte[] {gz[4], gz[5], gz[6], gz[7]}); // mtime 0
        assertEquals(2, gz[8]); // XFL: maximum compression, what lintian reads
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            assertArrayEquals(text, in.readAllBytes());
        }
        assertArrayEquals(gz, Gzip.gzip(text), "reproducible");
    }

    @Test
    void emptyFile() throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Gzip.gzip(new byte[0])))) {
            assertEquals(0, in.readAllBytes().length);
        }
    }
}
