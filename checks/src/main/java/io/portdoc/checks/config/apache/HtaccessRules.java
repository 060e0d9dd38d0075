package io.portdoc.checks.config.apache;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * httpd's context check for a {@code .htaccess} file (server/config.c invoke_cmd and
 * ap_walk_config_sub): a directive Apache does not know (no loaded module defines it) is
 * "Invalid command", one whose override class AllowOverride does not grant (and
 * AllowOverrideList does not name) is "not allowed here". Either ends the request with 500,
 * unless AllowOverride's {@code Nonfatal=Unknown|Override|All} turns it into a logged warning.
 */
final class HtaccessRules {
    static final int OR_LIMIT = 1;
    static final int OR_OPTIONS = 2;
    static final int OR_FILEINFO = 4;
    static final int OR_AUTHCFG = 8;
    static final int OR_INDEXES = 16;
    static final int OR_ALL = 31;

    private record Command(String name, String module, int bits) {}

    private static final Map<String, List<Command>> COMMANDS = new HashMap<>();
    /** Modules whose every directive is in the table: a name none of them defines is unknown to httpd. */
    private static final Set<String> KNOWN_MODULES;

    static {
        Set<String> known = Set.of();
        try (InputStream in = HtaccessRules.class.getResourceAsStream("htaccess-directives.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (line.startsWith("#modules ")) {
                    known = Set.of(line.substring("#modules ".length()).strip().split(" "));
                } else if (!line.isBlank() && !line.startsWith("#")) {
                    String[] f = line.strip().split(" ");
                    Command c = new Command(f[0], f[1], Integer.parseInt(f[2]));
                    COMMANDS.computeIfAbsent(f[0].toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                            .add(c);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KNOWN_MODULES = known;
    }

    /** What AllowOverride and AllowOverrideList grant a directory's .htaccess. */
    record Overrides(int bits, boolean nonfatalOverride, boolean nonfatalUnknown, Set<String> list) {
        Overrides {
            list = list.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        }

        static final Overrides NONE = new Overrides(0, false, false, Set.of());

        /** core.c set_override; "Options=..." grants OR_OPTIONS (the option list is not judged). */
        static Overrides parse(String allowOverride, List<String> allowOverrideList) {
            int bits = 0;
            boolean nfo = false;
            boolean nfu = false;
            if (allowOverride != null) {
                for (String w : allowOverride.strip().split("\\s+")) {
                    String k = w.contains("=") ? w.substring(0, w.indexOf('=')) : w;
                    String v = w.contains("=") ? w.substring(w.indexOf('=') + 1) : "";
                    switch (k.toLowerCase(Locale.ROOT)) {
                        case "limit" -> bits |= OR_LIMIT;
                        case "options" -> bits |= OR_OPTIONS;
                        case "fileinfo" -> bits |= OR_FILEINFO;
                        case "authconfig" -> bits |= OR_AUTHCFG;
                        case "indexes" -> bits |= OR_INDEXES;
                        case "all" -> bits = OR_ALL;
                        case "none" -> {
                            bits = 0;
                            nfo = false;
                            nfu = false;
                        }
                        case "nonfatal" -> {
                            String n = v.toLowerCase(Locale.ROOT);
                            nfo |= n.equals("override") || n.equals("all");
                            nfu |= n.equals("unknown") || n.equals("all");
                        }
                        default -> {}
                    }
                }
            }
            List<String> list = allowOverrideList == null
                    ? List.of()
                    : allowOverrideList.stream()
                            .filter(s -> !s.equalsIgnoreCase("None"))
                            .toList();
            return new Overrides(bits, nfo, nfu, Set.copyOf(list));
        }

        /** directory_walk reads .htaccess only when something may be overridden. */
        boolean readsHtaccess() {
            return bits != 0 || !list.isEmpty();
        }
    }

    /** The directives Apache keeps, and what ends the request with 500. */
    record Result(List<Directive> kept, List<Problem> errors, List<Problem> notUnderstood) {}

    private HtaccessRules() {}

    /**
     * {@code modules}: the server's loaded modules. Without any LoadModule line (a built-in
     * module set, a configuration snippet) they are not known: then every directive httpd
     * defines counts as loaded and a name none defines is not understood rather than invalid.
     */
    static Result check(List<Directive> directives, Overrides o, Set<String> modules) {
        List<Problem> errors = new ArrayList<>();
        List<Problem> unsure = new ArrayList<>();
        List<Directive> kept = check(directives, o, modules, null, errors, unsure);
        return new Result(kept, errors, unsure);
    }

    private static List<Directive> check(
            List<Directive> ds,
            Overrides o,
            Set<String> modules,
            Directive parent,
            List<Problem> errors,
            List<Problem> unsure) {
        List<Directive> kept = new ArrayList<>();
        boolean modulesKnown = !ConfigParser.STATIC_MODULES.containsAll(modules);
        for (Directive d : ds) {
            String key = (d.isSection() ? "<" : "") + d.lower();
            List<Command> cmds = COMMANDS.getOrDefault(key, List.of()).stream()
                    .filter(c -> !modulesKnown || loaded(c.module(), modules))
                    .toList();
            String shown = (d.isSection() ? "<" : "") + d.name();
            if (cmds.isEmpty()) {
                if (o.nonfatalUnknown()) {
                    continue; // logged, skipped
                }
                if (modulesKnown
                        && (COMMANDS.containsKey(key) || modules.stream().allMatch(HtaccessRules::known))) {
                    errors.add(new Problem(
                            Problem.Kind.SERVER_ERROR,
                            d.loc(),
                            "Invalid command '" + shown + "', perhaps misspelled or defined by a module not "
                                    + "included in the server configuration"));
                } else {
                    unsure.add(Problem.notUnderstood(d.loc(), shown + " (a module portdoc does not know)"));
                    kept.add(d);
                }
                continue;
            }
            int bits = cmds.stream().mapToInt(Command::bits).reduce(0, (a, b) -> a | b);
            if ((o.bits() & bits) == 0 && !o.list().contains(d.lower())) {
                if (o.nonfatalOverride()) {
                    continue;
                }
                errors.add(new Problem(
                        Problem.Kind.SERVER_ERROR,
                        d.loc(),
                        parent == null
                                ? shown + " not allowed here"
                                : shown + " not allowed in <" + parent.name() + "> context"));
                continue;
            }
            if (d.isSection()) {
                List<Directive> inner = check(d.children(), o, modules, d, errors, unsure);
                kept.add(new Directive(d.name(), d.args(), d.argText(), d.loc(), inner));
            } else {
                kept.add(d);
            }
        }
        return kept;
    }

    private static boolean loaded(String module, Set<String> modules) {
        return modules.stream().anyMatch(m -> m.equalsIgnoreCase(module));
    }

    /** A loaded module is in the table; its {@code mod_x.c} spelling always comes with {@code x_module}. */
    private static boolean known(String loaded) {
        return loaded.endsWith(".c") || KNOWN_MODULES.contains(loaded);
    }
}
