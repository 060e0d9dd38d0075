package io.portdoc.core.capture;

import io.portdoc.core.BadInputException;

/** A bundle that is refused: one line saying why, exit code 2. */
public final class BadBundleException extends BadInputException {
    private static final long serialVersionUID = 1L;

    public BadBundleException(String bundle, String why) {
        super("bad bundle " + bundle + ": " + why);
    }
}
