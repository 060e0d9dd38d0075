package io.portdoc.cli;

import io.portdoc.cli.render.Document;
import io.portdoc.cli.render.Format;
import picocli.CommandLine.ITypeConverter;

/**
 * {@code --format} of every command: a format the command's document exists in, else bad input
 * (exit 2) naming the ones it does. picocli makes converters from their class, so each document
 * has its own small subclass.
 */
public abstract class FormatConverter implements ITypeConverter<Format> {
    private final Document document;

    FormatConverter(Document document) {
        this.document = document;
    }

    @Override
    public Format convert(String value) {
        try {
            return document.format(value);
        } catch (IllegalArgumentException e) {
            throw new BadValueException(e.getMessage());
        }
    }

    /** {@code diagnose}: text, json or markdown. */
    public static final class ForReport extends FormatConverter {
        public ForReport() {
            super(Document.REPORT);
        }
    }

    /** {@code probe}: text or json. */
    public static final class ForProbe extends FormatConverter {
        public ForProbe() {
            super(Document.PROBE);
        }
    }

    /** {@code listening}: text or json. */
    public static final class ForListening extends FormatConverter {
        public ForListening() {
            super(Document.LISTENING);
        }
    }
}
