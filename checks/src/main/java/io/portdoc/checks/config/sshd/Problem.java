package io.portdoc.checks.config.sshd;

/**
 * Why (part of) a configuration could not be evaluated: {@code loc} is {@code file:line} of the
 * directive that led there (or the file), {@code reason} says what is wrong with it.
 */
public record Problem(Kind kind, String loc, String reason) {
    /** UNREADABLE: a file sshd reads and portdoc cannot; INVALID: sshd itself would refuse it. */
    public enum Kind {
        UNREADABLE,
        INVALID
    }
}
