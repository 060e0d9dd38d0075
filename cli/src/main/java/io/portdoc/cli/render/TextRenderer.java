package io.portdoc.cli.render;

import io.portdoc.core.Evidence;
import io.portdoc.core.Messages;
import io.portdoc.core.Msg;
import io.portdoc.core.Report;
import io.portdoc.core.ReportSet;
import io.portdoc.core.StepResult;
import io.portdoc.core.Verdict;
import io.portdoc.core.listing.Listing;
import io.portdoc.core.net.Addresses;
import io.portdoc.core.net.PortClass;
import io.portdoc.core.probe.Attempt;
import io.portdoc.core.probe.ProbeHints;
import io.portdoc.core.probe.ProbeResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Human text. A report is one line per step, then the conclusion and hints; {@code --verbose}
 * adds each step's evidence and the stack trace of a check that threw. Colour (reports only)
 * on request; a probe and a listing are plain aligned columns.
 */
public final class TextRenderer implements Renderer {
    private static final Messages MSG = Messages.of(TextRenderer.class);
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
        return System.console() != null
                && (noColor == null || noColor.isEmpty())
                && term != null
                && !term.equals("dumb");
    }

    @Override
    public String report(Report r) {
        StringBuilder out = new StringBuilder();
        var t = r.target();
        out.append("portdoc: ")
                .append(t.service() == null ? "port" : Visible.of(t.service()))
                .append(' ')
                .append(t.port())
                .append('/')
                .append(t.protocol());
        out.append(" (")
                .append(r.portName() == null ? "" : Visible.of(r.portName()) + ", ")
                .append(PortClass.of(t.port()).id)
                .append(')');
        out.append(" on ").append(Visible.of(r.host().hostname()));
        if (t.client() != null) {
            out.append(", client ").append(Addresses.text(t.client()));
        }
        String vantage = VantageLine.of(t.vantage());
        if (vantage != null) {
            out.append("\n").append(Visible.of(vantage));
        }
        if (r.capture() != null) {
            out.append("\n  ").append(Visible.of(Findings.fromCapture(r.capture())));
        }
        out.append("\n\n");
        int titleWidth =
                r.steps().stream().mapToInt(s -> s.title().length()).max().orElse(10);
        String under = "          " + " ".repeat(titleWidth) + "  ";
        for (StepResult s : r.steps()) {
            out.append(String.format(
                    "  %s  %-" + titleWidth + "s  %s%n",
                    verdict(s.verdict()),
                    s.title(),
                    Visible.of(s.summary().text())));
            if (verbose) {
                for (Evidence e : s.evidence()) {
                    String from = e.location() != null ? e.location() : e.source();
                    out.append(under)
                            .append("| ")
                            .append(Visible.of(from))
                            .append(": ")
                            .append(Visible.of(e.text()))
                            .append('\n');
                }
                if (s.stackTrace() != null) {
                    s.stackTrace()
                            .lines()
                            .forEach(l -> out.append(under)
                                    .append("! ")
                                    .append(Visible.of(l))
                                    .append('\n'));
                }
            }
        }
        if (r.client() != null) {
            out.append('\n').append(Visible.of(ClientLines.heading(r.client()))).append(":\n");
            List<ClientLines.Line> lines = ClientLines.of(r.client());
            int w = lines.stream().mapToInt(l -> l.label().length()).max().orElse(4);
            for (ClientLines.Line l : lines) {
                out.append(String.format("  %-" + w + "s  %s%n", l.label(), Visible.of(l.text())));
            }
        }
        out.append('\n')
                .append(verdict(r.conclusion().verdict()))
                .append("  ")
                .append(Visible.of(r.conclusion().summary().text()))
                .append('\n');
        if (!r.conclusion().hints().isEmpty()) {
            out.append("\nWhat to do:\n");
            for (Msg h : r.conclusion().hints()) {
                out.append("  - ").append(Visible.of(h.text())).append('\n');
            }
        }
        return out.toString();
    }

    /** {@code diagnose --all}: each report in turn, then one line per report. */
    @Override
    public String reports(ReportSet set) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < set.reports().size(); i++) {
            if (i > 0) {
                out.append('\n').append("-".repeat(72)).append("\n\n");
            }
            out.append(report(set.reports().get(i)));
        }
        out.append('\n').append("=".repeat(72)).append('\n');
        out.append(verdict(set.verdict()))
                .append("  ")
                .append(Findings.counts(set))
                .append("\n\n");
        int w = set.reports().stream()
                .mapToInt(r -> Findings.label(r).length())
                .max()
                .orElse(10);
        for (Report r : set.reports()) {
            out.append(String.format(
                    "  %s  %-" + w + "s  %s%n",
                    verdict(r.conclusion().verdict()),
                    Visible.of(Findings.label(r)),
                    Visible.of(Findings.of(r))));
        }
        return out.toString();
    }

    /** One line for the outcome, one per address, then what it means. */
    @Override
    public String probe(ProbeResult r, Duration timeout) {
        StringBuilder s = new StringBuilder();
        s.append(Visible.of(r.host()))
                .append(" port ")
                .append(r.port())
                .append(": ")
                .append(r.state().id())
                .append('\n');
        int width = r.attempts().stream()
                .mapToInt(a -> a.endpoint(r.port()).length())
                .max()
                .orElse(0);
        for (Attempt a : r.attempts()) {
            s.append(String.format(
                    Locale.ROOT,
                    "  %-" + width + "s  %-19s %6d ms%s%n",
                    a.endpoint(r.port()),
                    a.state().id(),
                    a.elapsedMs(),
                    a.error() == null ? "" : "  " + Visible.of(a.error())));
        }
        for (Msg hint : ProbeHints.explain(r, timeout)) {
            s.append("  hint: ").append(Visible.of(hint.text())).append('\n');
        }
        return s.toString();
    }

    /** Like {@code netstat -tlpn}: address, port, scope, PID/program, /etc/services name; notes below. */
    @Override
    public String listening(Listing listing, String hostname, Integer port) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {
            text("listening.column.address"),
            text("listening.column.port"),
            text("listening.column.scope"),
            text("listening.column.program"),
            text("listening.column.service")
        });
        boolean dual = false;
        for (Listing.Entry e : listing.entries()) {
            dual |= e.dualStack();
            rows.add(new String[] {
                e.address(),
                Integer.toString(e.port()),
                text("listening.scope." + e.bind()),
                e.owned() ? e.pid() + "/" + Visible.of(e.program()) : "-",
                e.service() == null ? "" : e.service()
            });
        }
        int[] width = new int[5];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(pad(r[i], width[i], i == 1)); // the port column is right-aligned
                if (i < r.length - 1) {
                    line.append("  ");
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        if (listing.entries().isEmpty()) {
            out.append(text("listening.none")).append('\n');
        }
        if (dual) {
            out.append(text("listening.note.dual")).append('\n');
        }
        if (listing.hiddenOwners() > 0) {
            out.append(MSG.msg(
                                    listing.privileged() ? "listening.note.hidden.root" : "listening.note.hidden",
                                    listing.hiddenOwners())
                            .text())
                    .append('\n');
        }
        return out.toString();
    }

    private static String text(String key) {
        return MSG.msg(key).text();
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(width - s.length());
        return right ? fill + s : s + fill;
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
