package io.portdoc.checks.config.apache;

/**
 * Something the engine noticed while reading or evaluating a configuration. {@code detail} is
 * raw data (the offending text, Apache's own error message); the check turns the kind into a
 * sentence.
 */
public record Problem(Kind kind, Loc loc, String detail) {
    public enum Kind {
        /** Apache itself would refuse this configuration and not start. */
        REFUSED,
        /** A construct the engine does not evaluate; the answer may be incomplete. */
        NOT_UNDERSTOOD,
        /** A file could not be read for lack of privileges. */
        UNREADABLE,
        /**
         * Something portdoc does not read: a file that is not regular (a FIFO, a device) or over
         * the size cap, too many files, sections nested too deep. {@code detail} is one line.
         */
        NOT_READ,
        /** {@code ${VAR}} without a value: Apache keeps the text literally and warns. */
        UNDEFINED_VARIABLE,
        /** {@code # text} after a directive: not a comment for Apache, extra arguments. */
        INLINE_COMMENT,
        /**
         * A {@code .htaccess} line Apache rejects when a request reads it (an unknown directive,
         * one AllowOverride does not allow, {@code Include}): the client gets 500.
         */
        SERVER_ERROR,
        /** A {@code .htaccess} file the run user cannot open: the client gets 403. */
        FORBIDDEN
    }

    public static Problem refused(Loc loc, String detail) {
        return new Problem(Kind.REFUSED, loc, detail);
    }

    public static Problem notUnderstood(Loc loc, String detail) {
        return new Problem(Kind.NOT_UNDERSTOOD, loc, detail);
    }
}
