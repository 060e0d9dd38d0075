package io.portdoc.core.capture;

import io.portdoc.core.host.RecordedTree;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a directory tree as a POSIX ustar archive: directories, regular files and symbolic
 * links, owned by root with fixed modes and times, in name order (the same tree gives the same
 * bytes). Names longer than ustar's 100 bytes go in a pax {@code path} / {@code linkpath} record.
 */
public final class TarWriter {
    static final int BLOCK = 512;

    private final OutputStream out;

    public TarWriter(OutputStream out) {
        this.out = out;
    }

    /** Every entry under {@code dir}, named relative to it. */
    public void addTree(Path dir) throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.walk(dir)) {
            all = s.filter(p -> !p.equals(dir)).sorted().toList();
        }
        for (Path p : all) {
            String name = dir.relativize(p).toString();
            if (Files.isSymbolicLink(p)) {
                entry(name, '2', Files.readSymbolicLink(p).toString(), 0);
            } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                entry(name + "/", '5', "", 0);
            } else {
                byte[] data = Files.readAllBytes(p);
                entry(name, '0', "", data.length);
                out.write(data);
                pad(data.length);
            }
        }
    }

    /** Every entry of a tree built in memory, in name order. */
    public void add(RecordedTree tree) throws IOException {
        for (Map.Entry<String, RecordedTree.Node> e : tree.entries().entrySet()) {
            RecordedTree.Node n = e.getValue();
            switch (n.kind()) {
                case DIRECTORY -> entry(e.getKey() + "/", '5', "", 0);
                case LINK -> entry(e.getKey(), '2', n.link(), 0);
                case FILE -> {
                    entry(e.getKey(), '0', "", n.data().length);
                    out.write(n.data());
                    pad(n.data().length);
                }
            }
        }
    }

    /** The two zero blocks that end an archive. */
    public void finish() throws IOException {
        out.write(new byte[2 * BLOCK]);
        out.flush();
    }

    private void entry(String name, char type, String link, long size) throws IOException {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        byte[] l = link.getBytes(StandardCharsets.UTF_8);
        if (n.length > 100 || l.length > 100) {
            StringBuilder pax = new StringBuilder();
            if (n.length > 100) {
                pax.append(record("path", name));
            }
            if (l.length > 100) {
                pax.append(record("linkpath", link));
            }
            byte[] body = pax.toString().getBytes(StandardCharsets.UTF_8);
            out.write(header("PaxHeader", 'x', "", body.length));
            out.write(body);
            pad(body.length);
        }
        out.write(header(name, type, link, size));
    }

    /** A pax record "LEN key=value\n", LEN counting itself. */
    static String record(String key, String value) {
        int rest = key.getBytes(StandardCharsets.UTF_8).length + value.getBytes(StandardCharsets.UTF_8).length + 3;
        int len = rest + Integer.toString(rest).length();
        if (Integer.toString(len).length() != Integer.toString(rest).length()) {
            len++;
        }
        return len + " " + key + "=" + value + "\n";
    }

    static byte[] header(String name, char type, String link, long size) {
        byte[] h = new byte[BLOCK];
        put(h, 0, 100, name);
        octal(h, 100, 8, type == '5' ? 0755 : type == '2' ? 0777 : 0644);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, 0);
        h[156] = (byte) type;
        put(h, 157, 100, link);
        put(h, 257, 6, "ustar");
        put(h, 263, 2, "00");
        put(h, 265, 32, "root");
        put(h, 297, 32, "root");
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum);
        return h;
    }

    private static void put(byte[] h, int at, int len, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, h, at, Math.min(len, b.length));
    }

    /** NUL-terminated zero-padded octal, as ustar wants. */
    private static void octal(byte[] h, int at, int len, long v) {
        String s = Long.toOctalString(v);
        s = "0".repeat(Math.max(0, len - 1 - s.length())) + s;
        put(h, at, len - 1, s);
    }

    private void pad(long size) throws IOException {
        int rest = (int) (size % BLOCK);
        if (rest != 0) {
            out.write(new byte[BLOCK - rest]);
        }
    }
}
