package io.portdoc.core.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * A recorded-host directory built in memory (relative names such as {@code fs/etc/hosts}), then
 * written to disk or straight into a bundle, with no temporary files on the way.
 */
public final class RecordedTree {
    /** A directory, a file with its bytes, or a symbolic link with its text. */
    public record Node(Kind kind, byte[] data, String link) {}

    public enum Kind {
        DIRECTORY,
        FILE,
        LINK
    }

    private final TreeMap<String, Node> nodes = new TreeMap<>();

    /** Every entry, in name order (a directory before what is in it). */
    public Map<String, Node> entries() {
        return nodes;
    }

    boolean exists(String name) {
        return nodes.containsKey(name);
    }

    boolean isDirectory(String name) {
        Node n = nodes.get(name);
        return n != null && n.kind() == Kind.DIRECTORY;
    }

    /** Makes the directory and its parents; false when a link is in the way (nothing is made below one). */
    boolean mkdirs(String name) {
        int from = 0;
        while (from <= name.length()) {
            int slash = name.indexOf('/', from);
            String prefix = slash < 0 ? name : name.substring(0, slash);
            Node n = nodes.get(prefix);
            if (n != null && n.kind() == Kind.LINK) {
                return false;
            }
            if (n == null || n.kind() == Kind.FILE) { // a stand-in never wins over a directory
                nodes.put(prefix, new Node(Kind.DIRECTORY, null, null));
            }
            if (slash < 0) {
                return true;
            }
            from = slash + 1;
        }
        return true;
    }

    void file(String name, String content) {
        file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds a file (and its directories); nothing when a link is in the way. */
    public void file(String name, byte[] content) {
        int slash = name.lastIndexOf('/');
        if (slash < 0 || mkdirs(name.substring(0, slash))) {
            nodes.put(name, new Node(Kind.FILE, content, null));
        }
    }

    void link(String name, String text) {
        int slash = name.lastIndexOf('/');
        if (slash < 0 || mkdirs(name.substring(0, slash))) {
            nodes.put(name, new Node(Kind.LINK, null, text));
        }
    }

    /** Writes the tree under {@code dir}: directories and files first, links last. */
    public void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, Node> e : nodes.entrySet()) {
            Path at = dir.resolve(e.getKey());
            switch (e.getValue().kind()) {
                case DIRECTORY -> Files.createDirectories(at);
                case FILE -> Files.write(at, e.getValue().data());
                case LINK -> {}
            }
        }
        for (Map.Entry<String, Node> e : nodes.entrySet()) {
            if (e.getValue().kind() == Kind.LINK) {
                Files.createSymbolicLink(
                        dir.resolve(e.getKey()), Path.of(e.getValue().link()));
            }
        }
    }
}
