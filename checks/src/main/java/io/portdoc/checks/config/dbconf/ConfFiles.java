package io.portdoc.checks.config.dbconf;

import io.portdoc.checks.config.files.Glob;
import io.portdoc.core.Messages;
import io.portdoc.core.host.SystemView;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the text files of a daemon's configuration with the limits a hostile host needs: a size
 * cap, a refusal of binary content and of device or proc files (which never end), and for include
 * trees a depth limit and a file-count limit (callers keep the visited set). A failure is a
 * sentence for an UNKNOWN, never an exception.
 */
public final class ConfFiles {
    private static final Messages MSG = Messages.of(ConfFiles.class);
    /** Far above any real option file (Debian's redis.conf is 106 KiB). */
    public static final int MAX_CHARS = 1 << 20;

    public static final int MAX_DEPTH = 16;
    public static final int MAX_FILES = 512;

    private ConfFiles() {}

    /** A file's text, or why it could not be read ({@code denied}: a privilege problem). */
    public record Read(String path, String text, String problem, boolean denied) {
        public boolean ok() {
            return problem == null;
        }
    }

    public static Read read(SystemView system, String path) {
        if (path.startsWith("/dev/") || path.startsWith("/proc/") || path.startsWith("/sys/")) {
            return new Read(path, null, MSG.msg("not.regular", path).text(), false);
        }
        if (system.isDirectory(Path.of(path))) {
            return new Read(path, null, MSG.msg("is.directory", path).text(), false);
        }
        String text;
        try {
            text = system.readFile(Path.of(path));
        } catch (AccessDeniedException e) {
            return new Read(path, null, MSG.msg("denied", path).text(), true);
        } catch (NoSuchFileException e) {
            return new Read(path, null, MSG.msg("missing", path).text(), false);
        } catch (IOException | RuntimeException e) {
            return new Read(
                    path,
                    null,
                    MSG.msg("io", path, String.valueOf(e.getMessage())).text(),
                    false);
        }
        if (text.length() > MAX_CHARS) {
            return new Read(
                    path,
                    null,
                    MSG.msg("too.big", path, text.length(), MAX_CHARS).text(),
                    false);
        }
        if (text.indexOf('\0') >= 0) {
            return new Read(path, null, MSG.msg("binary", path).text(), false);
        }
        return new Read(path, text, null, false);
    }

    /** The sentence for an include chain deeper than {@code limit}. */
    public static String tooDeep(Where at, int limit) {
        return MSG.msg("too.deep", at, limit).text();
    }

    /** The sentence for a file included again while it is still being read. */
    public static String loop(Where at, String file) {
        return MSG.msg("loop", at, file).text();
    }

    /** The sentence for more than {@link #MAX_FILES} files. */
    public static String tooMany(Where at) {
        return MSG.msg("too.many", at, MAX_FILES).text();
    }

    /** Files in {@code dir} whose name matches {@code glob} ({@code *}, {@code ?}), sorted like the daemons do. */
    public static List<String> glob(SystemView system, String dir, String glob) {
        Pattern p = Glob.compile(glob);
        List<String> out = new ArrayList<>();
        try {
            for (String name : system.list(Path.of(dir))) {
                if (p.matcher(name).matches()) {
                    out.add(Path.of(dir, name).toString());
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return out;
    }
}
