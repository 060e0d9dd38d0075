package io.portdoc.checks.config.nginx;

import io.portdoc.checks.config.files.Glob;
import io.portdoc.core.host.SystemView;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an nginx configuration as {@code ngx_conf_parse} does: every file balanced on its own,
 * {@code include} expanded in place at any level, its argument relative to the directory of the
 * main file (nginx's conf prefix), a wildcard sorted like glob(3) and allowed to match nothing.
 * Hostile input ends with a {@link Problem}: include loops, nesting and size limits, binary files.
 */
public final class ConfigReader {
    static final int MAX_INCLUDE_DEPTH = 32;
    static final int MAX_BLOCK_DEPTH = 64;
    static final int MAX_FILE_CHARS = 8 << 20;
    static final int MAX_FILES = 5_000;
    static final int MAX_DIRECTIVES = 100_000;

    /**
     * The directives of the main file with includes expanded, the files read, and what stopped the
     * read; after a stop, {@code top} holds what was read before it (nginx has handled those already).
     */
    public record Parsed(Path main, List<Directive> top, List<String> files, int directives, Problem problem) {
        public Parsed {
            top = List.copyOf(top);
            files = List.copyOf(files);
        }
    }

    /** Thrown inside the reader to end it at the first problem, as nginx stops at its first emerg. */
    private static final class Stop extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Problem problem;

        Stop(Problem problem) {
            super(problem.text(), null, false, false);
            this.problem = problem;
        }
    }

    private final SystemView system;
    private final Path prefix;
    private final Set<String> files = new LinkedHashSet<>();
    private final Deque<String> including = new ArrayDeque<>();
    /** Texts already read: a file included many times (not a loop) is read from disk once. */
    private final Map<String, String> texts = new HashMap<>();

    private int directives;

    private ConfigReader(SystemView system, Path prefix) {
        this.system = system;
        this.prefix = prefix;
    }

    /** Reads {@code main}; relative includes resolve against its directory. Never throws for bad input. */
    public static Parsed read(SystemView system, Path main) {
        Path dir = main.toAbsolutePath().getParent();
        ConfigReader r = new ConfigReader(system, dir == null ? Path.of("/") : dir);
        List<Directive> top = new ArrayList<>();
        Problem problem = null;
        try {
            r.file(main, null, top);
        } catch (Stop s) {
            problem = s.problem;
        }
        return new Parsed(main, top, new ArrayList<>(r.files), r.directives, problem);
    }

    private void file(Path path, Directive include, List<Directive> out) throws Stop {
        String name = path.toString();
        Where from = include == null ? null : include.end();
        if (including.contains(name)) {
            throw new Stop(new Problem(Problem.Kind.LIMIT, "include loop: " + name + " includes itself", from));
        }
        if (including.size() >= MAX_INCLUDE_DEPTH) {
            throw new Stop(new Problem(Problem.Kind.LIMIT, "includes nested deeper than " + MAX_INCLUDE_DEPTH, from));
        }
        if (files.size() >= MAX_FILES && !files.contains(name)) {
            throw new Stop(new Problem(Problem.Kind.LIMIT, "more than " + MAX_FILES + " files included", from));
        }
        String text = texts.get(name);
        if (text == null) {
            text = load(path, from);
            texts.put(name, text);
        }
        files.add(name);
        including.push(name);
        try {
            block(new Lexer(text), name, false, 0, out);
        } finally {
            including.pop();
        }
    }

    private String load(Path path, Where from) throws Stop {
        String text;
        String suffix = from == null ? "" : " in " + from;
        try {
            if (system.isDirectory(path)) {
                throw new Stop(new Problem(
                        Problem.Kind.EMERG, "pread() \"" + path + "\" failed (21: Is a directory)" + suffix, from));
            }
            text = system.readFile(path);
        } catch (NoSuchFileException e) {
            throw new Stop(new Problem(
                    Problem.Kind.EMERG,
                    "open() \"" + path + "\" failed (2: No such file or directory)" + suffix,
                    from));
        } catch (AccessDeniedException e) {
            throw new Stop(new Problem(Problem.Kind.UNREADABLE, path + ": permission denied", from));
        } catch (IOException | RuntimeException e) {
            throw new Stop(new Problem(Problem.Kind.UNREADABLE, path + ": " + e.getMessage(), from));
        }
        if (text.length() > MAX_FILE_CHARS) {
            throw new Stop(new Problem(
                    Problem.Kind.LIMIT,
                    path + " is larger than " + (MAX_FILE_CHARS >> 20) + " MiB: not read as a configuration file",
                    from));
        }
        if (text.indexOf('\0') >= 0) {
            throw new Stop(new Problem(Problem.Kind.LIMIT, path + " is a binary file, not a configuration file", from));
        }
        return text;
    }

    private void block(Lexer lexer, String file, boolean inBlock, int depth, List<Directive> out) throws Stop {
        if (depth > MAX_BLOCK_DEPTH) {
            throw new Stop(new Problem(
                    Problem.Kind.LIMIT, "blocks nested deeper than " + MAX_BLOCK_DEPTH, new Where(file, 0)));
        }
        while (true) {
            Lexer.Token t;
            try {
                t = lexer.next();
            } catch (Lexer.SyntaxError e) {
                throw emerg(e.getMessage(), new Where(file, e.line));
            }
            switch (t.kind()) {
                case EOF -> {
                    if (inBlock) {
                        throw emerg("unexpected end of file, expecting \"}\"", new Where(file, t.line()));
                    }
                    return;
                }
                case BLOCK_DONE -> {
                    if (!inBlock) {
                        throw emerg("unexpected \"}\"", new Where(file, t.line()));
                    }
                    return;
                }
                default -> {}
            }
            if (++directives > MAX_DIRECTIVES) {
                throw new Stop(new Problem(
                        Problem.Kind.LIMIT, "more than " + MAX_DIRECTIVES + " directives", new Where(file, t.line())));
            }
            String name = t.words().get(0);
            List<String> args = t.words().subList(1, t.words().size());
            Where where = new Where(file, t.firstLine());
            if (t.kind() == Lexer.Kind.BLOCK_START) {
                Directive open = new Directive(name, args, where, t.line(), List.of());
                if (name.equals("include")) {
                    throw emerg("directive \"include\" is not terminated by \";\"", open.end());
                }
                List<Directive> inner = new ArrayList<>();
                out.add(new Directive(name, args, where, t.line(), inner));
                block(lexer, file, true, depth + 1, inner);
            } else if (name.equals("include")) {
                Directive inc = new Directive(name, args, where, t.line(), null);
                if (args.size() != 1) {
                    throw emerg("invalid number of arguments in \"include\" directive", inc.end());
                }
                for (Path p : expand(args.get(0))) {
                    file(p, inc, out);
                }
            } else {
                out.add(new Directive(name, args, where, t.line(), null));
            }
        }
    }

    private static Stop emerg(String text, Where where) {
        return new Stop(new Problem(Problem.Kind.EMERG, text + " in " + where, where));
    }

    /** An include argument to files: relative to the conf prefix, wildcards sorted, none matching is fine. */
    private List<Path> expand(String arg) {
        Path p = prefix.resolve(arg);
        if (!Glob.hasWildcard(arg)) {
            return List.of(p);
        }
        return IncludeGlob.expand(system, p);
    }
}
