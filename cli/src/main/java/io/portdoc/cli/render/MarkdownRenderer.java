package io.portdoc.cli.render;

import io.portdoc.core.Report;

/** Placeholder until the markdown format lands; renders the text form in a code block. */
public final class MarkdownRenderer {
    public String render(Report r) {
        return "```\n" + new TextRenderer(false, true).render(r) + "```\n";
    }
}
