package io.portdoc.checks.config.postgresql;

import io.portdoc.core.host.SystemView;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads postgresql.conf the way guc-file.l does: {@code name [=] value} lines, {@code #}
 * comments, single-quoted values ({@code ''} and backslash escapes), and {@code include},
 * {@code include_if_exists} and {@code include_dir} (only {@code *.conf} files not starting
 * with a dot, in name order) relative to the including file. The last assignment wins.
 */
public final class ServerConfReader {
    private final SystemView sys;
    private final Map<String, Settings.Setting> values = new LinkedHashMap<>();
    private final List<String> files = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private final Deque<Path> stack = new ArrayDeque<>();

    private ServerConfReader(SystemView sys) {
        this.sys = sys;
    }

    /**
     * {@code main}, then {@code auto} (postgresql.auto.conf, may be null or absent), then the
     * command line's assignments ({@code overrides}, name to value).
     */
    public static Settings read(SystemView sys, Path main, Path auto, Map<String, String> overrides) {
        ServerConfReader r = new ServerConfReader(sys);
        r.file(main, null, false);
        if (auto != null && sys.exists(auto)) {
            r.file(auto, null, true);
        }
        overrides.forEach((k, v) -> r.values.put(k.toLowerCase(Locale.ROOT), new Settings.Setting(k, v, null)));
        return new Settings(Map.copyOf(r.values), List.copyOf(r.files), List.copyOf(r.problems));
    }

    private void file(Path path, Loc from, boolean optional) {
        if (stack.size() >= ConfFiles.MAX_DEPTH) {
            problems.add(new Problem(
                    Problem.Kind.HOSTILE,
                    "could not open configuration file \"" + path + "\": maximum nesting depth exceeded",
                    from));
            return;
        }
        if (stack.contains(path)) {
            problems.add(new Problem(Problem.Kind.HOSTILE, path + " includes itself", from));
            return;
        }
        ConfFiles.Read read = ConfFiles.read(sys, path, from);
        if (read.text() == null) {
            if (!(optional && read.missing())) {
                problems.add(read.problem());
            }
            return;
        }
        files.add(path.toString());
        stack.push(path);
        try {
            String[] lines = read.text().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                line(lines[i], new Loc(path.toString(), i + 1));
            }
        } finally {
            stack.pop();
        }
    }

    private void line(String raw, Loc loc) {
        int i = skipSpace(raw, 0);
        if (i >= raw.length() || raw.charAt(i) == '#') {
            return;
        }
        int nameStart = i;
        while (i < raw.length()
                && (Character.isLetterOrDigit(raw.charAt(i))
                        || raw.charAt(i) == '_'
                        || raw.charAt(i) == '.'
                        || raw.charAt(i) == '-')) {
            i++;
        }
        String name = raw.substring(nameStart, i);
        i = skipSpace(raw, i);
        if (i < raw.length() && raw.charAt(i) == '=') {
            i = skipSpace(raw, i + 1);
        }
        String value = value(raw, i);
        if (name.isEmpty() || value == null) {
            problems.add(new Problem(Problem.Kind.INVALID, "syntax error: " + raw.strip(), loc));
            return;
        }
        switch (name.toLowerCase(Locale.ROOT)) {
            case "include" -> file(ConfFiles.resolve(loc.file(), value), loc, false);
            case "include_if_exists" -> file(ConfFiles.resolve(loc.file(), value), loc, true);
            case "include_dir" -> dir(ConfFiles.resolve(loc.file(), value), loc);
            default -> values.put(name.toLowerCase(Locale.ROOT), new Settings.Setting(name, value, loc));
        }
    }

    private void dir(Path dir, Loc from) {
        List<String> names;
        try {
            names = sys.list(dir);
        } catch (IOException e) {
            problems.add(new Problem(
                    Problem.Kind.UNREADABLE,
                    "could not open configuration directory \"" + dir + "\": " + e.getMessage(),
                    from));
            return;
        }
        for (String n : names.stream().sorted().toList()) {
            Path p = dir.resolve(n);
            if (!n.startsWith(".") && n.endsWith(".conf") && !sys.isDirectory(p)) {
                file(p, from, false);
            }
        }
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The value at {@code i}: a quoted string, or a bare word up to blank or comment; null when missing. */
    static String value(String s, int i) {
        if (i >= s.length() || s.charAt(i) == '#') {
            return null;
        }
        if (s.charAt(i) != '\'') {
            int end = i;
            while (end < s.length() && !Character.isWhitespace(s.charAt(end)) && s.charAt(end) != '#') {
                end++;
            }
            return trailingOk(s, end) ? s.substring(i, end) : null;
        }
        StringBuilder out = new StringBuilder();
        for (int j = i + 1; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '\'' && j + 1 < s.length() && s.charAt(j + 1) == '\'') {
                out.append('\'');
                j++;
            } else if (c == '\'') {
                return trailingOk(s, j + 1) ? out.toString() : null;
            } else if (c == '\\' && j + 1 < s.length()) {
                out.append(s.charAt(++j));
            } else {
                out.append(c);
            }
        }
        return null; // unterminated quote
    }

    private static boolean trailingOk(String s, int end) {
        int k = skipSpace(s, end);
        return k >= s.length() || s.charAt(k) == '#';
    }
}
