package io.portdoc.cli.render;

import java.util.Locale;

/** Output formats of {@code --format}: one renderer each, for every document that exists in it. */
public enum Format {
    TEXT,
    JSON,
    MARKDOWN;

    /** The name on the command line: {@code text}, {@code json}, {@code markdown}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The renderer of this format. {@code colour} applies to text only; {@code verbose} adds
     * evidence (text) and the stack traces of checks that threw (text and JSON).
     */
    public Renderer renderer(boolean colour, boolean verbose) {
        return switch (this) {
            case TEXT -> new TextRenderer(colour, verbose);
            case JSON -> new JsonRenderer(verbose);
            case MARKDOWN -> new MarkdownRenderer();
        };
    }
}
