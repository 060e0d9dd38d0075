package io.portdoc.checks.config.redis;

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
 * Reads redis.conf like Redis does (config.c {@code loadServerConfigFromString}): one directive
 * per line, blank lines and lines starting with {@code #} skipped, names case-insensitive,
 * {@code include FILE} read in place (a glob since 7.0; a relative name is taken from the
 * including file's directory, where Redis would use its working directory), and the options given
 * after the file on the command line ({@code --port 7000}) appended last.
 */
final class RedisConfigReader {
    private final SystemView system;
    private final List<RedisLine> lines = new ArrayList<>();
    private final List<String> files = new ArrayList<>();
    private final Set<String> open = new HashSet<>();
    private String problem;
    private boolean denied;

    private RedisConfigReader(SystemView system) {
        this.system = system;
    }

    /** {@code options}: the command-line words after the file ({@code --port 7000 --bind a b}). */
    static RedisConfig read(SystemView system, String file, List<String> options, String optionsSource) {
        RedisConfigReader r = new RedisConfigReader(system);
        if (file != null) {
            r.file(file, null, 0);
        }
        if (r.problem == null) {
            r.options(options, optionsSource);
        }
        return new RedisConfig(r.lines, r.files, r.problem, r.denied);
    }

    private void file(String path, Where from, int depth) {
        if (problem != null) {
            return;
        }
        if (depth > ConfFiles.MAX_DEPTH) {
            problem = ConfFiles.tooDeep(from, ConfFiles.MAX_DEPTH);
            return;
        }
        if (open.contains(path)) {
            problem = ConfFiles.loop(from, path);
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
        String[] text = read.text().split("\n", -1);
        for (int i = 0; i < text.length && problem == null; i++) {
            String line = text[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Where at = new Where(path, i + 1);
            List<String> words = RedisArgs.split(line);
            if (words == null) {
                problem = at + ": unbalanced quotes (Redis refuses to start)";
                return;
            }
            if (words.isEmpty()) {
                continue;
            }
            String name = words.get(0).toLowerCase(Locale.ROOT);
            if (name.equals("include") && words.size() > 1) {
                for (String inc : includes(path, words.get(1))) {
                    file(inc, at, depth + 1);
                }
            } else {
                lines.add(new RedisLine(name, words.subList(1, words.size()), at, line));
            }
        }
        open.remove(path);
    }

    private List<String> includes(String from, String name) {
        Path p = Path.of(name);
        if (!p.isAbsolute()) {
            Path dir = Path.of(from).getParent();
            p = dir == null ? p : dir.resolve(p);
        }
        String file = p.getFileName() == null ? "" : p.getFileName().toString();
        if (p.getParent() != null && (file.contains("*") || file.contains("?"))) {
            return ConfFiles.glob(system, p.getParent().toString(), file);
        }
        return List.of(p.toString());
    }

    private void options(List<String> words, String source) {
        List<String> current = null;
        int index = 0;
        for (int i = 0; i <= words.size(); i++) {
            String w = i < words.size() ? words.get(i) : null;
            if (w == null || (w.startsWith("--") && w.length() > 2)) {
                if (current != null) {
                    String name = current.get(0).toLowerCase(Locale.ROOT);
                    lines.add(new RedisLine(
                            name,
                            current.subList(1, current.size()),
                            new Where(source, index),
                            "--" + String.join(" ", current)));
                }
                if (w != null) {
                    current = new ArrayList<>(List.of(w.substring(2)));
                    index = i + 1;
                }
            } else if (current != null) {
                current.add(w);
            }
        }
    }
}
