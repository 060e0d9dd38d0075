package io.portdoc.cli.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portdoc.core.Conclusion;
import io.portdoc.core.Evidence;
import io.portdoc.core.Msg;
import io.portdoc.core.Report;
import io.portdoc.core.ReportSet;
import io.portdoc.core.StepResult;
import io.portdoc.core.Target;
import io.portdoc.core.net.Addresses;
import io.portdoc.core.net.PortClass;
import java.util.List;

/**
 * The report as JSON (schema portdoc/report/v1, DESIGN.md). Built node by node so field order
 * and names are the contract's, not whatever a record's accessors happen to be.
 */
public final class ReportJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ReportJson() {
    }

    public static String render(Report r) {
        return write(tree(r));
    }

    static String write(ObjectNode node) {
        return Json.write(node);
    }

    /** {@code diagnose --all}: schema portdoc/reports/v1, each report whole, then a summary. */
    public static String renderAll(ReportSet set) {
        return write(tree(set));
    }

    public static ObjectNode tree(ReportSet set) {
        ObjectNode root = F.objectNode();
        root.put("schema", ReportSet.SCHEMA);
        ObjectNode tool = root.putObject("tool");
        tool.put("name", "portdoc");
        tool.put("version", set.reports().isEmpty() ? "unknown" : set.reports().get(0).toolVersion());
        root.put("generatedAt", set.generatedAt().toString());
        ArrayNode reports = root.putArray("reports");
        set.reports().forEach(r -> reports.add(tree(r)));
        ObjectNode summary = root.putObject("summary");
        summary.put("verdict", set.verdict().name());
        summary.put("exitCode", set.exitCode());
        summary.put("total", set.reports().size());
        ObjectNode counts = summary.putObject("counts");
        set.counts().forEach((v, n) -> {
            if (v != io.portdoc.core.Verdict.SKIP) {
                counts.put(v.name(), n);
            }
        });
        ArrayNode items = summary.putArray("items");
        for (Report r : set.reports()) {
            ObjectNode i = items.addObject();
            i.put("service", r.target().service());
            i.put("port", r.target().port());
            i.put("protocol", r.target().protocol());
            i.put("verdict", r.conclusion().verdict().name());
            i.put("blockingStep", r.conclusion().blockingStep());
        }
        return root;
    }

    public static ObjectNode tree(Report r) {
        ObjectNode root = F.objectNode();
        root.put("schema", Report.SCHEMA);
        ObjectNode tool = root.putObject("tool");
        tool.put("name", "portdoc");
        tool.put("version", r.toolVersion());
        root.put("generatedAt", r.generatedAt().toString());
        ObjectNode host = root.putObject("host");
        host.put("hostname", r.host().hostname());
        host.put("user", r.host().user());
        host.put("privileged", r.host().privileged());
        root.set("target", target(r.target(), r.portName()));
        ArrayNode steps = root.putArray("steps");
        r.steps().forEach(s -> steps.add(step(s)));
        root.set("conclusion", conclusion(r.conclusion()));
        return root;
    }

    private static ObjectNode target(Target t, String portName) {
        ObjectNode n = F.objectNode();
        n.put("service", t.service());
        n.put("port", t.port());
        n.put("protocol", t.protocol());
        n.put("client", t.client() == null ? null : Addresses.text(t.client()));
        if (t.host() != null) {
            n.put("host", t.host());
        }
        n.put("portName", portName);
        n.put("portClass", PortClass.of(t.port()).id);
        n.put("exposure", t.exposure().id());
        return n;
    }

    private static ObjectNode step(StepResult s) {
        ObjectNode n = F.objectNode();
        n.put("id", s.id());
        n.put("title", s.title());
        n.put("verdict", s.verdict().name());
        n.put("summary", s.summary().text());
        n.put("summaryKey", s.summary().key());
        ArrayNode ev = n.putArray("evidence");
        for (Evidence e : s.evidence()) {
            ObjectNode en = ev.addObject();
            en.put("source", e.source());
            en.put("text", e.text());
            if (e.location() != null) {
                en.put("location", e.location());
            }
        }
        hints(n, s.hints());
        n.put("durationMs", s.durationMs());
        return n;
    }

    private static ObjectNode conclusion(Conclusion c) {
        ObjectNode n = F.objectNode();
        n.put("verdict", c.verdict().name());
        n.put("blockingStep", c.blockingStep());
        n.put("summary", c.summary().text());
        n.put("summaryKey", c.summary().key());
        hints(n, c.hints());
        return n;
    }

    private static void hints(ObjectNode n, List<Msg> hints) {
        ArrayNode h = n.putArray("hints");
        hints.forEach(m -> h.add(m.text()));
        ArrayNode k = n.putArray("hintKeys");
        hints.forEach(m -> k.add(m.key()));
    }
}
