package io.portdoc.core;

/**
 * Bad input on the command line that a check only finds out about (a {@code --config FILE}
 * that does not exist or cannot be read). The CLI maps it to exit code 2 (DESIGN.md).
 */
public class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }
}
