package io.portdoc.core.capture;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Unpacks a gzip-compressed tar bundle into a directory of ours, trusting nothing in it: member
 * names stay inside (no absolute names, no ".."), symbolic links are made last and must lead
 * inside, hard links, devices and FIFOs are refused, and the unpacked bytes and the members are
 * counted as they come (a header's size is never believed). Reads ustar, GNU long names and pax
 * {@code path} / {@code linkpath}.
 */
public final class BundleReader {
    /** Most bytes a bundle may unpack to, headers included. */
    public static final long MAX_UNPACKED = 100L * 1024 * 1024;
    /** Most members (files, directories, links). */
    public static final int MAX_MEMBERS = 50_000;
    /** Longest pax or GNU long-name record. */
    private static final int MAX_META = 64 * 1024;

    private final String name;
    private final long maxUnpacked;
    private final int maxMembers;

    public BundleReader(String name) {
        this(name, MAX_UNPACKED, MAX_MEMBERS);
    }

    BundleReader(String name, long maxUnpacked, int maxMembers) {
        this.name = name;
        this.maxUnpacked = maxUnpacked;
        this.maxMembers = maxMembers;
    }

    /** Unpacks {@code bundle} into the empty directory {@code into}. */
    public void extract(Path bundle, Path into) throws IOException {
        if (!Files.isRegularFile(bundle)) {
            throw bad(Files.exists(bundle) ? "not a regular file" : "no such file");
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(bundle))) {
            raw.mark(2);
            if (raw.read() != 0x1f || raw.read() != 0x8b) {
                throw bad("not a gzip file");
            }
            raw.reset();
            InputStream in;
            try {
                in = new Counted(new GZIPInputStream(raw, 64 * 1024));
            } catch (ZipException | EOFException e) {
                throw bad("not a gzip file");
            }
            unpack(in, into.toRealPath());
        } catch (ZipException | EOFException e) {
            throw bad("corrupt or truncated (" + e.getMessage() + ")");
        }
    }

    private void unpack(InputStream in, Path root) throws IOException {
        Map<String, String> links = new LinkedHashMap<>();
        String longName = null;
        String longLink = null;
        int members = 0;
        byte[] h = new byte[TarWriter.BLOCK];
        while (true) {
            if (!fill(in, h)) {
                throw bad("truncated tar archive (no end marker)");
            }
            if (zero(h)) {
                makeLinks(links, root);
                return;
            }
            if (!checksumOk(h)) {
                throw bad(members == 0 ? "not a tar archive" : "corrupt tar header after " + members + " members");
            }
            if (++members > maxMembers) {
                throw bad("more than " + maxMembers + " members");
            }
            char type = (char) h[156];
            long size = octal(h, 124, 12);
            String member = longName != null ? longName : headerName(h);
            String link = longLink != null ? longLink : text(h, 157, 100);
            switch (type) {
                case 'x', 'L', 'K', 'g' -> {
                    String meta = new String(meta(in, size), StandardCharsets.UTF_8);
                    if (type == 'L') {
                        longName = strip(meta);
                    } else if (type == 'K') {
                        longLink = strip(meta);
                    } else if (type == 'x') {
                        Map<String, String> pax = pax(meta);
                        longName = pax.getOrDefault("path", longName);
                        longLink = pax.getOrDefault("linkpath", longLink);
                    }
                    continue; // 'g': global defaults of no interest
                }
                case '0', '\0', '7' -> file(in, root, safeName(member), size);
                case '5' -> {
                    Path d = inside(root, safeName(member));
                    noLinkOnTheWay(root, d);
                    Files.createDirectories(d);
                    skip(in, size);
                }
                case '2' -> {
                    String n = safeName(member);
                    if (links.put(n, link) != null) {
                        throw bad("member " + n + " appears twice");
                    }
                    skip(in, size);
                }
                case '1' -> throw bad("hard link " + member + " (bundles hold no hard links)");
                case '3', '4' -> throw bad("device " + member + " (bundles hold no devices)");
                case '6' -> throw bad("FIFO " + member + " (bundles hold no FIFOs)");
                default -> throw bad("member " + member + " has unsupported type '" + type + "'");
            }
            longName = null;
            longLink = null;
        }
    }

    /** Symbolic links last, once every file is written: no file is ever written through one. */
    private void makeLinks(Map<String, String> links, Path root) throws IOException {
        for (Map.Entry<String, String> l : links.entrySet()) {
            Path at = inside(root, l.getKey());
            String target = l.getValue();
            if (target.isEmpty() || target.startsWith("/") || target.indexOf('\0') >= 0) {
                throw bad("symlink " + l.getKey() + " -> " + target + " points outside the bundle");
            }
            Path lexical = Path.of(l.getKey()).resolveSibling(target).normalize();
            if (lexical.startsWith("..") || lexical.isAbsolute()) {
                throw bad("symlink " + l.getKey() + " -> " + target + " points outside the bundle");
            }
            noLinkOnTheWay(root, at.getParent());
            Files.createDirectories(at.getParent());
            try {
                Files.createSymbolicLink(at, Path.of(target));
            } catch (FileAlreadyExistsException e) {
                throw bad("member " + l.getKey() + " appears twice");
            }
        }
        for (String l : links.keySet()) {
            Path real;
            try {
                real = inside(root, l).toRealPath();
            } catch (IOException e) {
                continue; // leads nowhere: nothing to read through it
            }
            if (!real.startsWith(root)) {
                throw bad("symlink " + l + " -> " + links.get(l) + " points outside the bundle");
            }
        }
    }

    private void file(InputStream in, Path root, String member, long size) throws IOException {
        Path at = inside(root, member);
        noLinkOnTheWay(root, at.getParent());
        Files.createDirectories(at.getParent());
        try (OutputStream out = Files.newOutputStream(
                Files.createFile(
                        at, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            byte[] buf = new byte[64 * 1024];
            long left = size;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    throw bad("truncated member " + member);
                }
                out.write(buf, 0, n);
                left -= n;
            }
        } catch (FileAlreadyExistsException e) {
            throw bad("member " + member + " appears twice");
        }
        skip(in, padding(size));
    }

    /** A member name, relative and free of "..": anything else is refused, never repaired. */
    private String safeName(String member) {
        String n = member;
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        while (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        if (n.isEmpty() || n.equals(".")) {
            throw bad("member with an empty name");
        }
        if (member.startsWith("/")) {
            throw bad("absolute member name " + member);
        }
        if (n.indexOf('\0') >= 0) {
            throw bad("member name with a NUL byte");
        }
        for (String part : n.split("/", -1)) {
            if (part.equals("..")) {
                throw bad("member name " + member + " climbs out of the bundle (path traversal)");
            }
        }
        return n;
    }

    private Path inside(Path root, String member) {
        Path p = root.resolve(member).normalize();
        if (!p.startsWith(root) || p.equals(root)) {
            throw bad("member name " + member + " leaves the bundle");
        }
        return p;
    }

    /** Refuses to create anything below a symbolic link: that could lead outside. */
    private void noLinkOnTheWay(Path root, Path dir) {
        for (Path p = dir; p != null && p.startsWith(root) && !p.equals(root); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                throw bad("member below the symlink " + root.relativize(p));
            }
        }
    }

    private static String headerName(byte[] h) {
        String n = text(h, 0, 100);
        boolean ustar = text(h, 257, 5).equals("ustar");
        String prefix = ustar ? text(h, 345, 155) : "";
        return prefix.isEmpty() ? n : prefix + "/" + n;
    }

    private byte[] meta(InputStream in, long size) throws IOException {
        if (size > MAX_META) {
            throw bad("a pax or long-name record of " + size + " bytes");
        }
        byte[] b = new byte[(int) size];
        if (!fill(in, b)) {
            throw bad("truncated tar archive");
        }
        skip(in, padding(size));
        return b;
    }

    /** "LEN key=value\n" records. */
    private Map<String, String> pax(String meta) {
        Map<String, String> out = new LinkedHashMap<>();
        int at = 0;
        byte[] all = meta.getBytes(StandardCharsets.UTF_8);
        while (at < all.length) {
            int sp = at;
            while (sp < all.length && all[sp] != ' ') {
                sp++;
            }
            int len;
            try {
                len = Integer.parseInt(new String(all, at, sp - at, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw bad("corrupt pax record");
            }
            if (len <= sp - at || at + len > all.length) {
                throw bad("corrupt pax record");
            }
            String rec = new String(all, sp + 1, at + len - sp - 2, StandardCharsets.UTF_8);
            int eq = rec.indexOf('=');
            if (eq > 0) {
                out.put(rec.substring(0, eq), rec.substring(eq + 1));
            }
            at += len;
        }
        return out;
    }

    private static String strip(String s) {
        int nul = s.indexOf('\0');
        return nul >= 0 ? s.substring(0, nul) : s;
    }

    private static String text(byte[] h, int at, int len) {
        int end = at;
        while (end < at + len && h[end] != 0) {
            end++;
        }
        return new String(h, at, end - at, StandardCharsets.UTF_8);
    }

    private long octal(byte[] h, int at, int len) {
        if ((h[at] & 0x80) != 0) {
            throw bad("a member larger than 8 GB");
        }
        String s = text(h, at, len).strip();
        if (s.isEmpty()) {
            return 0;
        }
        try {
            long v = Long.parseLong(s, 8);
            if (v < 0) {
                throw bad("corrupt tar header");
            }
            return v;
        } catch (NumberFormatException e) {
            throw bad("corrupt tar header");
        }
    }

    private static boolean checksumOk(byte[] h) {
        long sum = 0;
        for (int i = 0; i < h.length; i++) {
            sum += i >= 148 && i < 156 ? ' ' : h[i] & 0xff;
        }
        String s = text(h, 148, 8).strip();
        try {
            return !s.isEmpty() && Long.parseLong(s, 8) == sum;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean zero(byte[] h) {
        for (byte b : h) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static long padding(long size) {
        long rest = size % TarWriter.BLOCK;
        return rest == 0 ? 0 : TarWriter.BLOCK - rest;
    }

    private static boolean fill(InputStream in, byte[] b) throws IOException {
        int at = 0;
        while (at < b.length) {
            int n = in.read(b, at, b.length - at);
            if (n < 0) {
                return false;
            }
            at += n;
        }
        return true;
    }

    private void skip(InputStream in, long n) throws IOException {
        byte[] buf = new byte[8192];
        long left = n;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                throw bad("truncated tar archive");
            }
            left -= r;
        }
    }

    private BadBundleException bad(String why) {
        return new BadBundleException(name, why);
    }

    /** Counts the unpacked bytes as they come and stops at the limit. */
    private final class Counted extends FilterInputStream {
        private long count;

        Counted(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
                if (count > maxUnpacked) {
                    throw bad("over " + maxUnpacked / (1024 * 1024) + " MB unpacked");
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            return super.skip(0);
        }
    }
}
