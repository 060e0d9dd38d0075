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
import io.portdoc.core.Vantage;
import io.portdoc.core.Verdict;
import io.portdoc.core.listing.Listing;
import io.portdoc.core.net.Addresses;
import io.portdoc.core.net.PortClass;
import io.portdoc.core.probe.Attempt;
import io.portdoc.core.probe.ProbeResult;
import io.portdoc.core.vantage.ClientFacts;
import io.portdoc.core.vantage.ClientRoute;
import io.portdoc.core.vantage.NameLookup;
import io.portdoc.core.vantage.OutputFilter;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The JSON contracts of DESIGN.md (report, reports, probe, listening). Built node by node so
 * field order and names are the contract's, not whatever a record's accessors happen to be.
 * {@code verbose} adds a step's {@code stackTrace} when its check threw.
 */
public final class JsonRenderer implements Renderer {
    public static final String PROBE_SCHEMA = "portdoc/probe/v1";
    public static final String LISTENING_SCHEMA = "portdoc/listening/v1";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final boolean verbose;

    public JsonRenderer(boolean verbose) {
        this.verbose = verbose;
    }

    @Override
    public String report(Report r) {
        return Json.write(tree(r));
    }

    /** {@code diagnose --all}: schema portdoc/reports/v1, each report whole, then a summary. */
    @Override
    public String reports(ReportSet set) {
        ObjectNode root = F.objectNode();
        root.put("schema", ReportSet.SCHEMA);
        ObjectNode tool = root.putObject("tool");
        tool.put("name", "portdoc");
        tool.put(
                "version",
                set.reports().isEmpty() ? "unknown" : set.reports().get(0).toolVersion());
        root.put("generatedAt", set.generatedAt().toString());
        ArrayNode reports = root.putArray("reports");
        set.reports().forEach(r -> reports.add(tree(r)));
        ObjectNode summary = root.putObject("summary");
        summary.put("verdict", set.verdict().name());
        summary.put("exitCode", set.exitCode());
        summary.put("total", set.reports().size());
        ObjectNode counts = summary.putObject("counts");
        set.counts().forEach((v, n) -> {
            if (v != Verdict.SKIP) {
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
        return Json.write(root);
    }

    /** The probe contract of DESIGN.md, field for field. */
    @Override
    public String probe(ProbeResult r, Duration timeout) {
        ObjectNode root = F.objectNode();
        root.put("schema", PROBE_SCHEMA);
        root.put("host", r.host());
        root.put("port", r.port());
        root.put("state", r.state().id());
        ArrayNode attempts = root.putArray("attempts");
        for (Attempt a : r.attempts()) {
            ObjectNode n = attempts.addObject();
            n.put("address", a.address());
            n.put("state", a.state().id());
            n.put("elapsedMs", a.elapsedMs());
            n.put("error", a.error());
        }
        return Json.write(root);
    }

    @Override
    public String listening(Listing listing, String hostname, Integer port) {
        ObjectNode root = F.objectNode();
        root.put("schema", LISTENING_SCHEMA);
        root.put("host", hostname);
        root.put("privileged", listing.privileged());
        root.put("port", port);
        ArrayNode sockets = root.putArray("sockets");
        for (Listing.Entry e : listing.entries()) {
            ObjectNode n = sockets.addObject();
            n.put("protocol", e.protocol());
            n.put("address", e.address());
            n.put("port", e.port());
            n.put("scope", e.scope());
            n.put("bind", e.bind());
            ArrayNode clients = n.putArray("clients");
            e.clients().forEach(clients::add);
            n.put("pid", e.pid());
            n.put("program", e.program());
            n.put("service", e.service());
            n.put("uid", e.uid());
            n.put("inode", e.inode());
        }
        root.put("hiddenOwners", listing.hiddenOwners());
        return Json.write(root);
    }

    /** One report (schema portdoc/report/v1) as a tree, also the elements of portdoc/reports/v1. */
    ObjectNode tree(Report r) {
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
        if (r.capture() != null) {
            ObjectNode capture = root.putObject("source").putObject("capture");
            capture.put("host", r.capture().host());
            capture.put("takenAt", String.valueOf(r.capture().takenAt()));
            capture.put("toolVersion", r.capture().toolVersion());
            capture.put("user", r.capture().user());
            capture.put("privileged", r.capture().privileged());
        }
        root.set("target", target(r.target(), r.portName()));
        Vantage v = r.target().vantage();
        if (v != null) {
            ObjectNode vn = root.putObject("vantage");
            vn.put("destination", v.destination());
            vn.put("server", v.server() == null ? null : Addresses.text(v.server()));
            vn.put("clientRouteSource", v.routeSource() == null ? null : Addresses.text(v.routeSource()));
            vn.put("clientSeenByServer", v.seenByServer() == null ? null : Addresses.text(v.seenByServer()));
            vn.put("nat", v.nat());
        }
        ArrayNode steps = root.putArray("steps");
        r.steps().forEach(s -> steps.add(step(s).put("vantage", r.vantage(s).id)));
        root.set("conclusion", conclusion(r.conclusion()));
        if (r.client() != null) {
            root.set("client", client(r.client()));
        }
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

    private ObjectNode step(StepResult s) {
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
        if (verbose && s.stackTrace() != null) {
            n.put("stackTrace", s.stackTrace());
        }
        return n;
    }

    /** The client section: what the client saw, every part from the client's vantage. */
    private static ObjectNode client(ClientFacts c) {
        ObjectNode n = F.objectNode();
        n.put("vantage", Vantage.Side.CLIENT.id);
        n.put("hostname", c.hostname());
        NameLookup l = c.lookup();
        if (l != null) {
            ObjectNode name = n.putObject("name");
            name.put("name", l.name());
            name.put("origin", l.origin().id());
            name.put("location", l.location());
            addresses(name.putArray("addresses"), l.addresses());
            addresses(name.putArray("serverAddresses"), c.serverAddresses());
            name.put("mismatch", c.nameMismatch());
        }
        ClientRoute r = c.route();
        if (r != null) {
            ObjectNode route = n.putObject("route");
            route.put("destination", text(r.destination()));
            route.put("gateway", text(r.gateway()));
            route.put("dev", r.dev());
            route.put("source", text(r.source()));
            route.put("error", r.error());
        }
        OutputFilter f = c.firewall();
        if (f != null) {
            ObjectNode fw = n.putObject("firewall");
            fw.put("hook", "output");
            fw.put("decision", f.kind().name().toLowerCase(Locale.ROOT));
            fw.put("rule", f.rule());
            fw.put("clientSees", f.sees());
        }
        ObjectNode proxies = n.putObject("proxies");
        new TreeMap<>(c.proxies()).forEach(proxies::put);
        if (c.probe() != null) {
            ObjectNode p = n.putObject("probe");
            p.put("host", c.probe().host());
            p.put("port", c.probe().port());
            p.put("state", c.probe().state().id());
            ArrayNode attempts = p.putArray("attempts");
            for (Attempt a : c.probe().attempts()) {
                ObjectNode an = attempts.addObject();
                an.put("address", a.address());
                an.put("state", a.state().id());
                an.put("elapsedMs", a.elapsedMs());
                an.put("error", a.error());
            }
        }
        n.put("seenByServer", text(c.seenByServer()));
        n.put("nat", c.natSeen());
        return n;
    }

    private static void addresses(ArrayNode to, List<InetAddress> as) {
        as.forEach(a -> to.add(Addresses.text(a)));
    }

    private static String text(InetAddress a) {
        return a == null ? null : Addresses.text(a);
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
