package io.portdoc.cli;

import io.portdoc.core.BadInputException;
import io.portdoc.core.host.SystemView;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;

/**
 * {@code --config FILE}: a file that does not exist, is not a regular file or cannot be read is
 * bad input (exit 2), found before any step runs. Checked on the host being diagnosed (a
 * recorded one in tests).
 */
final class ConfigFileArg {
    private ConfigFileArg() {}

    /** The file as an absolute path, when it is one the config step can read. */
    static Path check(SystemView system, Path file) {
        Path abs = file.toAbsolutePath();
        if (!system.exists(abs)) {
            throw new BadInputException("--config " + file + ": no such file");
        }
        if (system.isDirectory(abs)) {
            throw new BadInputException("--config " + file + ": is a directory, not a configuration file");
        }
        if (!system.isRegularFile(abs)) {
            throw new BadInputException("--config " + file + ": not a regular file (a device or pipe?)");
        }
        try {
            system.readFile(abs);
        } catch (AccessDeniedException e) {
            throw new BadInputException("--config " + file + ": permission denied", e);
        } catch (IOException e) {
            throw new BadInputException("--config " + file + ": " + e.getMessage(), e);
        }
        return abs;
    }
}
