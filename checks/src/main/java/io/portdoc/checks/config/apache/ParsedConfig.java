package io.portdoc.checks.config.apache;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A configuration tree as Apache would build it: conditionals decided, includes inlined,
 * variables substituted. {@code files} are the files read in order; {@code modules} the
 * modules loaded (both {@code x_module} and {@code mod_x.c} spellings).
 */
public record ParsedConfig(
        String mainFile,
        String serverRoot,
        List<Directive> directives,
        List<Problem> problems,
        List<String> files,
        Set<String> modules,
        Map<String, String> defines) {
    public ParsedConfig {
        directives = List.copyOf(directives);
        problems = List.copyOf(problems);
        files = List.copyOf(files);
        modules = Set.copyOf(modules);
        defines = Map.copyOf(defines);
    }

    /** Number of directives, sections and their contents included. */
    public int size() {
        return count(directives);
    }

    private static int count(List<Directive> ds) {
        int n = 0;
        for (Directive d : ds) {
            n += 1 + (d.isSection() ? count(d.children()) : 0);
        }
        return n;
    }
}
