package io.portdoc.checks.config.wrappers;

import io.portdoc.checks.config.files.BoundedFiles;
import io.portdoc.checks.config.files.FileRead;
import io.portdoc.core.host.SystemView;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * xinetd.conf(5) as xinetd reads it: a {@code defaults} entry and {@code service NAME} entries of
 * {@code attribute = value ...} lines in braces ({@code +=} and {@code -=} for list attributes),
 * {@code include FILE}, and {@code includedir DIR} (files whose names contain a dot or end in
 * a tilde are skipped). Bounded: include depth, a visited set, the file size cap.
 */
public record XinetdConfig(
        Entry defaults, List<Entry> services, List<String> files, List<String> problems, String unreadable) {
    static final int MAX_DEPTH = 16;

    /** One attribute line: {@code only_from += 10.0.0.0/24}. */
    public record Attr(String name, String op, List<String> values, String loc) {}

    /** {@code defaults} or {@code service NAME}: its attribute lines in order. */
    public record Entry(String name, String loc, List<Attr> attrs) {
        public List<Attr> all(String attr) {
            return attrs.stream().filter(a -> a.name().equals(attr)).toList();
        }

        public String value(String attr) {
            List<Attr> a = all(attr);
            return a.isEmpty() || a.get(0).values().isEmpty()
                    ? null
                    : a.get(0).values().get(0);
        }
    }

    public static XinetdConfig read(SystemView system, Path file) {
        Reader r = new Reader(system);
        r.file(file, null);
        return new XinetdConfig(r.defaults, r.services, r.files, r.problems, r.unreadable);
    }

    private static final class Reader {
        final SystemView system;
        final List<Entry> services = new ArrayList<>();
        final List<String> files = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        final Deque<String> chain = new ArrayDeque<>();
        final List<String> visited = new ArrayList<>();
        Entry defaults;
        String unreadable;

        Reader(SystemView system) {
            this.system = system;
        }

        void file(Path path, String from) {
            String name = path.toString();
            if (unreadable != null) {
                return;
            }
            if (chain.contains(name) || visited.contains(name)) {
                unreadable = (from == null ? name : from) + ": include loop: " + name + " is read twice";
                return;
            }
            if (chain.size() >= MAX_DEPTH) {
                unreadable = from + ": includes nested deeper than " + MAX_DEPTH + " levels";
                return;
            }
            FileRead read = BoundedFiles.read(system, path);
            if (!read.ok()) {
                unreadable = (from == null ? "" : from + ": ") + name + ": " + read.reason();
                return;
            }
            files.add(name);
            visited.add(name);
            chain.push(name);
            parse(name, read.text());
            chain.pop();
        }

        void parse(String file, String text) {
            String[] lines = text.split("\n", -1);
            String pending = null;
            String pendingLoc = null;
            List<Attr> attrs = null;
            String entryName = null;
            String entryLoc = null;
            for (int i = 0; i < lines.length && unreadable == null; i++) {
                String line = lines[i].strip();
                String loc = file + ":" + (i + 1);
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (attrs == null) {
                    if (line.equals("{") && pending != null) {
                        attrs = new ArrayList<>();
                        entryName = pending;
                        entryLoc = pendingLoc;
                        pending = null;
                        continue;
                    }
                    String[] w = line.split("\\s+");
                    if (w[0].equals("includedir") && w.length > 1) {
                        includedir(Path.of(w[1]), loc);
                    } else if (w[0].equals("include") && w.length > 1) {
                        file(Path.of(w[1]), loc);
                    } else if (w[0].equals("defaults") || w[0].equals("service") && w.length > 1) {
                        pending = w[0].equals("defaults") ? "defaults" : w[1];
                        pendingLoc = loc;
                        if (line.endsWith("{")) {
                            attrs = new ArrayList<>();
                            entryName = pending;
                            entryLoc = loc;
                            pending = null;
                        }
                    } else {
                        problems.add(loc + ": not understood outside an entry: " + line);
                    }
                    continue;
                }
                if (line.equals("}")) {
                    Entry e = new Entry(entryName, entryLoc, List.copyOf(attrs));
                    if (entryName.equals("defaults")) {
                        defaults = e;
                    } else {
                        services.add(e);
                    }
                    attrs = null;
                    continue;
                }
                Matcher m = ATTR.matcher(line);
                if (!m.matches()) {
                    problems.add(loc + ": not an attribute line: " + line);
                    continue;
                }
                String values = m.group(3).strip();
                attrs.add(new Attr(
                        m.group(1).toLowerCase(Locale.ROOT),
                        m.group(2),
                        values.isEmpty() ? List.of() : List.of(values.split("\\s+")),
                        loc));
            }
            if (attrs != null) {
                problems.add(entryLoc + ": entry " + entryName + " has no closing brace");
            }
        }

        void includedir(Path dir, String from) {
            List<String> names;
            try {
                names = system.list(dir);
            } catch (IOException | RuntimeException e) {
                problems.add(from + ": cannot list " + dir);
                return;
            }
            for (String n : names) {
                Path p = dir.resolve(n);
                if (n.contains(".") || n.endsWith("~") || system.isDirectory(p)) {
                    continue;
                }
                file(p, from);
            }
        }
    }

    private static final Pattern ATTR = Pattern.compile("([A-Za-z_]+)\\s*(\\+=|-=|=)(.*)");
}
