package io.portdoc.core.remote;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The output of a script split at its nonce frames ({@code NUL NONCE NUL}). Text is kept as
 * ISO-8859-1, one char per byte, so file contents keep their bytes; {@link #name} turns a path
 * back into the UTF-8 name it is.
 */
final class Frames {
    private Frames() {}

    /** The chunks after each frame: "KIND NUL rest" as the script printed it. */
    static List<String> split(byte[] out, String nonce) {
        String s = new String(out, StandardCharsets.ISO_8859_1);
        String frame = "\0" + nonce + "\0";
        List<String> chunks = new ArrayList<>();
        int at = s.indexOf(frame);
        while (at >= 0) {
            int next = s.indexOf(frame, at + frame.length());
            chunks.add(s.substring(at + frame.length(), next < 0 ? s.length() : next));
            at = next;
        }
        return chunks;
    }

    /** A file name as printed (bytes as ISO-8859-1) decoded as UTF-8, the way Java names paths. */
    static String name(String latin1) {
        return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    /** The fields of a chunk up to {@code n - 1} NULs; the last holds the rest (a file's content). */
    static String[] fields(String chunk, int n) {
        return chunk.split("\0", n);
    }
}
