package io.portdoc.core.remote;

/**
 * SSH itself failed (exit 255: no route, host key unknown, "Permission denied (publickey)"), or
 * {@code --sudo} cannot run without a password. The message is one line, ready for the user:
 * {@code ssh boven: Permission denied (publickey)}.
 */
public class SshException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean sudoPassword;

    public SshException(String message, boolean sudoPassword) {
        super(message);
        this.sudoPassword = sudoPassword;
    }

    /** {@code sudo -n} refused: the SSH user's sudo needs a password. */
    public boolean sudoPassword() {
        return sudoPassword;
    }
}
