package io.portdoc.core.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * The one way host files are read: only regular files (a FIFO blocks the reader forever, a
 * device such as {@code /dev/zero} never ends), and never more than a fixed number of bytes.
 * The size is checked before reading and the read itself stops at the cap, since {@code /proc}
 * files and growing files report a size that is not what a read returns.
 */
public final class FileLimits {
    /** Largest config file, profile, {@code /proc} or {@code /sys} file portdoc reads: 16 MiB. */
    public static final long MAX_FILE_BYTES = 16L << 20;

    private FileLimits() {}

    /** The bytes of a regular file of at most {@code max} bytes; symlinks are followed. */
    public static byte[] read(Path file, long max) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        if (!a.isRegularFile()) {
            throw new RefusedFileException(
                    file,
                    RefusedFileException.Reason.NOT_REGULAR,
                    file + " is " + kind(file, a) + ", not a regular file");
        }
        if (a.size() > max) {
            throw tooLarge(file, size(a.size()), max);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) max + 1);
            if (bytes.length > max) {
                throw tooLarge(file, "over " + size(max), max);
            }
            return bytes;
        }
    }

    private static RefusedFileException tooLarge(Path file, String size, long max) {
        return new RefusedFileException(
                file,
                RefusedFileException.Reason.TOO_LARGE,
                file + " is too large (" + size + "; portdoc reads at most " + size(max) + ")");
    }

    public static byte[] read(Path file) throws IOException {
        return read(file, MAX_FILE_BYTES);
    }

    /** "3.0 GB", "16 MiB": a size for a one-line message. */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1L << 20) {
            return (bytes >> 10) + " KiB";
        }
        if (bytes < 1L << 30) {
            return (bytes >> 20) + " MiB";
        }
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }

    private static String kind(Path file, BasicFileAttributes a) {
        if (a.isDirectory()) {
            return "a directory";
        }
        try {
            Object type = Files.getAttribute(file, "unix:mode");
            int mode = type instanceof Integer m ? m : 0;
            return switch (mode & 0170000) {
                case 0010000 -> "a FIFO";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "a special file";
        }
    }
}
