package io.portdoc.core;

/**
 * Input the user must fix (a given file that is missing, an invalid profile): the CLI prints
 * the message as one line and exits 2, without a stack trace.
 */
public class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
