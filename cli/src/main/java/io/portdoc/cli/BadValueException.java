package io.portdoc.cli;

import picocli.CommandLine.TypeConversionException;

/**
 * A converter's message that already says which value is wrong and what to give instead
 * ("unknown format 'xml' (use text or json)"): printed as it is, without picocli's
 * "Invalid value for option" in front.
 */
final class BadValueException extends TypeConversionException {
    BadValueException(String message) {
        super(message);
    }
}
