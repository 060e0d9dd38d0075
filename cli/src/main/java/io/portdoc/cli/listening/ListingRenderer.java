package io.portdoc.cli.listening;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portdoc.checks.facts.Bind;
import io.portdoc.checks.facts.SocketListing;
import io.portdoc.checks.facts.TcpSocket;
import io.portdoc.core.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code portdoc listening} output: aligned columns (address, port, scope, PID/program,
 * /etc/services name) or JSON, schema {@value #SCHEMA}. No colours.
 */
public final class ListingRenderer {
    public static final String SCHEMA = "portdoc/listening/v1";
    static final Messages MSG = Messages.of(ListingRenderer.class);

    private ListingRenderer() {
    }

    public static String text(SocketListing listing) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {MSG.msg("column.address").text(), MSG.msg("column.port").text(),
                MSG.msg("column.scope").text(), MSG.msg("column.program").text(), MSG.msg("column.service").text()});
        boolean dual = false;
        for (SocketListing.Entry e : listing.entries()) {
            TcpSocket s = e.socket();
            dual |= e.bind() == Bind.ALL_V6_DUAL;
            rows.add(new String[] {s.host(), Integer.toString(s.port()), MSG.msg("scope." + e.bind().id()).text(),
                    e.pids().isEmpty() ? "-" : e.pids().get(0) + "/" + e.program(),
                    e.service() == null ? "" : e.service()});
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
                line.append(i == 1 ? pad(r[i], width[i], true) : pad(r[i], width[i], false));
                if (i < r.length - 1) {
                    line.append("  ");
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        if (listing.entries().isEmpty()) {
            out.append(MSG.msg("none").text()).append('\n');
        }
        if (dual) {
            out.append(MSG.msg("note.dual").text()).append('\n');
        }
        if (listing.hidden() > 0) {
            out.append(MSG.msg(listing.privileged() ? "note.hidden.root" : "note.hidden", listing.hidden()).text())
                    .append('\n');
        }
        return out.toString();
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(width - s.length());
        return right ? fill + s : s + fill;
    }

    public static String json(SocketListing listing, String hostname, Integer port) {
        ObjectNode root = io.portdoc.cli.render.Json.mapper().createObjectNode();
        root.put("schema", SCHEMA);
        root.put("host", hostname);
        root.put("privileged", listing.privileged());
        if (port == null) {
            root.putNull("port");
        } else {
            root.put("port", port);
        }
        ArrayNode sockets = root.putArray("sockets");
        for (SocketListing.Entry e : listing.entries()) {
            TcpSocket s = e.socket();
            ObjectNode n = sockets.addObject();
            n.put("protocol", s.family().proto);
            n.put("address", s.host());
            n.put("port", s.port());
            n.put("scope", e.bind().scope.name().toLowerCase(Locale.ROOT));
            n.put("bind", e.bind().id());
            ArrayNode clients = n.putArray("clients");
            if (e.bind().v4) {
                clients.add("ipv4");
            }
            if (e.bind().v6) {
                clients.add("ipv6");
            }
            if (e.pids().isEmpty()) {
                n.putNull("pid");
                n.putNull("program");
            } else {
                n.put("pid", e.pids().get(0));
                n.put("program", e.program());
            }
            if (e.service() == null) {
                n.putNull("service");
            } else {
                n.put("service", e.service());
            }
            n.put("uid", s.uid());
            n.put("inode", s.inode());
        }
        root.put("hiddenOwners", listing.hidden());
        try {
            return io.portdoc.cli.render.Json.mapper().writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e); // a tree of plain values always serializes
        }
    }
}
