package io.portdoc.checks.config.nginx;

import io.portdoc.checks.config.files.Glob;
import io.portdoc.core.host.SystemView;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * glob(3) as nginx's {@code include} calls it (flags 0): {@code *}, {@code ?} and {@code [...]}
 * within one path component, a leading dot matched only explicitly, results sorted; directories
 * are left out (nginx cannot read them as files).
 */
final class IncludeGlob {
    private IncludeGlob() {}

    static List<Path> expand(SystemView system, Path pattern) {
        List<Path> found = new ArrayList<>();
        Path root = pattern.getRoot() == null ? Path.of("/") : pattern.getRoot();
        walk(system, root, pattern, 0, found);
        found.sort((a, b) -> a.toString().compareTo(b.toString()));
        return found;
    }

    private static void walk(SystemView system, Path dir, Path pattern, int i, List<Path> found) {
        if (i == pattern.getNameCount()) {
            if (!system.isDirectory(dir)) {
                found.add(dir);
            }
            return;
        }
        String part = pattern.getName(i).toString();
        if (!Glob.hasWildcard(part)) {
            Path next = dir.resolve(part);
            if (system.exists(next)) {
                walk(system, next, pattern, i + 1, found);
            }
            return;
        }
        Pattern re = Glob.compile(part);
        List<String> names;
        try {
            names = system.list(dir);
        } catch (IOException e) {
            return;
        }
        for (String n : names) {
            if (n.startsWith(".") && !part.startsWith(".")) {
                continue;
            }
            if (re.matcher(n).matches()) {
                walk(system, dir.resolve(n), pattern, i + 1, found);
            }
        }
    }
}
