package io.portdoc.checks.firewall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * nft syntax for JSON rules, close to what {@code nft list ruleset} prints. Used only when the
 * exact text ({@code nft -a list ruleset}) is not at hand, and to name conditions in warnings.
 */
final class NftText {
    private NftText() {}

    static String render(JsonNode exprs) {
        List<String> parts = new ArrayList<>();
        for (JsonNode e : exprs) {
            String k = e.fieldNames().hasNext() ? e.fieldNames().next() : "";
            JsonNode v = e.get(k);
            parts.add(
                    switch (k) {
                        case "match" -> match(v.path("left"), v.path("op").asText("=="), v.path("right"));
                        case "counter" -> "counter";
                        case "accept", "drop", "return", "continue" -> k;
                        case "jump", "goto" -> k + " " + v.path("target").asText();
                        case "reject" -> reject(v);
                        case "log" ->
                            v.has("prefix") ? "log prefix \"" + v.path("prefix").asText() + "\"" : "log";
                        case "vmap" -> expr(v.path("key")) + " vmap " + value(v.path("data"));
                        case "xt" ->
                            "xt " + v.path("type").asText() + " "
                                    + v.path("name").asText();
                        case "limit" ->
                            "limit rate " + v.path("rate").asText() + "/"
                                    + v.path("per").asText();
                        case "dnat" ->
                            "dnat to " + v.path("addr").asText("")
                                    + (v.has("port") ? ":" + v.path("port").asText() : "");
                        case "redirect" ->
                            "redirect"
                                    + (v.has("port") ? " to :" + v.path("port").asText() : "");
                        default -> k + (v == null || v.isNull() ? "" : " " + v);
                    });
        }
        return String.join(" ", parts);
    }

    private static String reject(JsonNode v) {
        if (v == null || v.isNull()) {
            return "reject";
        }
        if (v.path("type").asText().equals("tcp reset")) {
            return "reject with tcp reset";
        }
        return "reject with " + v.path("type").asText() + " " + v.path("expr").asText();
    }

    static String match(JsonNode left, String op, JsonNode right) {
        String o = switch (op) {
            case "==", "in" -> " ";
            default -> " " + op + " ";
        };
        return expr(left) + o + value(right);
    }

    static String expr(JsonNode n) {
        if (n.has("payload")) {
            JsonNode p = n.get("payload");
            return p.path("protocol").asText() + " " + p.path("field").asText();
        }
        if (n.has("meta")) {
            String k = n.get("meta").path("key").asText();
            return switch (k) {
                case "iif", "iifname", "oif", "oifname", "mark" -> k.equals("mark") ? "meta mark" : k;
                default -> "meta " + k;
            };
        }
        if (n.has("ct")) {
            return "ct " + n.get("ct").path("key").asText();
        }
        if (n.has("fib")) {
            List<String> flags = new ArrayList<>();
            n.get("fib").path("flags").forEach(f -> flags.add(f.asText()));
            return "fib " + String.join(" . ", flags) + " "
                    + n.get("fib").path("result").asText();
        }
        if (n.has("concat")) {
            List<String> parts = new ArrayList<>();
            n.get("concat").forEach(x -> parts.add(expr(x)));
            return String.join(" . ", parts);
        }
        if (n.has("&")) {
            return expr(n.get("&").get(0)) + " & " + value(n.get("&").get(1));
        }
        return n.toString();
    }

    static String value(JsonNode n) {
        if (n.isTextual()) {
            String s = n.asText();
            return s.startsWith("@") || s.matches("[0-9a-fA-F.:]+") || s.matches("[a-z0-9-]+") ? s : "\"" + s + "\"";
        }
        if (n.isBoolean()) {
            return n.asBoolean() ? "exists" : "missing";
        }
        if (n.isArray()) {
            List<String> parts = new ArrayList<>();
            if (n.size() == 2 && n.get(1).isObject() && !n.get(0).isObject()) {
                return value(n.get(0)) + " : " + render(List.of(n.get(1)));
            }
            n.forEach(x -> parts.add(value(x)));
            return String.join(",", parts);
        }
        if (n.has("prefix")) {
            return n.get("prefix").path("addr").asText() + "/"
                    + n.get("prefix").path("len").asText();
        }
        if (n.has("range")) {
            return value(n.get("range").get(0)) + "-" + value(n.get("range").get(1));
        }
        if (n.has("set")) {
            List<String> parts = new ArrayList<>();
            n.get("set").forEach(x -> parts.add(value(x)));
            return "{ " + String.join(", ", parts) + " }";
        }
        if (n.has("concat")) {
            List<String> parts = new ArrayList<>();
            n.get("concat").forEach(x -> parts.add(value(x)));
            return String.join(" . ", parts);
        }
        if (n.has("elem")) {
            return value(n.get("elem").path("val"));
        }
        return n.toString();
    }

    private static String render(List<JsonNode> exprs) {
        ArrayNode a = new ObjectMapper().createArrayNode();
        exprs.forEach(a::add);
        return render(a);
    }

    /**
     * Rule texts from {@code nft -a list ruleset}, keyed "family table chain handle": the exact
     * words the admin sees.
     */
    static Map<String, String> texts(String listing) {
        Map<String, String> out = new HashMap<>();
        String table = null;
        String chain = null;
        int depth = 0;
        for (String raw : listing.split("\n")) {
            String line = raw.strip();
            int h = line.lastIndexOf("# handle ");
            String code = blankQuoted(h >= 0 ? line.substring(0, h) : line);
            if (depth == 0 && line.startsWith("table ")) {
                String[] f = line.split("\\s+");
                // "table FAMILY NAME {"; anything shorter names no table its rules could be found by
                table = f.length >= 3 ? f[1] + " " + f[2] : null;
            } else if (depth == 1 && line.startsWith("chain ")) {
                chain = line.split("\\s+")[1];
            } else if (depth == 2 && table != null && chain != null && h > 0) {
                out.put(
                        table + " " + chain + " " + line.substring(h + 9).strip(),
                        line.substring(0, h).strip());
            }
            depth += count(code, '{') - count(code, '}');
            if (depth <= 1) {
                chain = null;
            }
        }
        return out;
    }

    private static final Pattern DEVICE = Pattern.compile("\\bhook ingress device \"?([^\"\\s;]+)\"?");
    private static final Pattern DEVICES = Pattern.compile("\\bhook ingress devices = \\{([^}]*)}");

    /**
     * The devices of ingress chains from {@code nft list} ("type filter hook ingress device
     * "eth0" priority ..." or "devices = { eth0, eth1 }"), keyed "family table chain".
     */
    static Map<String, List<String>> devices(String listing) {
        Map<String, List<String>> out = new HashMap<>();
        String table = null;
        String chain = null;
        for (String raw : listing.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("table ")) {
                String[] f = line.split("\\s+");
                table = f.length > 2 ? f[1] + " " + f[2] : null;
            } else if (line.startsWith("chain ")) {
                chain = line.split("\\s+")[1];
            } else if (table != null && chain != null && line.startsWith("type ")) {
                Matcher one = DEVICE.matcher(line);
                Matcher many = DEVICES.matcher(line);
                if (one.find()) {
                    out.put(table + " " + chain, List.of(one.group(1)));
                } else if (many.find()) {
                    List<String> names = new ArrayList<>();
                    for (String d : many.group(1).split(",")) {
                        String n = d.strip().replace("\"", "");
                        if (!n.isEmpty()) {
                            names.add(n);
                        }
                    }
                    out.put(table + " " + chain, names);
                }
            }
        }
        return out;
    }

    /**
     * The line with every {@code "quoted"} string emptied (backslash escapes inside), so braces in
     * a comment do not count. A loop, not a regex: a regex repeating a group recurses per
     * character and overflows the stack on a quoted string of a few thousand characters.
     */
    static String blankQuoted(String line) {
        StringBuilder out = new StringBuilder(line.length());
        int open = -1; // index of the opening quote while inside a string
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (open < 0) {
                out.append(c);
                open = c == '"' ? i : -1;
            } else if (c == '\\') {
                i++; // the escaped character is part of the string
            } else if (c == '"') {
                out.append(c);
                open = -1;
            }
        }
        if (open >= 0) {
            out.append(line, open + 1, line.length()); // never closed: not a string, kept as it is
        }
        return out.toString();
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
