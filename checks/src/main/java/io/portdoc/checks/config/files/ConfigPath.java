package io.portdoc.checks.config.files;

import java.nio.file.Path;

/**
 * A file name written in a configuration (Apache's {@code Include}, {@code <IfFile>}) as the
 * daemon's open(2) or glob(3) takes it: a C string, which ends at its first NUL byte. Java refuses
 * a path with a NUL (InvalidPathException); the kernel never sees one. (Readers that refuse a
 * file with NUL bytes as binary never meet one.)
 */
public final class ConfigPath {
    private ConfigPath() {}

    /** {@code text} up to its first NUL byte. */
    public static String cString(String text) {
        int nul = text.indexOf('\0');
        return nul < 0 ? text : text.substring(0, nul);
    }

    public static Path of(String text) {
        return Path.of(cString(text));
    }

    /** {@code text} against {@code dir} when it is relative, as {@link Path#resolve(String)}. */
    public static Path resolve(Path dir, String text) {
        return dir.resolve(cString(text));
    }
}
