package io.portdoc.checks.config.apache;

import io.portdoc.checks.config.files.Glob;
import io.portdoc.core.host.RefusedFileException;
import io.portdoc.core.host.SystemView;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an Apache (or CUPS) configuration through {@link SystemView} the way httpd 2.4 builds
 * its tree: {@code Include} / {@code IncludeOptional} with globs in alphabetical order relative
 * to ServerRoot (directories read recursively), {@code Define} and {@code ${VAR}},
 * {@code <IfModule>} by the {@code LoadModule} lines seen so far, {@code <IfDefine>},
 * {@code <IfVersion>} (as 2.4), {@code <IfFile>}. Errors Apache would refuse to start with
 * become {@link Problem.Kind#REFUSED}; the parser never throws for bad input.
 */
public final class ConfigParser {
    /** The version {@code <IfVersion>} is compared with: a current 2.4. */
    static final int[] ASSUMED_VERSION = {2, 4, 62};

    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z0-9_:.\\-]+)}");
    /** httpd's AP_MAX_INCLUDE_DEPTH and AP_MAX_INCLUDE_DIR_DEPTH (include/http_config.h, server/config.c). */
    static final int MAX_INCLUDE_DEPTH = 128;
    /** Sections inside sections: deeper than any real configuration, shallow enough for the stack. */
    static final int MAX_SECTION_DEPTH = 256;
    /** Files read for one configuration (Debian's stock apache2 reads about 60). */
    static final int MAX_FILES = 4096;

    private static final Set<String> CONDITIONALS =
            Set.of("ifmodule", "ifdefine", "ifversion", "iffile", "ifdirective", "ifsection");

    /** Where and how to read. {@code env} feeds {@code ${VAR}} after the Defines (Debian's envvars). */
    public record Options(
            String serverRoot, Set<String> defines, Map<String, String> env, Set<String> staticModules, boolean cups) {
        public Options {
            defines = Set.copyOf(defines);
            env = Map.copyOf(env);
            staticModules = Set.copyOf(staticModules);
        }

        public static Options apache(String serverRoot) {
            return new Options(serverRoot, Set.of(), Map.of(), STATIC_MODULES, false);
        }

        public static Options cups(String serverRoot) {
            return new Options(serverRoot, Set.of(), Map.of(), Set.of(), true);
        }

        public Options withDefines(Set<String> d) {
            return new Options(serverRoot, d, env, staticModules, cups);
        }

        public Options withEnv(Map<String, String> e) {
            return new Options(serverRoot, defines, e, staticModules, cups);
        }
    }

    /** Compiled into Debian's apache2 ({@code apache2 -l}) and most distribution builds. */
    public static final Set<String> STATIC_MODULES = Set.of(
            "core.c",
            "mod_so.c",
            "mod_watchdog.c",
            "http_core.c",
            "mod_log_config.c",
            "mod_logio.c",
            "mod_version.c",
            "mod_unixd.c",
            "core_module",
            "so_module",
            "watchdog_module",
            "http_module",
            "log_config_module",
            "logio_module",
            "version_module",
            "unixd_module");

    private final SystemView system;
    private final Options options;
    private final List<Problem> problems = new ArrayList<>();
    private final List<String> files = new ArrayList<>();
    private final Set<String> modules = new LinkedHashSet<>();
    private final Map<String, String> defines = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    /** Real paths of the directories being included, outermost first: a link back to one is a loop. */
    private final Deque<String> dirs = new ArrayDeque<>();

    private int includeDepth;
    private int sectionDepth;
    private boolean fileBudgetSpent;
    private String serverRoot;

    private ConfigParser(SystemView system, Options options) {
        this.system = system;
        this.options = options;
        this.serverRoot = options.serverRoot();
        options.defines().forEach(d -> defines.put(d, ""));
        modules.addAll(options.staticModules());
    }

    public static ParsedConfig parse(SystemView system, String file, Options options) {
        ConfigParser p = new ConfigParser(system, options);
        List<Directive> top = new ArrayList<>();
        p.readFile(p.absolute(file), top, null, true);
        return new ParsedConfig(file, p.serverRoot, top, p.problems, p.files, p.modules, p.defines);
    }

    private String absolute(String path) {
        if (path.startsWith("/")) {
            return Path.of(path).normalize().toString();
        }
        return Path.of(serverRoot == null ? "/" : serverRoot)
                .resolve(path)
                .normalize()
                .toString();
    }

    /** Reads one file into {@code into}; a missing file is an error unless {@code optional}. */
    private void readFile(String path, List<Directive> into, Loc from, boolean required) {
        if (files.size() >= MAX_FILES) {
            if (!fileBudgetSpent) {
                fileBudgetSpent = true;
                problems.add(new Problem(
                        Problem.Kind.NOT_READ,
                        from,
                        "more than " + MAX_FILES + " configuration files; portdoc stopped at " + path));
            }
            return;
        }
        if (stack.contains(path)) {
            problems.add(Problem.refused(
                    from, "include loop: " + path + " includes itself (via " + String.join(" -> ", stack) + ")"));
            return;
        }
        String content;
        try {
            content = system.readFile(Path.of(path));
        } catch (AccessDeniedException e) {
            problems.add(new Problem(Problem.Kind.UNREADABLE, from, path));
            return;
        } catch (RefusedFileException e) {
            problems.add(new Problem(Problem.Kind.NOT_READ, from, e.getMessage()));
            return;
        } catch (IOException e) {
            if (required) {
                problems.add(Problem.refused(
                        from, "could not open configuration file " + path + ": No such file or directory"));
            }
            return;
        }
        files.add(path);
        stack.push(path);
        try {
            Cursor c = new Cursor(path, Lexer.lines(content));
            block(c, into, null);
        } finally {
            stack.pop();
        }
    }

    private static final class Cursor {
        final String file;
        final List<Lexer.Line> lines;
        int next;

        Cursor(String file, List<Lexer.Line> lines) {
            this.file = file;
            this.lines = lines;
        }

        Lexer.Line take() {
            return next < lines.size() ? lines.get(next++) : null;
        }
    }

    /**
     * Reads directives until the closing tag of {@code open} (null: end of file). Returns
     * normally in both cases; a missing or wrong closing tag is recorded.
     */
    private void block(Cursor c, List<Directive> into, Directive open) {
        Lexer.Line line;
        while ((line = c.take()) != null) {
            Loc loc = new Loc(c.file, line.number());
            String text = options.cups() ? line.text() : substitute(line.text(), loc);
            List<String> words = Lexer.words(text);
            if (words.isEmpty()) {
                continue;
            }
            String first = words.get(0);
            if (first.startsWith("</")) {
                String name = first.substring(2).replace(">", "");
                if (open == null) {
                    problems.add(Problem.refused(loc, "</" + name + "> without matching <" + name + "> section"));
                    continue;
                }
                if (!name.equalsIgnoreCase(open.name())) {
                    problems.add(Problem.refused(loc, "Expected </" + open.name() + "> but saw </" + name + ">"));
                }
                return;
            }
            if (first.startsWith("<")) {
                section(c, into, loc, text);
                continue;
            }
            String argText =
                    text.substring(text.indexOf(first) + first.length()).strip();
            List<String> args = words.subList(1, words.size());
            if (args.contains("#") || args.stream().anyMatch(a -> a.startsWith("#") && a.length() > 1)) {
                problems.add(new Problem(Problem.Kind.INLINE_COMMENT, loc, text));
            }
            Directive d = new Directive(first, args, argText, loc, null);
            if (!handleReadTime(d, into)) {
                into.add(d);
            }
        }
        if (open != null) {
            problems.add(Problem.refused(open.loc(), open.text() + " was not closed"));
        }
    }

    private void section(Cursor c, List<Directive> into, Loc loc, String text) {
        if (sectionDepth >= MAX_SECTION_DEPTH) {
            problems.add(new Problem(
                    Problem.Kind.NOT_READ,
                    loc,
                    "sections nested deeper than " + MAX_SECTION_DEPTH + "; portdoc skipped this one"));
            skip(c, new Directive(Lexer.words(text).get(0).substring(1).replace(">", ""), List.of(), "", loc, null));
            return;
        }
        sectionDepth++;
        try {
            openSection(c, into, loc, text);
        } finally {
            sectionDepth--;
        }
    }

    private void openSection(Cursor c, List<Directive> into, Loc loc, String text) {
        int space = firstBlank(text);
        String name = (space < 0 ? text.substring(1) : text.substring(1, space)).replace(">", "");
        String rest = space < 0 ? "" : text.substring(space).strip();
        int close = rest.lastIndexOf('>');
        if (close < 0 && !text.endsWith(">")) {
            problems.add(Problem.refused(loc, "<" + name + "> directive missing closing '>'"));
        }
        String argText = close < 0 ? rest : rest.substring(0, close).strip();
        List<String> args = Lexer.words(argText);
        Directive open = new Directive(name, args, argText, loc, List.of());
        String lower = name.toLowerCase(Locale.ROOT);
        if (!options.cups() && CONDITIONALS.contains(lower)) {
            Boolean ok = condition(lower, args, loc);
            if (ok == null || ok) {
                block(c, into, open); // contents belong to the enclosing section
            } else {
                skip(c, open);
            }
            return;
        }
        List<Directive> children = new ArrayList<>();
        block(c, children, open);
        into.add(new Directive(name, args, argText, loc, children));
    }

    private static int firstBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Skips a false conditional like {@code ap_soak_end_container}: nested sections counted. */
    private void skip(Cursor c, Directive open) {
        int depth = 0;
        Lexer.Line line;
        while ((line = c.take()) != null) {
            String t = line.text();
            if (t.startsWith("</")) {
                if (depth == 0) {
                    String name = Lexer.words(t).get(0).substring(2).replace(">", "");
                    if (!name.equalsIgnoreCase(open.name())) {
                        problems.add(Problem.refused(
                                new Loc(c.file, line.number()),
                                "Expected </" + open.name() + "> but saw </" + name + ">"));
                    }
                    return;
                }
                depth--;
            } else if (t.startsWith("<")) {
                depth++;
            }
        }
        problems.add(Problem.refused(open.loc(), open.text() + " was not closed"));
    }

    /** True/false for a conditional section; null when not understood (then read as true). */
    private Boolean condition(String kind, List<String> args, Loc loc) {
        if (args.isEmpty()) {
            problems.add(Problem.refused(loc, "<" + kind + "> needs an argument"));
            return false;
        }
        String a = args.get(0);
        boolean neg = a.startsWith("!");
        String name = neg ? a.substring(1) : a;
        boolean v;
        switch (kind) {
            case "ifmodule" -> v = hasModule(name);
            case "ifdefine" -> v = defines.containsKey(name);
            case "iffile" -> v = system.exists(Path.of(absolute(name)));
            case "ifversion" -> {
                Boolean r = VersionTest.test(args, ASSUMED_VERSION);
                if (r == null) {
                    problems.add(Problem.notUnderstood(loc, "<IfVersion " + String.join(" ", args) + ">"));
                }
                return r;
            }
            default -> {
                problems.add(Problem.notUnderstood(loc, "<" + kind + " " + String.join(" ", args) + ">"));
                return null;
            }
        }
        return neg != v;
    }

    private boolean hasModule(String name) {
        for (String m : modules) {
            if (m.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** Directives Apache runs while reading (EXEC_ON_READ). True when consumed. */
    private boolean handleReadTime(Directive d, List<Directive> into) {
        if (options.cups()) {
            if (d.is("Include") && !d.args().isEmpty()) {
                readFile(absolute(d.arg(0)), into, d.loc(), false);
                return true;
            }
            return false;
        }
        switch (d.lower()) {
            case "include", "includeoptional" -> {
                if (d.args().isEmpty()) {
                    problems.add(Problem.refused(d.loc(), d.name() + " takes one argument"));
                } else {
                    include(d, into, d.is("Include"));
                }
                return true;
            }
            case "define" -> {
                if (!d.args().isEmpty()) {
                    defines.put(d.arg(0), d.args().size() > 1 ? d.arg(1) : "");
                }
                into.add(d);
                return true;
            }
            case "undefine" -> {
                if (!d.args().isEmpty()) {
                    defines.remove(d.arg(0));
                }
                return false;
            }
            case "loadmodule" -> {
                if (d.args().size() >= 2) {
                    modules.add(d.arg(0));
                    String file = Path.of(d.arg(1)).getFileName().toString();
                    int dot = file.lastIndexOf('.');
                    modules.add((dot > 0 ? file.substring(0, dot) : file) + ".c");
                } else {
                    problems.add(Problem.refused(d.loc(), "LoadModule takes two arguments"));
                }
                return false;
            }
            case "serverroot" -> {
                if (!d.args().isEmpty()) {
                    serverRoot = absolute(d.arg(0));
                }
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    private void include(Directive d, List<Directive> into, boolean required) {
        if (includeDepth >= MAX_INCLUDE_DEPTH) {
            // httpd's include_config, word for word
            problems.add(Problem.refused(
                    d.loc(),
                    "Exceeded maximum include depth of " + MAX_INCLUDE_DEPTH + ", There appears to be a recursion."));
            return;
        }
        includeDepth++;
        try {
            includeMatches(d, into, required);
        } finally {
            includeDepth--;
        }
    }

    private void includeMatches(Directive d, List<Directive> into, boolean required) {
        String pattern = absolute(d.arg(0));
        List<String> matches = new ArrayList<>();
        boolean wild = Glob.hasWildcard(pattern);
        if (wild) {
            expand("/", List.of(pattern.substring(1).split("/")), 0, matches, d.loc());
            if (matches.isEmpty() && required) {
                problems.add(Problem.refused(d.loc(), "No matches for the wildcard '" + pattern + "', failing"));
            }
        } else {
            matches.add(pattern);
        }
        for (String m : matches) {
            includePath(m, into, d.loc(), required && !wild);
        }
    }

    private void expand(String dir, List<String> parts, int i, List<String> out, Loc loc) {
        if (i == parts.size()) {
            out.add(dir);
            return;
        }
        String part = parts.get(i);
        String base = dir.endsWith("/") ? dir : dir + "/";
        if (!Glob.hasWildcard(part)) {
            String next = base + part;
            if (i == parts.size() - 1 ? system.exists(Path.of(next)) : system.isDirectory(Path.of(next))) {
                expand(next, parts, i + 1, out, loc);
            }
            return;
        }
        Pattern p = Glob.compile(part);
        for (String name : listSorted(dir, loc)) {
            if (p.matcher(name).matches() && !name.equals(".") && !name.equals("..")) {
                String next = base + name;
                if (i == parts.size() - 1 || system.isDirectory(Path.of(next))) {
                    expand(next, parts, i + 1, out, loc);
                }
            }
        }
    }

    private List<String> listSorted(String dir, Loc loc) {
        try {
            List<String> names = new ArrayList<>(system.list(Path.of(dir)));
            names.sort(String::compareTo); // Apache sorts with strcmp
            return names;
        } catch (AccessDeniedException e) {
            problems.add(new Problem(Problem.Kind.UNREADABLE, loc, dir));
        } catch (IOException e) {
            // a missing directory simply matches nothing
        }
        return List.of();
    }

    private void includePath(String path, List<Directive> into, Loc loc, boolean required) {
        if (system.isDirectory(Path.of(path))) {
            String real = system.realPath(Path.of(path)).toString();
            if (dirs.size() >= MAX_INCLUDE_DEPTH || dirs.contains(real)) {
                // httpd recurses until its limit; a directory inside itself is already that recursion
                problems.add(Problem.refused(
                        loc,
                        "Directory " + path + " exceeds the maximum include directory " + "nesting level of "
                                + MAX_INCLUDE_DEPTH + ". You have probably a recursion somewhere."));
                return;
            }
            dirs.push(real);
            try {
                for (String name : listSorted(path, loc)) {
                    includePath(path + (path.endsWith("/") ? "" : "/") + name, into, loc, false);
                }
            } finally {
                dirs.pop();
            }
            return;
        }
        readFile(path, into, loc, required);
    }

    private String substitute(String text, Loc loc) {
        if (text.indexOf("${") < 0) {
            return text;
        }
        Matcher m = VAR.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String v = defines.containsKey(name)
                    ? defines.get(name)
                    : options.env().get(name);
            if (v == null) {
                problems.add(new Problem(Problem.Kind.UNDEFINED_VARIABLE, loc, "${" + name + "}"));
                v = m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }
}
