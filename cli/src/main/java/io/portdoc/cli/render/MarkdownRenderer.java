package io.portdoc.cli.render;

import io.portdoc.core.Evidence;
import io.portdoc.core.Msg;
import io.portdoc.core.Report;
import io.portdoc.core.ReportSet;
import io.portdoc.core.StepResult;
import io.portdoc.core.Verdict;
import io.portdoc.core.listing.Listing;
import io.portdoc.core.net.Addresses;
import io.portdoc.core.net.PortClass;
import io.portdoc.core.probe.ProbeResult;
import java.time.Duration;
import java.util.List;

/**
 * Markdown for tickets and forum posts (GitHub-flavoured: tables, {@code <details>}): a headline
 * verdict, the conclusion, a table of the steps, what to do, and each step's evidence folded
 * away in a {@code <details>} block.
 */
public final class MarkdownRenderer implements Renderer {
    @Override
    public String report(Report r) {
        return Visible.keepingLines(render(r, "##"));
    }

    /** {@code diagnose --all}: a summary table first, then each report. */
    @Override
    public String reports(ReportSet set) {
        StringBuilder out = new StringBuilder();
        out.append("# portdoc: ")
                .append(set.verdict().name())
                .append(", ")
                .append(Findings.counts(set))
                .append("\n\n");
        out.append("| Service | Verdict | Finding |\n|---|---|---|\n");
        for (Report r : set.reports()) {
            out.append("| ")
                    .append(cell(Findings.label(r)))
                    .append(" | ")
                    .append(verdict(r.conclusion().verdict()))
                    .append(" | ")
                    .append(cell(Findings.of(r)))
                    .append(" |\n");
        }
        for (Report r : set.reports()) {
            out.append('\n').append(render(r, "##"));
        }
        return Visible.keepingLines(out.toString()); // markdown has no escapes of its own
    }

    /** Markdown is for tickets about a diagnosis: a probe has no markdown form ({@link Document#PROBE}). */
    @Override
    public String probe(ProbeResult result, Duration timeout) {
        throw new IllegalStateException("no markdown form of a probe");
    }

    /** Nor has a listing ({@link Document#LISTENING}). */
    @Override
    public String listening(Listing listing, String hostname, Integer port) {
        throw new IllegalStateException("no markdown form of a listing");
    }

    private String render(Report r, String heading) {
        StringBuilder out = new StringBuilder();
        var t = r.target();
        out.append(heading)
                .append(' ')
                .append(r.conclusion().verdict().name())
                .append(": ")
                .append(cell(Findings.label(r)))
                .append(" on ")
                .append(cell(r.host().hostname()))
                .append("\n\n");
        out.append("> ").append(cell(r.conclusion().summary().text())).append("\n\n");
        if (r.capture() != null) {
            out.append(cell(Findings.fromCapture(r.capture()))).append(".\n\n");
        }
        out.append("Port ")
                .append(t.port())
                .append('/')
                .append(t.protocol())
                .append(" (")
                .append(r.portName() == null ? "" : cell(r.portName()) + ", ")
                .append(PortClass.of(t.port()).id)
                .append(')');
        if (t.client() != null) {
            out.append(", client ").append(Addresses.text(t.client()));
        }
        if (t.host() != null) {
            out.append(", probed at ").append(cell(t.host()));
        }
        String vantage = VantageLine.of(t.vantage());
        if (vantage != null) {
            out.append("; ").append(cell(vantage));
        }
        out.append(", exposure ")
                .append(t.exposure().id())
                .append("; checked as ")
                .append(cell(r.host().user()))
                .append(r.host().privileged() ? " (privileged)" : " (not privileged)")
                .append(" by portdoc ")
                .append(cell(r.toolVersion()))
                .append(" at ")
                .append(r.generatedAt())
                .append(".\n\n");
        out.append("| # | Step | Verdict | Finding |\n|---|---|---|---|\n");
        int n = 1;
        for (StepResult s : r.steps()) {
            out.append("| ")
                    .append(n++)
                    .append(" | ")
                    .append(cell(s.title()))
                    .append(" | ")
                    .append(verdict(s.verdict()))
                    .append(" | ")
                    .append(cell(s.summary().text()))
                    .append(" |\n");
        }
        if (r.client() != null) {
            out.append("\n**").append(cell(ClientLines.heading(r.client()))).append("**\n\n");
            out.append("| Fact | Client's view |\n|---|---|\n");
            for (ClientLines.Line l : ClientLines.of(r.client())) {
                out.append("| ")
                        .append(cell(l.label()))
                        .append(" | ")
                        .append(cell(l.text()))
                        .append(" |\n");
            }
        }
        if (!r.conclusion().hints().isEmpty()) {
            out.append("\n**What to do**\n\n");
            for (Msg h : r.conclusion().hints()) {
                out.append("- ").append(cell(h.text())).append('\n');
            }
        }
        n = 1;
        for (StepResult s : r.steps()) {
            if (!s.evidence().isEmpty()) {
                out.append('\n').append(details(n, s));
            }
            n++;
        }
        return out.toString();
    }

    /**
     * One step's evidence in a folded block: under its source when all of it comes from one
     * place, otherwise one line each, labelled by file:line or source.
     */
    private static String details(int n, StepResult s) {
        StringBuilder out = new StringBuilder();
        List<Evidence> ev = s.evidence();
        out.append("<details>\n<summary>Evidence ")
                .append(n)
                .append(". ")
                .append(html(s.title()))
                .append(": ")
                .append(s.verdict().name())
                .append(", ")
                .append(ev.size())
                .append(ev.size() == 1 ? " item" : " items")
                .append("</summary>\n\n");
        boolean oneSource = ev.stream().map(Evidence::source).distinct().count() == 1;
        StringBuilder block = new StringBuilder();
        for (Evidence e : ev) {
            String label = e.location() != null ? e.location() : oneSource ? null : e.source();
            block.append(label == null ? "" : label + ": ")
                    .append(e.text().stripTrailing())
                    .append('\n');
        }
        if (oneSource) {
            out.append("From ").append(code(ev.get(0).source())).append(":\n\n");
        }
        String fence = fence(block.toString());
        out.append(fence).append('\n').append(block).append(fence).append("\n\n</details>\n");
        return out.toString();
    }

    private static String verdict(Verdict v) {
        return v == Verdict.FAIL ? "**FAIL**" : v.name();
    }

    /** Text for a table cell or a paragraph: one line, no table or HTML breakage. */
    static String cell(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("\r", "")
                .replace("\n", " ")
                .replace("\\", "\\\\")
                .replace("|", "\\|")
                .replace("*", "\\*")
                .replace("`", "\\`")
                .replace("<", "&lt;");
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Inline code that survives backticks in the text. */
    private static String code(String text) {
        String t = text.replace("\n", " ");
        String ticks = t.contains("`") ? "``" : "`";
        return ticks + (t.startsWith("`") || t.endsWith("`") ? " " + t + " " : t) + ticks;
    }

    /** A code fence longer than any run of backticks inside the block. */
    static String fence(String block) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < block.length(); i++) {
            run = block.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return "`".repeat(Math.max(3, longest + 1));
    }
}
