package io.portdoc.checks.config.files;

import io.portdoc.core.host.SystemView;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads configuration files for the engines with the limits a hostile file needs: a size cap
 * per file, a refusal of binary content, and shell-glob expansion of include patterns with a
 * cap on the number of files. Every failure is a {@link FileRead} with a reason, never an
 * exception.
 */
public final class BoundedFiles {
    /** Larger than any real daemon config; a bigger file is a mistake (or a log file) to report. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;
    /** Include patterns expanding to more files than this are reported instead of read. */
    public static final int MAX_GLOB_FILES = 10_000;

    private BoundedFiles() {}

    public static FileRead read(SystemView system, Path file) {
        String name = file.toString();
        String text;
        try {
            text = system.readFile(file);
        } catch (AccessDeniedException e) {
            return new FileRead(name, null, "permission denied");
        } catch (NoSuchFileException e) {
            return new FileRead(name, null, "no such file");
        } catch (IOException | RuntimeException e) {
            return new FileRead(name, null, String.valueOf(e.getMessage()));
        }
        if (text.length() > MAX_BYTES) {
            return new FileRead(name, null, "larger than " + MAX_BYTES / (1024 * 1024) + " MB");
        }
        if (text.indexOf('\0') >= 0) {
            return new FileRead(name, null, "binary content (NUL bytes), not a text configuration");
        }
        return new FileRead(name, text, null);
    }

    /**
     * The files a shell glob names, sorted like glob(3); a pattern without wildcards is returned
     * as is (whether it exists is for the caller to tell). Wildcards may be in any path element.
     */
    public static List<Path> glob(SystemView system, Path pattern) {
        String p = pattern.toString();
        if (!Glob.hasWildcard(p)) {
            return List.of(pattern);
        }
        List<Path> current = List.of(Path.of(p.startsWith("/") ? "/" : "."));
        for (Path element : pattern) {
            String e = element.toString();
            List<Path> next = new ArrayList<>();
            for (Path dir : current) {
                if (!Glob.hasWildcard(e)) {
                    next.add(dir.resolve(e));
                    continue;
                }
                Pattern re = Glob.compile(e);
                List<String> names;
                try {
                    names = system.list(dir);
                } catch (IOException | RuntimeException ex) {
                    continue;
                }
                for (String n : names) {
                    if ((!n.startsWith(".") || e.startsWith("."))
                            && re.matcher(n).matches()) {
                        next.add(dir.resolve(n));
                    }
                }
            }
            if (next.size() > MAX_GLOB_FILES) {
                return next.subList(0, MAX_GLOB_FILES);
            }
            current = next;
        }
        return current.stream().sorted().toList();
    }
}
