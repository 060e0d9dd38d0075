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

    RecordedSystem system() {
        return new RecordedSystem(root);
    }

    ParsedConfig parse(String file, ConfigParser.Options o) {
        return ConfigParser.parse(system(), file, o);
    }
}
