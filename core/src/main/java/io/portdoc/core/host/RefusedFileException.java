package io.portdoc.core.host;

import java.io.IOException;
import java.nio.file.Path;

/** A file portdoc does not read: not a regular file, or larger than {@link FileLimits}. */
public final class RefusedFileException extends IOException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        NOT_REGULAR,
        TOO_LARGE
    }

    private final transient Path file;
    private final Reason reason;

    public RefusedFileException(Path file, Reason reason, String message) {
        super(message);
        this.file = file;
        this.reason = reason;
    }

    public Path file() {
        return file;
    }

    public Reason reason() {
        return reason;
    }
}
