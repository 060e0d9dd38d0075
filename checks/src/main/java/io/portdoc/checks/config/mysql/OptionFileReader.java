package io.portdoc.checks.config.mysql;

import io.portdoc.checks.config.dbconf.ConfFiles;
import io.portdoc.checks.config.dbconf.Where;
import io.portdoc.core.host.SystemView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads option files like the server's mysys/my_default.c: lines starting with {@code #} or
 * {@code ;} are comments, {@code [group]} starts a group, {@code name}, {@code name=value}
 * (blanks around {@code =} ignored, a {@code #} outside quotes ends the value, one pair of quotes
 * around it removed), {@code !include FILE} and {@code !includedir DIR} (the files ending in
 * {@code .cnf}, sorted) read in place. The server stops following includes ten levels deep
 * without a word; an include loop or such depth is reported here as a problem instead.
 */
final class OptionFileReader {
    /** my_default.c: {@code if (recursion_level >= 10) return 0}. */
    static final int MAX_RECURSION = 10;

    private final SystemView system;
    private final List<MyOption> options = new ArrayList<>();
    private final List<String> files = new ArrayList<>();
    private final Set<String> open = new HashSet<>();
    private String problem;
    private boolean denied;

    /** Everything read, in order; {@code problem} is why reading stopped (null: complete). */
    record Result(List<MyOption> options, List<String> files, String problem, boolean denied) {}

    private OptionFileReader(SystemView system) {
        this.system = system;
    }

    /** Reads {@code paths} in order; {@code optional}: a missing file is skipped, as the defaults are. */
    static Result read(SystemView system, List<String> paths, boolean optional) {
        OptionFileReader r = new OptionFileReader(system);
        for (String p : paths) {
            if (optional && !system.exists(Path.of(p))) {
                continue;
            }
            r.file(p, null, 0);
        }
        return new Result(r.options, r.files, r.problem, r.denied);
    }

    private void file(String path, Where from, int level) {
        if (problem != null) {
            return;
        }
        if (open.contains(path) || level >= MAX_RECURSION) {
            // the server silently stops following includes here, so what it finally uses is unclear
            problem = open.contains(path) ? ConfFiles.loop(from, path) : ConfFiles.tooDeep(from, MAX_RECURSION);
            return;
        }
        if (files.size() >= ConfFiles.MAX_FILES) {
            problem = ConfFiles.tooMany(from);
            return;
        }
        ConfFiles.Read read = ConfFiles.read(system, path);
        if (!read.ok()) {
            problem = from == null ? read.problem() : from + ": " + read.problem();
            denied = read.denied();
            return;
        }
        files.add(path);
        open.add(path);
        String group = null;
        String[] lines = read.text().split("\n", -1);
        for (int i = 0; i < lines.length && problem == null; i++) {
            String line = lines[i].strip();
            Where at = new Where(path, i + 1);
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("!")) {
                directive(line, at, path, level);
            } else if (line.startsWith("[")) {
                int close = line.indexOf(']');
                if (close < 0) {
                    problem = at + ": wrong group definition \"" + line + "\" (the server refuses to start)";
                    return;
                }
                group = line.substring(1, close).strip().toLowerCase(Locale.ROOT);
            } else if (group == null) {
                problem = at + ": option without a preceding group (the server refuses to start)";
                return;
            } else {
                options.add(option(group, line, at));
            }
        }
        open.remove(path);
    }

    private void directive(String line, Where at, String path, int level) {
        String[] w = line.substring(1).split("\\s+", 2);
        if (w.length < 2) {
            return;
        }
        String target = w[1].strip();
        Path p = Path.of(target);
        if (!p.isAbsolute() && Path.of(path).getParent() != null) {
            p = Path.of(path).getParent().resolve(p);
        }
        if (w[0].equals("include")) {
            file(p.toString(), at, level + 1);
        } else if (w[0].equals("includedir")) {
            for (String f : ConfFiles.glob(system, p.toString(), "*.cnf")) {
                if (!system.isDirectory(Path.of(f))) {
                    file(f, at, level + 1);
                }
            }
        }
    }

    /** {@code name [= value]}: the name normalised, the value without its end comment and quotes. */
    static MyOption option(String group, String line, Where at) {
        int eq = line.indexOf('=');
        String name = (eq < 0 ? line : line.substring(0, eq)).strip();
        String value = eq < 0 ? null : value(line.substring(eq + 1));
        return new MyOption(group, normalise(name), value, at, line);
    }

    static String normalise(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return n.startsWith("loose-") ? n.substring(6) : n;
    }

    private static String value(String raw) {
        StringBuilder v = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (quote == 0 && c == '#') {
                break;
            }
            if (c == '"' || c == '\'') {
                quote = quote == 0 ? c : quote == c ? 0 : quote;
            }
            v.append(c);
        }
        String s = v.toString().strip();
        if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }
}
