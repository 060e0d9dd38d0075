package io.portdoc.cli.render;

import io.portdoc.core.Messages;
import io.portdoc.core.net.Addresses;
import io.portdoc.core.probe.Attempt;
import io.portdoc.core.vantage.ClientFacts;
import io.portdoc.core.vantage.ClientRoute;
import io.portdoc.core.vantage.NameLookup;
import io.portdoc.core.vantage.OutputFilter;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The client section of a report as labelled lines, the same in text and markdown. */
final class ClientLines {
    private static final Messages MSG = Messages.of(ClientLines.class);

    /** One fact: a short label and its sentence. */
    record Line(String label, String text) {}

    private ClientLines() {}

    static String heading(ClientFacts c) {
        return MSG.msg("client.heading", c.hostname()).text();
    }

    static List<Line> of(ClientFacts c) {
        List<Line> out = new ArrayList<>();
        NameLookup l = c.lookup();
        if (l != null) {
            String servers = c.serverAddresses().isEmpty()
                    ? MSG.msg("client.name.servers.unknown").text()
                    : list(c.serverAddresses());
            String text = switch (l.origin()) {
                case UNRESOLVED -> MSG.msg("client.name.unresolved", l.name()).text();
                case LITERAL -> MSG.msg("client.name.literal", l.name()).text();
                default ->
                    MSG.msg(
                                    c.nameMismatch() ? "client.name.mismatch" : "client.name",
                                    l.name(),
                                    list(l.addresses()),
                                    l.location() != null ? l.location() : "DNS",
                                    servers)
                            .text();
            };
            out.add(new Line(MSG.msg("client.label.name").text(), text));
        }
        ClientRoute r = c.route();
        if (r != null) {
            String to = Addresses.text(r.destination());
            String text = !r.exists()
                    ? MSG.msg("client.route.none", to, r.error()).text()
                    : r.onLink()
                            ? MSG.msg("client.route.onlink", to, r.dev(), src(r))
                                    .text()
                            : MSG.msg("client.route.gateway", to, Addresses.text(r.gateway()), r.dev(), src(r))
                                    .text();
            out.add(new Line(MSG.msg("client.label.route").text(), text));
        }
        OutputFilter f = c.firewall();
        if (f != null) {
            String text = switch (f.kind()) {
                case ACCEPT -> MSG.msg("client.firewall.accept").text();
                case NONE -> MSG.msg("client.firewall.none").text();
                case UNKNOWN -> MSG.msg("client.firewall.unknown").text();
                case DROP, REJECT ->
                    MSG.msg("client.firewall." + f.kind().name().toLowerCase(Locale.ROOT), f.rule(), f.sees())
                            .text();
            };
            out.add(new Line(MSG.msg("client.label.firewall").text(), text));
        }
        out.add(new Line(
                MSG.msg("client.label.proxy").text(),
                c.proxies().isEmpty()
                        ? MSG.msg("client.proxy.none").text()
                        : c.proxies().entrySet().stream()
                                .sorted(Map.Entry.comparingByKey())
                                .map(e -> e.getKey() + "=" + e.getValue())
                                .collect(Collectors.joining(", "))));
        if (c.probe() != null) {
            String attempts =
                    c.probe().attempts().stream().map(ClientLines::attempt).collect(Collectors.joining(", "));
            out.add(new Line(
                    MSG.msg("client.label.probe").text(),
                    MSG.msg(
                                    "client.probe",
                                    c.probe().host(),
                                    c.probe().port(),
                                    c.probe().state().id(),
                                    attempts)
                            .text()));
        }
        if (c.seenByServer() != null) {
            out.add(new Line(
                    MSG.msg("client.label.seen").text(),
                    MSG.msg(c.natSeen() ? "client.seen.nat" : "client.seen", Addresses.text(c.seenByServer()))
                            .text()));
        }
        return out;
    }

    private static String attempt(Attempt a) {
        return a.address() + " " + a.state().id();
    }

    private static String src(ClientRoute r) {
        return r.source() == null ? "?" : Addresses.text(r.source());
    }

    private static String list(List<InetAddress> as) {
        return as.stream().map(Addresses::text).collect(Collectors.joining(", "));
    }
}
