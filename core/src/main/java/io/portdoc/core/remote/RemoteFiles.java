package io.portdoc.core.remote;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * What is known of the server's files: one node per path met, filled by the batched reads.
 * A tree read ({@link #complete}) knows everything under its root, so a path below it that was
 * not seen does not exist, without asking again.
 */
final class RemoteFiles {
    /** One path; {@code type} is what stat's %F says ("regular file", "directory", "fifo"...). */
    static final class Node {
        String type;
        long size;
        /** ISO-8859-1 text of the bytes; null when not fetched yet (or not a readable regular file). */
        String content;
        /** Names in a directory, when {@link #listed}. */
        final TreeSet<String> children = new TreeSet<>();

        boolean listed;
        boolean denied;
        boolean missing;

        boolean directory() {
            return "directory".equals(type);
        }

        boolean regular() {
            return type != null && type.startsWith("regular");
        }
    }

    private final Map<String, Node> nodes = new HashMap<>();
    private final TreeSet<String> complete = new TreeSet<>();

    synchronized Node get(String path) {
        Node n = nodes.get(path);
        if (n == null && underComplete(path)) {
            n = missing(path);
        }
        return n;
    }

    synchronized Node node(String path) {
        return nodes.computeIfAbsent(path, p -> new Node());
    }

    synchronized Node missing(String path) {
        Node n = node(path);
        n.missing = true;
        return n;
    }

    synchronized void complete(String root) {
        complete.add(root);
    }

    private boolean underComplete(String path) {
        for (String p = parent(path); p != null; p = parent(p)) {
            if (complete.contains(p)) {
                return true;
            }
        }
        return false;
    }

    /** Records a described entry and names it in its parent's listing. */
    synchronized void entry(String path, String type, long size, boolean listsChildren) {
        Node n = node(path);
        n.type = type;
        n.size = size;
        n.missing = false;
        if (n.directory() && listsChildren) {
            n.listed = true;
        }
        String parent = parent(path);
        if (parent != null && nodes.containsKey(parent) && nodes.get(parent).listed) {
            nodes.get(parent).children.add(path.substring(path.lastIndexOf('/') + 1));
        }
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        if (slash <= 0) {
            return path.equals("/") || slash < 0 ? null : "/";
        }
        return path.substring(0, slash);
    }
}
