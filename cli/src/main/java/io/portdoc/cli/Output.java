package io.portdoc.cli;

import io.portdoc.core.BadInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Locale;

/**
 * Writes a report to stdout, or to a file: a regular file is replaced atomically (never a
 * half-written report) keeping its owner and mode; a symbolic link is written through; a
 * character device ({@code /dev/null}) is written into, never replaced; anything else that is
 * not a regular file is refused.
 */
final class Output {
    private Output() {}

    static void write(Path file, String text, PrintWriter stdout) throws IOException {
        if (file == null) {
            stdout.print(text);
            stdout.flush();
            return;
        }
        Path target = target(file);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            if (Files.exists(target) && !Files.isRegularFile(target)) {
                intoSpecialFile(file, target, bytes);
            } else {
                replace(target, bytes);
            }
        } catch (IOException e) {
            throw new BadInputException("cannot write --output " + file + ": " + why(e), e);
        }
    }

    /** The file a report goes to: a symbolic link's target, checked like the name itself. */
    private static Path target(Path file) {
        Path abs = file.toAbsolutePath();
        if (Files.isSymbolicLink(abs)) {
            try {
                abs = abs.toRealPath();
            } catch (IOException e) {
                throw new BadInputException("--output " + file + " is a symbolic link to a missing file or directory");
            }
        }
        if (Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
            throw new BadInputException("--output " + file + " is a directory; give a file name");
        }
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new BadInputException("--output " + file + ": directory " + dir + " does not exist");
        }
        return abs;
    }

    private static void intoSpecialFile(Path file, Path target, byte[] bytes) throws IOException {
        Object mode = Files.getAttribute(target, "unix:mode");
        boolean charDevice = mode instanceof Integer m && (m & 0170000) == 0020000;
        if (!charDevice) {
            throw new BadInputException(
                    "--output " + file + " is not a regular file (a FIFO or socket); " + "give a file name");
        }
        Files.write(target, bytes, StandardOpenOption.WRITE);
    }

    private static void replace(Path target, byte[] bytes) throws IOException {
        PosixFileAttributes old = Files.exists(target)
                ? Files.readAttributes(target, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                : null;
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
        try {
            Files.write(tmp, bytes);
            if (old != null && !keep(tmp, old)) {
                // the owner cannot be kept (not root): rewrite the file in place, it stays theirs
                Files.write(target, bytes, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                return;
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Gives {@code tmp} the owner, group and mode of the file it replaces; false when it may not. */
    private static boolean keep(Path tmp, PosixFileAttributes old) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
        view.setPermissions(old.permissions());
        try {
            PosixFileAttributes now = view.readAttributes();
            if (!now.owner().equals(old.owner())) {
                view.setOwner(old.owner());
            }
            if (!now.group().equals(old.group())) {
                view.setGroup(old.group());
            }
            return true;
        } catch (FileSystemException e) {
            return false;
        }
    }

    /** The reason in the system's words: "permission denied", "read-only file system", ... */
    static String why(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(Locale.ROOT);
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.toLowerCase(Locale.ROOT);
    }
}
