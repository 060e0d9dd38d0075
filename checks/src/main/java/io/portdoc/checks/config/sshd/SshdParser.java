package io.portdoc.checks.config.sshd;

import io.portdoc.checks.config.files.BoundedFiles;
import io.portdoc.checks.config.files.FileRead;
import io.portdoc.core.host.SystemView;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Reads an sshd_config as sshd's servconf.c does: one directive per line, keyword and arguments
 * split on blanks (or {@code =}), double quotes group, {@code #} at the start of a word ends the
 * line; {@code Include} globs (relative to /etc/ssh) are read in place, and a {@code Match} inside
 * an included file ends with that file. Bounded: include depth 16 (sshd's own limit), an include
 * chain that comes back to a file is a loop, and at most {@link #MAX_LINES} directives in all.
 */
public final class SshdParser {
    static final int MAX_DEPTH = 16;
    static final int MAX_LINES = 500_000;
    private static final Path SSHDIR = Path.of("/etc/ssh");

    private final SystemView system;
    private final List<Line> lines = new ArrayList<>();
    private final List<String> files = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private final Deque<String> chain = new ArrayDeque<>();

    private SshdParser(SystemView system) {
        this.system = system;
    }

    public static SshdConfig parse(SystemView system, Path file) {
        SshdParser p = new SshdParser(system);
        p.file(file, null, null);
        return new SshdConfig(file.toString(), p.lines, p.files, p.problems);
    }

    private boolean full() {
        return lines.size() >= MAX_LINES || !problems.isEmpty() && stop();
    }

    /** Reading stops at the first problem that makes the rest meaningless (unreadable, loop, too big). */
    private boolean stop() {
        return problems.stream().anyMatch(p -> p.kind() == Problem.Kind.UNREADABLE);
    }

    private void file(Path path, MatchBlock inherited, String from) {
        String name = path.toString();
        if (chain.contains(name)) {
            problems.add(new Problem(Problem.Kind.UNREADABLE, from, "Include loop: " + name + " includes itself"));
            return;
        }
        if (chain.size() >= MAX_DEPTH) {
            problems.add(new Problem(
                    Problem.Kind.UNREADABLE,
                    from,
                    "Include nested deeper than " + MAX_DEPTH + " levels (sshd refuses it too)"));
            return;
        }
        FileRead read = BoundedFiles.read(system, path);
        if (!read.ok()) {
            problems.add(new Problem(Problem.Kind.UNREADABLE, from == null ? name : from, name + ": " + read.reason()));
            return;
        }
        files.add(name);
        chain.push(name);
        MatchBlock block = inherited;
        String[] raw = read.text().split("\n", -1);
        for (int i = 0; i < raw.length && !full(); i++) {
            block = line(name, i + 1, raw[i], block);
        }
        if (lines.size() >= MAX_LINES
                && problems.stream().noneMatch(p -> p.reason().startsWith("more than"))) {
            problems.add(new Problem(Problem.Kind.UNREADABLE, name, "more than " + MAX_LINES + " directives"));
        }
        chain.pop();
    }

    /** One line; returns the Match block in effect after it. */
    private MatchBlock line(String file, int no, String rawLine, MatchBlock block) {
        String text = rawLine.strip();
        if (text.isEmpty() || text.startsWith("#")) {
            return block;
        }
        String loc = file + ":" + no;
        int end = 0;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '=') {
            end++;
        }
        String keyword = text.substring(0, end).toLowerCase(Locale.ROOT);
        String rest = text.substring(end).stripLeading();
        if (rest.startsWith("=")) {
            rest = rest.substring(1);
        }
        List<String> args = words(rest);
        if (!Keywords.known(keyword)) {
            problems.add(new Problem(Problem.Kind.INVALID, loc, "Bad configuration option: " + text.substring(0, end)));
            return block;
        }
        if (block != null && !Keywords.allowedInMatch(keyword)) {
            problems.add(new Problem(
                    Problem.Kind.INVALID,
                    loc,
                    "Directive '" + text.substring(0, end) + "' is not allowed within a Match block"));
            return block;
        }
        switch (keyword) {
            case "match" -> {
                return match(args, loc, text);
            }
            case "include" -> {
                for (String pattern : args) {
                    Path p = pattern.startsWith("/") ? Path.of(pattern) : SSHDIR.resolve(pattern);
                    for (Path f : BoundedFiles.glob(system, p)) {
                        if (system.exists(f) && !system.isDirectory(f)) {
                            file(f, block, loc);
                        }
                    }
                }
                return block;
            }
            default -> {
                lines.add(new Line(keyword, args, file, no, text, block));
                return block;
            }
        }
    }

    private MatchBlock match(List<String> args, String loc, String text) {
        List<MatchBlock.Criterion> criteria = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String k = args.get(i).toLowerCase(Locale.ROOT);
            if (k.equals("all")) {
                criteria.add(new MatchBlock.Criterion(MatchBlock.Kind.ALL, ""));
                continue;
            }
            MatchBlock.Kind kind = switch (k) {
                case "user" -> MatchBlock.Kind.USER;
                case "group" -> MatchBlock.Kind.GROUP;
                case "host" -> MatchBlock.Kind.HOST;
                case "localaddress" -> MatchBlock.Kind.LOCALADDRESS;
                case "localport" -> MatchBlock.Kind.LOCALPORT;
                case "rdomain" -> MatchBlock.Kind.RDOMAIN;
                case "address" -> MatchBlock.Kind.ADDRESS;
                default -> null;
            };
            if (kind == null || i + 1 >= args.size()) {
                problems.add(new Problem(
                        Problem.Kind.INVALID,
                        loc,
                        kind == null
                                ? "Unsupported Match attribute " + args.get(i)
                                : "Match " + args.get(i) + " needs a pattern"));
                return new MatchBlock(List.of(), loc, text);
            }
            criteria.add(new MatchBlock.Criterion(kind, args.get(++i)));
        }
        if (criteria.isEmpty()) {
            problems.add(new Problem(Problem.Kind.INVALID, loc, "Match needs a criterion (or All)"));
        }
        return new MatchBlock(criteria, loc, text);
    }

    /** argv_split(): blanks separate, double quotes group, backslash escapes, {@code #} starting a word ends a line. */
    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!quoted && Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
                continue;
            }
            if (!inWord && !quoted && c == '#') {
                break;
            }
            inWord = true;
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && i + 1 < s.length()) {
                w.append(s.charAt(++i));
            } else {
                w.append(c);
            }
        }
        if (inWord) {
            out.add(w.toString());
        }
        return out;
    }
}
