package io.portdoc.cli.render;

import io.portdoc.core.Messages;
import java.util.List;
import java.util.Locale;

/** The documents portdoc writes, each with the formats it exists in (DESIGN.md, CLI contract). */
public enum Document {
    /** {@code diagnose}: one report, or the combined reports of {@code --all}. */
    REPORT(Format.TEXT, Format.JSON, Format.MARKDOWN),
    /** {@code probe}. */
    PROBE(Format.TEXT, Format.JSON),
    /** {@code listening}. */
    LISTENING(Format.TEXT, Format.JSON);

    private static final Messages MSG = Messages.of(Document.class);
    private final List<Format> formats;

    Document(Format... formats) {
        this.formats = List.of(formats);
    }

    public List<Format> formats() {
        return formats;
    }

    /** The format called {@code name} (any case); a format this document does not exist in is bad input. */
    public Format format(String name) {
        String id = name.trim().toLowerCase(Locale.ROOT);
        return formats.stream()
                .filter(f -> f.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        MSG.msg("format.unknown", name, choices()).text()));
    }

    /** {@code text or json}, {@code text, json or markdown}. */
    private String choices() {
        List<String> ids = formats.stream().map(Format::id).toList();
        return String.join(", ", ids.subList(0, ids.size() - 1)) + " or " + ids.get(ids.size() - 1);
    }
}
