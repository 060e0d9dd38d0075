package io.portdoc.cli.render;

import io.portdoc.core.Evidence;
import io.portdoc.core.Msg;
import io.portdoc.core.Report;
import io.portdoc.core.ReportSet;
import io.portdoc.core.StepResult;
import io.portdoc.core.Verdict;
import io.portdoc.core.net.Addresses;
import io.portdoc.core.net.PortClass;

/** Human text: one line per step, then the conclusion and hints; evidence with --verbose. */
public final class TextRenderer {
    private final boolean colour;
    private final boolean verbose;

    public TextRenderer(boolean colour, boolean verbose) {
        this.colour = colour;
        this.verbose = verbose;
    }

    /** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
    public static boolean wantColour() {
        String noColor = System.getenv("NO_COLOR");
        String term = System.getenv("TERM");
        return System.console() != null && (noColor == null || noColor.isEmpty())
                && term != null && !term.equals("dumb");
    }

    public String render(Report r) {
        StringBuilder out = new StringBuilder();
        var t = r.target();
        out.append("portdoc: ").append(t.service() == null ? "port" : t.service()).append(' ')
                .append(t.port()).append('/').append(t.protocol());
        out.append(" (").append(r.portName() == null ? "" : r.portName() + ", ")
                .append(PortClass.of(t.port()).id).append(')');
        out.append(" on ").append(r.host().hostname());
        if (t.client() != null) {
            out.append(", client ").append(Addresses.text(t.client()));
        }
        out.append("\n\n");
        int titleWidth = r.steps().stream().mapToInt(s -> s.title().length()).max().orElse(10);
        for (StepResult s : r.steps()) {
            out.append(String.format("  %s  %-" + titleWidth + "s  %s%n", verdict(s.verdict()), s.title(), s.summary().text()));
            if (verbose) {
                for (Evidence e : s.evidence()) {
                    out.append("          ").append(" ".repeat(titleWidth)).append("  | ")
                            .append(e.location() != null ? e.location() + ": " : e.source() + ": ").append(e.text()).append('\n');
                }
            }
        }
        out.append('\n').append(verdict(r.conclusion().verdict())).append("  ")
                .append(r.conclusion().summary().text()).append('\n');
        if (!r.conclusion().hints().isEmpty()) {
            out.append("\nWhat to do:\n");
            for (Msg h : r.conclusion().hints()) {
                out.append("  - ").append(h.text()).append('\n');
            }
        }
        return out.toString();
    }

    /** {@code diagnose --all}: each report in turn, then one line per report. */
    public String renderAll(ReportSet set) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < set.reports().size(); i++) {
            if (i > 0) {
                out.append('\n').append("-".repeat(72)).append("\n\n");
            }
            out.append(render(set.reports().get(i)));
        }
        out.append('\n').append("=".repeat(72)).append('\n');
        out.append(verdict(set.verdict())).append("  ").append(Findings.counts(set)).append("\n\n");
        int w = set.reports().stream().mapToInt(r -> Findings.label(r).length()).max().orElse(10);
        for (Report r : set.reports()) {
            out.append(String.format("  %s  %-" + w + "s  %s%n", verdict(r.conclusion().verdict()), Findings.label(r),
                    Findings.of(r)));
        }
        return out.toString();
    }

    String verdict(Verdict v) {
        String label = String.format("%-7s", v.name());
        if (!colour) {
            return label;
        }
        String code = switch (v) {
            case PASS -> "32";
            case WARN -> "33";
            case FAIL -> "31;1";
            case UNKNOWN -> "35";
            case SKIP -> "2";
        };
        return "\u001b[" + code + "m" + label + "\u001b[0m";
    }
}
