package io.portdoc.checks.config.apache;

import io.portdoc.core.host.RecordedSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A recorded host whose files are written by the test: {@code Tree.at(tmp).file("/etc/x", "...")}. */
final class Tree {
    private final Path root;

    private Tree(Path root) {
        this.root = root;
    }

    static Tree at(Path root) {
        return new Tree(root);
    }

    Tree file(String absolute, String content) {
        try {
            Path f = root.resolve("fs" + absolute);
            Files.createDirectories(f.getParent());
            Files.writeString(f, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Tree denied(String absolute) {
        try {
            Files.writeString(
                    root.resolve("denied.txt"), absolute + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** stat.txt: owner, group and octal mode of a path, as {@code ls -ln} would show them. */
    Tree stat(String absolute, int uid, int gid, String mode) {
        try {
            Files.writeString(
                    root.resolve("stat.txt"),
                    absolute + " " + uid + " " + gid + " " + mode + "\n",
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Tree link(String absolute, String target) {
        try {
            Path f = root.resolve("fs" + absolute);
            Files.createDirectories(f.getParent());
            Files.createSymbolicLink(
                    f,
                    Path.of(target.startsWith("/") ? root.resolve("fs" + target).toString() : target));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Tree dir(String absolute) {
        try {
            Files.createDirectories(root.resolve("fs" + absolute));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RecordedSystem system() {
        return new RecordedSystem(root);
    }

    ParsedConfig parse(String file, ConfigParser.Options o) {
        return ConfigParser.parse(system(), file, o);
    }
}
