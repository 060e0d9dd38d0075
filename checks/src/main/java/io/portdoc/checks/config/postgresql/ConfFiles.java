package io.portdoc.checks.config.postgresql;

import io.portdoc.core.host.RefusedFileException;
import io.portdoc.core.host.SystemView;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a configuration file through the host view with the limits every reader shares. */
final class ConfFiles {
    /** PostgreSQL's own CONF_FILE_MAX_DEPTH (guc-file.l, hba.c). */
    static final int MAX_DEPTH = 10;
    /** Far above any real pg_hba.conf or postgresql.conf; a bigger file is not read. */
    static final int MAX_CHARS = 16 * 1024 * 1024;

    private ConfFiles() {}

    /** A file's text, or the problem that stops reading it; {@code missing} is returned as null text. */
    record Read(String text, Problem problem, boolean missing) {}

    static Read read(SystemView sys, Path file, Loc from) {
        String text;
        try {
            text = sys.readFile(file);
        } catch (NoSuchFileException e) {
            return new Read(null, new Problem(Problem.Kind.UNREADABLE, file + ": no such file", from), true);
        } catch (AccessDeniedException e) {
            return new Read(null, new Problem(Problem.Kind.UNREADABLE, file + ": permission denied", from), false);
        } catch (RefusedFileException e) { // over the host's read cap, or a FIFO or device: never read
            return new Read(null, new Problem(Problem.Kind.HOSTILE, file + ": " + e.getMessage(), from), false);
        } catch (IOException e) {
            return new Read(null, new Problem(Problem.Kind.UNREADABLE, file + ": " + e.getMessage(), from), false);
        }
        if (text.length() > MAX_CHARS) {
            return new Read(
                    null,
                    new Problem(
                            Problem.Kind.HOSTILE,
                            file + ": larger than " + MAX_CHARS / (1024 * 1024) + " MB, not read",
                            from),
                    false);
        }
        if (text.indexOf('\0') >= 0) {
            return new Read(
                    null, new Problem(Problem.Kind.HOSTILE, file + ": binary data, not a text file", from), false);
        }
        return new Read(text, null, false);
    }

    /** {@code name} relative to the directory of {@code including}, as PostgreSQL resolves includes. */
    static Path resolve(String including, String name) {
        Path p = Path.of(name);
        if (p.isAbsolute()) {
            return p.normalize();
        }
        Path parent = Path.of(including).getParent();
        return (parent == null ? p : parent.resolve(p)).normalize();
    }
}
