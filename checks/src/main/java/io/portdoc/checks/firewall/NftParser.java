package io.portdoc.checks.firewall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code nft -j list ruleset} (libnftables-json) to a {@link Ruleset}. JSON leaves out the
 * conditions a match implies ({@code tcp dport} implies {@code meta l4proto tcp}, {@code ip
 * saddr} in an inet table implies {@code meta nfproto ipv4}); they are added back here.
 * Tables listed in {@code skipTables} ("ip filter") are read from iptables-save instead: what
 * iptables-nft writes shows up here as opaque {@code xt} expressions.
 */
final class NftParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A named set or map: elements as JSON, {@code map} the data type for maps ("verdict"). */
    private record NamedSet(JsonNode elems, String map) {}

    private record Table(String family, String name) {
        String id() {
            return family + " " + name;
        }
    }

    private final Map<Table, Map<String, NamedSet>> sets = new HashMap<>();
    private final Map<Table, Map<String, List<JsonNode>>> rules = new LinkedHashMap<>();
    private final Map<Table, List<JsonNode>> chains = new LinkedHashMap<>();
    private final Map<String, String> texts;
    private final Map<String, List<String>> devices = new HashMap<>();
    /** Compiling a chain that runs at ingress: before conntrack, so no packet has a ct entry yet. */
    private boolean ingress;

    private NftParser(Map<String, String> texts) {
        this.texts = texts;
    }

    /**
     * @param skipTables "family name" of tables to leave out
     * @param texts      rule text by "family table chain handle" from {@code nft -a list ruleset} (may be empty)
     */
    static Ruleset parse(String json, Set<String> skipTables, Map<String, String> texts) throws IOException {
        return parse(json, skipTables, texts, Map.of());
    }

    /**
     * @param devices the devices of ingress chains by "family table chain", from the text listing
     *                ({@link NftText#devices}): nft's JSON before 1.0.7 leaves them out
     */
    static Ruleset parse(
            String json, Set<String> skipTables, Map<String, String> texts, Map<String, List<String>> devices)
            throws IOException {
        NftParser p = new NftParser(texts);
        p.devices.putAll(devices);
        return p.run(JSON.readTree(json), skipTables);
    }

    private Ruleset run(JsonNode root, Set<String> skipTables) {
        JsonNode items = root.path("nftables");
        for (JsonNode item : items) {
            if (item.has("chain")) {
                JsonNode c = item.get("chain");
                chains.computeIfAbsent(table(c), t -> new ArrayList<>()).add(c);
            } else if (item.has("rule")) {
                JsonNode r = item.get("rule");
                rules.computeIfAbsent(table(r), t -> new LinkedHashMap<>())
                        .computeIfAbsent(r.path("chain").asText(), c -> new ArrayList<>())
                        .add(r);
            } else if (item.has("set") || item.has("map")) {
                JsonNode s = item.has("set") ? item.get("set") : item.get("map");
                sets.computeIfAbsent(table(s), t -> new HashMap<>())
                        .put(
                                s.path("name").asText(),
                                new NamedSet(
                                        s.path("elem"),
                                        s.has("map") ? s.path("map").asText() : null));
            }
        }
        List<BaseChain> bases = new ArrayList<>();
        Set<FrontEnd> fronts = EnumSet.noneOf(FrontEnd.class);
        List<String> notes = new ArrayList<>();
        for (Map.Entry<Table, List<JsonNode>> e : chains.entrySet()) {
            Table t = e.getKey();
            if (t.name.equals("firewalld")) {
                fronts.add(FrontEnd.FIREWALLD);
            }
            if (skipTables.contains(t.id())) {
                continue;
            }
            int family = switch (t.family) {
                case "ip" -> 4;
                case "ip6" -> 6;
                case "inet", "netdev" -> 0;
                default -> -1;
            };
            Map<String, Chain> compiled = new HashMap<>();
            for (JsonNode c : e.getValue()) {
                String name = c.path("name").asText();
                if (name.startsWith("DOCKER")) {
                    fronts.add(FrontEnd.DOCKER);
                }
                // a netdev table only has device hooks; of an inet table only its ingress chains run there
                ingress = t.family.equals("netdev") || c.path("hook").asText().equals("ingress");
                compiled.put(name, compileChain(t, name));
            }
            ingress = false;
            for (JsonNode c : e.getValue()) {
                if (!c.has("hook")) {
                    continue;
                }
                String name = c.path("name").asText();
                Hook hook = Hook.parse(c.path("hook").asText());
                if (family < 0) {
                    continue; // bridge and arp tables do not see IP packets to this host
                }
                String type = c.path("type").asText("filter");
                if (hook == null || type.equals("route") || (t.family.equals("netdev") && hook != Hook.INGRESS)) {
                    continue;
                }
                boolean nat = type.equals("nat");
                // nat prerouting and output decide a redirect or DNAT; nat postrouting only rewrites the source
                if (nat && hook != Hook.PREROUTING && hook != Hook.OUTPUT) {
                    continue;
                }
                String policy = c.path("policy").asText("accept");
                Action pa = policy.equals("drop") ? Action.DROP : Action.ACCEPT;
                RuleRef pref = new RuleRef("nftables", t.family, t.name, name, policy, 0, true);
                bases.add(new BaseChain(
                        hook,
                        priority(c.path("prio")),
                        family,
                        nat,
                        compiled.get(name),
                        compiled,
                        pa,
                        pref,
                        hook == Hook.INGRESS ? devices(t, name, c.path("dev")) : List.of()));
            }
        }
        return new Ruleset(bases, fronts, notes);
    }

    /** An ingress chain's devices: JSON "dev" (a name or a list), else the text listing's, else null (unknown). */
    private List<String> devices(Table t, String chain, JsonNode dev) {
        if (dev.isTextual()) {
            return List.of(dev.asText());
        }
        if (dev.isArray()) {
            List<String> out = new ArrayList<>();
            dev.forEach(d -> out.add(d.asText()));
            return out;
        }
        return devices.get(t.id() + " " + chain);
    }

    private static Table table(JsonNode n) {
        return new Table(n.path("family").asText(), n.path("table").asText());
    }

    static int priority(JsonNode prio) {
        if (prio.isNumber()) {
            return prio.asInt();
        }
        String s = prio.isObject() ? prio.path("standard").asText("filter") : prio.asText("filter");
        int base = switch (s) {
            case "raw" -> -300;
            case "mangle" -> -150;
            case "dstnat" -> -100;
            case "security" -> 50;
            case "srcnat" -> 100;
            default -> 0;
        };
        return base + (prio.isObject() ? prio.path("offset").asInt(0) : 0);
    }

    private Chain compileChain(Table t, String chain) {
        List<Rule> out = new ArrayList<>();
        for (JsonNode r : rules.getOrDefault(t, Map.of()).getOrDefault(chain, List.of())) {
            long handle = r.path("handle").asLong();
            String text = texts.get(t.family + " " + t.name + " " + chain + " " + handle);
            if (text == null) {
                text = NftText.render(r.path("expr"));
            }
            RuleRef ref = new RuleRef("nftables", t.family, t.name, chain, text, handle, false);
            out.addAll(compileRule(t, r.path("expr"), ref));
        }
        return new Chain(chain, out);
    }

    /** One rule; a verdict map becomes one rule per distinct verdict. */
    private List<Rule> compileRule(Table t, JsonNode exprs, RuleRef ref) {
        List<Cond> conds = new ArrayList<>();
        Action action = Action.CONTINUE;
        for (JsonNode e : exprs) {
            String k = e.fieldNames().hasNext() ? e.fieldNames().next() : "";
            JsonNode v = e.get(k);
            switch (k) {
                case "match" ->
                    conds.addAll(match(t, v.path("left"), v.path("op").asText("=="), v.path("right"), ref));
                case "vmap" -> {
                    return vmap(t, conds, v, ref);
                }
                case "accept" -> action = Action.ACCEPT;
                case "drop" -> action = Action.DROP;
                case "reject" -> action = reject(v);
                case "jump" -> action = new Action.Jump(v.path("target").asText());
                case "goto" -> action = new Action.Goto(v.path("target").asText());
                case "return" -> action = Action.RETURN;
                case "continue" -> action = Action.CONTINUE;
                case "queue" -> action = new Action.Opaque("queue");
                case "dnat", "redirect" -> {
                    return nat(t, conds, k.equals("redirect"), v == null ? NullNode.getInstance() : v, ref);
                }
                case "snat", "masquerade" -> action = Action.ACCEPT;
                case "limit", "quota" -> conds.add(ConstMatch.unknown(k + " " + compact(v)));
                case "xt" -> {
                    if (v.path("type").asText().equals("target")) {
                        action = xtTarget(v.path("name").asText());
                    } else {
                        conds.add(
                                ConstMatch.unknown("xt match " + v.path("name").asText()));
                    }
                }
                default -> {
                    // counter, log, mangle (meta/ct set), notrack, set statements: no verdict, no condition
                }
            }
        }
        return List.of(new Rule(conds, action, ref));
    }

    private static Action xtTarget(String name) {
        return switch (name) {
            case "REJECT" -> new Action.Reject("REJECT (opaque xt target)", ClientSees.UNKNOWN);
            case "LOG",
                    "NFLOG",
                    "MARK",
                    "CONNMARK",
                    "CT",
                    "TCPMSS",
                    "CHECKSUM",
                    "NOTRACK",
                    "TRACE",
                    "AUDIT",
                    "CLASSIFY",
                    "SET",
                    "DSCP",
                    "TOS",
                    "TTL",
                    "HL" -> Action.CONTINUE;
            default -> new Action.Opaque("xt target " + name);
        };
    }

    private static Action reject(JsonNode v) {
        if (v == null || v.isNull()) {
            return new Action.Reject("port-unreachable", ClientSees.REFUSED);
        }
        String type = v.path("type").asText("");
        String expr = v.path("expr").asText("");
        if (type.equals("tcp reset")) {
            return new Action.Reject("tcp reset", ClientSees.REFUSED);
        }
        String what = expr.isEmpty() ? "port-unreachable" : expr;
        return new Action.Reject(what, ClientSees.ofReject(what));
    }

    private List<Rule> vmap(Table t, List<Cond> conds, JsonNode vmap, RuleRef ref) {
        JsonNode data = vmap.path("data");
        JsonNode entries;
        if (data.isTextual() && data.asText().startsWith("@")) {
            NamedSet s = namedSet(t, data.asText());
            entries = s == null ? JSON.createArrayNode() : s.elems;
        } else {
            entries = data.path("set");
        }
        Map<String, List<JsonNode>> byVerdict = new LinkedHashMap<>();
        Map<String, JsonNode> verdicts = new HashMap<>();
        for (JsonNode pair : entries) {
            JsonNode kv = pair.isArray() ? pair : pair.path("elem");
            JsonNode verdict = kv.get(1);
            String key = verdict.toString();
            verdicts.put(key, verdict);
            byVerdict.computeIfAbsent(key, x -> new ArrayList<>()).add(kv.get(0));
        }
        List<Rule> out = new ArrayList<>();
        for (Map.Entry<String, List<JsonNode>> e : byVerdict.entrySet()) {
            List<Cond> all = new ArrayList<>(conds);
            all.addAll(match(
                    t,
                    vmap.path("key"),
                    "==",
                    JSON.createObjectNode().set("set", JSON.createArrayNode().addAll(e.getValue())),
                    ref));
            JsonNode rule = JSON.createArrayNode().add(verdicts.get(e.getKey()));
            out.add(new Rule(all, compileRule(t, rule, ref).get(0).action(), ref));
        }
        return out;
    }

    /**
     * A {@code dnat} or {@code redirect} statement (man nft, NAT STATEMENTS): {@code dnat to
     * ADDRESS[:PORT]}, {@code redirect [to :PORT]}, either one taken from a map keyed by one
     * packet field or a concatenation of fields (one rule per element, as for a verdict map; a
     * packet whose key is not in the map is not translated and goes on). {@code dnat ip to} in an
     * inet table applies to IPv4 only. Address and port ranges let the kernel pick a destination
     * portdoc cannot know: such a rule carries why.
     */
    private List<Rule> nat(Table t, List<Cond> conds, boolean redirect, JsonNode v, RuleRef ref) {
        List<Cond> all = new ArrayList<>(conds);
        String family = v.path("family").asText("");
        if (!family.isEmpty()) {
            all.addAll(implied(family));
        }
        JsonNode addr = v.path("addr");
        JsonNode port = v.path("port");
        JsonNode map = addr.has("map") ? addr.get("map") : port.has("map") ? port.get("map") : null;
        if (map == null) {
            return List.of(new Rule(all, natTo(redirect, addr, port), ref));
        }
        JsonNode data = map.path("data");
        JsonNode entries = data.isTextual() && data.asText().startsWith("@")
                ? Optional.ofNullable(namedSet(t, data.asText()))
                        .map(NamedSet::elems)
                        .orElse(JSON.createArrayNode())
                : data.path("set");
        List<Rule> out = new ArrayList<>();
        for (JsonNode pair : entries) {
            JsonNode kv = pair.isArray() ? pair : pair.path("elem");
            List<Cond> one = new ArrayList<>(all);
            one.addAll(match(t, map.path("key"), "==", kv.get(0), ref));
            Action a = addr.has("map") ? natTo(redirect, kv.get(1), port) : natTo(redirect, addr, kv.get(1));
            out.add(new Rule(one, a, ref));
        }
        return out;
    }

    /** One destination: an address (or an address . port concatenation) and a port. */
    private static Action.Dnat natTo(boolean redirect, JsonNode addr, JsonNode port) {
        if (addr.has("concat") && addr.get("concat").size() == 2) {
            return natTo(redirect, addr.get("concat").get(0), addr.get("concat").get(1));
        }
        if (!addr.isMissingNode() && !addr.isNull() && !addr.isTextual()) {
            return Action.Dnat.unsupported(redirect, "an address range or map");
        }
        int p = 0;
        if (port.has("range")) {
            int lo = port.get("range").get(0).asInt();
            int hi = port.get("range").get(1).asInt();
            if (lo != hi) {
                return Action.Dnat.unsupported(redirect, "port range " + lo + "-" + hi);
            }
            p = lo;
        } else if (port.canConvertToInt()) {
            p = port.asInt();
        } else if (!port.isMissingNode() && !port.isNull()) {
            return Action.Dnat.unsupported(redirect, "a port expression");
        }
        return new Action.Dnat(addr.isTextual() ? addr.asText() : null, p, redirect);
    }

    private NamedSet namedSet(Table t, String at) {
        return sets.getOrDefault(t, Map.of()).get(at.substring(1));
    }

    private static String compact(JsonNode n) {
        return n == null ? "" : n.toString();
    }

    // ---- conditions -------------------------------------------------------------------------

    /** What a left-hand expression reads: a key, its implied conditions, or null when unsupported. */
    private record Left(Key key, List<Cond> implied, String what) {}

    private List<Cond> match(Table t, JsonNode left, String op, JsonNode right, RuleRef ref) {
        String text = NftText.match(left, op, right);
        try {
            if (ingress && left.has("ct")) {
                return List.of(ingressCt(t, left.get("ct"), op, right, text));
            }
            if (left.has("&")) {
                return tcpFlags(left.get("&"), op, right, text);
            }
            if (left.has("concat")) {
                return concat(t, left.get("concat"), op, right, text);
            }
            Left l = left(left);
            if (l == null || l.key == null) {
                List<Cond> out = new ArrayList<>(l == null ? List.of() : l.implied);
                out.add(ConstMatch.unknown(text));
                return out;
            }
            List<Cond> out = new ArrayList<>(l.implied);
            out.add(keyMatch(t, l.key, op, right, text));
            return out;
        } catch (RuntimeException e) {
            return List.of(ConstMatch.unknown(text));
        }
    }

    /**
     * A ct match at ingress, where conntrack has not run yet: the kernel reads {@code ct state}
     * of a packet without an entry as {@code invalid} (nft_ct.c, NF_CT_STATE_INVALID_BIT), and
     * every other ct key breaks the rule (no match, negated or not).
     */
    private Cond ingressCt(Table t, JsonNode ct, String op, JsonNode right, String text) {
        if (!ct.path("key").asText().equals("state") || ct.has("dir")) {
            return new ConstMatch(Tri.FALSE, text);
        }
        boolean invalid = elements(t, right).stream()
                .anyMatch(e -> e.asText().toLowerCase(Locale.ROOT).equals("invalid"));
        return new ConstMatch(Tri.of(invalid != op.equals("!=")), text);
    }

    private Cond keyMatch(Table t, Key key, String op, JsonNode right, String text) {
        boolean neg = op.equals("!=");
        switch (op) {
            case "==", "!=", "in" -> {
                return new KeyMatch(key, values(t, key, right), neg, text);
            }
            case "<", ">", "<=", ">=" -> {
                if (kind(key) != 'i' || !right.canConvertToInt()) {
                    return ConstMatch.unknown(text);
                }
                int v = right.asInt();
                IntRanges r = switch (op) {
                    case "<" -> IntRanges.range(0, v - 1);
                    case "<=" -> IntRanges.range(0, v);
                    case ">" -> IntRanges.range(v + 1, 65535);
                    default -> IntRanges.range(v, 65535);
                };
                return new KeyMatch(key, new Values.Ints(r), false, text);
            }
            default -> {
                return ConstMatch.unknown(text);
            }
        }
    }

    private static Left left(JsonNode n) {
        if (n.has("payload")) {
            JsonNode p = n.get("payload");
            String proto = p.path("protocol").asText();
            String field = p.path("field").asText();
            List<Cond> implied = implied(proto);
            Key key = switch (proto + " " + field) {
                case "ip saddr", "ip6 saddr" -> Key.SADDR;
                case "ip daddr", "ip6 daddr" -> Key.DADDR;
                case "ip protocol", "ip6 nexthdr" -> Key.L4PROTO;
                default ->
                    switch (field) {
                        case "dport" -> proto.equals("ip") || proto.equals("ip6") ? null : Key.DPORT;
                        case "sport" -> proto.equals("ip") || proto.equals("ip6") ? null : Key.SPORT;
                        default -> null;
                    };
            };
            return new Left(key, implied, proto + " " + field);
        }
        if (n.has("meta")) {
            String k = n.get("meta").path("key").asText();
            Key key = switch (k) {
                case "l4proto" -> Key.L4PROTO;
                case "nfproto", "protocol" -> Key.NFPROTO;
                case "iif", "iifname" -> Key.IIFNAME;
                case "oif", "oifname" -> Key.OIFNAME;
                case "pkttype" -> Key.PKTTYPE;
                default -> null;
            };
            return new Left(key, List.of(), "meta " + k);
        }
        if (n.has("ct")) {
            JsonNode ct = n.get("ct");
            String k = ct.path("key").asText();
            if (ct.has("dir")) {
                return null;
            }
            Key key = switch (k) {
                case "state" -> Key.CTSTATE;
                case "status" -> Key.CTSTATUS;
                default -> null;
            };
            return new Left(key, List.of(), "ct " + k);
        }
        if (n.has("fib")) {
            JsonNode f = n.get("fib");
            Set<String> flags = new HashSet<>();
            f.path("flags").forEach(x -> flags.add(x.asText()));
            String result = f.path("result").asText();
            if (result.equals("type") && flags.contains("daddr")) {
                return new Left(Key.FIB_DADDR_TYPE, List.of(), "fib daddr type");
            }
            if ((result.equals("oif") || result.equals("oifname"))
                    && flags.contains("saddr")
                    && flags.contains("iif")) {
                return new Left(Key.FIB_RPF, List.of(), "fib saddr . iif oif");
            }
            return null;
        }
        return null;
    }

    /** Conditions a payload expression implies: the transport protocol or the address family. */
    private static List<Cond> implied(String proto) {
        return switch (proto) {
            case "ip" ->
                List.of(new KeyMatch(Key.NFPROTO, new Values.Names(Set.of("ipv4")), false, "meta nfproto ipv4"));
            case "ip6" ->
                List.of(new KeyMatch(Key.NFPROTO, new Values.Names(Set.of("ipv6")), false, "meta nfproto ipv6"));
            case "icmp" ->
                List.of(
                        new KeyMatch(Key.NFPROTO, new Values.Names(Set.of("ipv4")), false, "meta nfproto ipv4"),
                        new KeyMatch(Key.L4PROTO, new Values.Ints(IntRanges.of(1)), false, "meta l4proto icmp"));
            case "icmpv6" ->
                List.of(
                        new KeyMatch(Key.NFPROTO, new Values.Names(Set.of("ipv6")), false, "meta nfproto ipv6"),
                        new KeyMatch(Key.L4PROTO, new Values.Ints(IntRanges.of(58)), false, "meta l4proto ipv6-icmp"));
            case "th", "ether", "vlan", "arp", "" -> List.of();
            default -> {
                int n = Protocols.number(proto);
                yield n < 0
                        ? List.of()
                        : List.of(new KeyMatch(
                                Key.L4PROTO, new Values.Ints(IntRanges.of(n)), false, "meta l4proto " + proto));
            }
        };
    }

    private List<Cond> tcpFlags(JsonNode and, String op, JsonNode right, String text) {
        JsonNode l = and.get(0);
        if (!l.has("payload") || !l.get("payload").path("field").asText().equals("flags")) {
            return List.of(ConstMatch.unknown(text));
        }
        int mask = flags(and.get(1));
        int value = flags(right);
        List<Cond> out = new ArrayList<>(implied("tcp"));
        out.add(new TcpFlagsMatch(mask, value, op.equals("!="), text));
        return out;
    }

    private static int flags(JsonNode n) {
        int v = 0;
        if (n.isArray()) {
            for (JsonNode x : n) {
                v |= flags(x);
            }
            return v;
        }
        if (n.isInt()) {
            return n.asInt();
        }
        if (n.has("|")) {
            return flags(n.get("|"));
        }
        for (String f : n.asText().split(",")) {
            v |= TcpFlagsMatch.flag(f.trim());
        }
        return v;
    }

    private List<Cond> concat(Table t, JsonNode parts, String op, JsonNode right, String text) {
        List<Key> keys = new ArrayList<>();
        List<Cond> out = new ArrayList<>();
        for (JsonNode p : parts) {
            Left l = left(p);
            if (l == null || l.key == null) {
                return List.of(ConstMatch.unknown(text));
            }
            keys.add(l.key);
            out.addAll(l.implied);
        }
        List<List<Values>> elements = new ArrayList<>();
        for (JsonNode el : elements(t, right)) {
            JsonNode c = el.path("concat");
            if (!c.isArray() || c.size() != keys.size()) {
                return List.of(ConstMatch.unknown(text));
            }
            List<Values> vs = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                vs.add(values(t, keys.get(i), c.get(i)));
            }
            elements.add(vs);
        }
        out.add(new ConcatMatch(keys, elements, op.equals("!="), text));
        return out;
    }

    /** Elements of an operand: a literal, an anonymous set, or a named set. */
    private List<JsonNode> elements(Table t, JsonNode right) {
        List<JsonNode> out = new ArrayList<>();
        collect(t, right, out);
        return out;
    }

    private void collect(Table t, JsonNode n, List<JsonNode> out) {
        if (n.isTextual() && n.asText().startsWith("@")) {
            NamedSet s = namedSet(t, n.asText());
            if (s == null) {
                throw new IllegalArgumentException("unknown set " + n.asText());
            }
            for (JsonNode e : s.elems) {
                collect(t, e, out);
            }
        } else if (n.isObject() && n.has("set")) {
            for (JsonNode e : n.get("set")) {
                collect(t, e, out);
            }
        } else if (n.isObject() && n.has("elem")) {
            collect(t, n.get("elem").path("val"), out);
        } else if (n.isArray() && !n.isEmpty() && n.get(0).isArray()) {
            for (JsonNode e : n) {
                collect(t, e, out);
            }
        } else if (n.isArray()
                && n.size() == 2
                && !n.get(1).isTextual()
                && !n.get(1).isNumber()) {
            collect(t, n.get(0), out); // a map element [key, data]
        } else if (n.isArray()) {
            n.forEach(out::add); // a flag list: ["established", "related"]
        } else {
            out.add(n);
        }
    }

    private static char kind(Key k) {
        return switch (k) {
            case SADDR, DADDR -> 'a';
            case L4PROTO, DPORT, SPORT -> 'i';
            default -> 'n';
        };
    }

    private Values values(Table t, Key key, JsonNode right) {
        List<JsonNode> els = elements(t, right);
        switch (kind(key)) {
            case 'a' -> {
                AddrMatch.Builder b = new AddrMatch.Builder();
                for (JsonNode e : els) {
                    if (e.has("prefix")) {
                        b.addText(e.get("prefix").path("addr").asText() + "/"
                                + e.get("prefix").path("len").asInt());
                    } else if (e.has("range")) {
                        b.addRangeText(
                                e.get("range").get(0).asText(),
                                e.get("range").get(1).asText());
                    } else {
                        b.addText(e.asText());
                    }
                }
                return new Values.Addrs(b.build());
            }
            case 'i' -> {
                List<int[]> rs = new ArrayList<>();
                for (JsonNode e : els) {
                    if (e.has("range")) {
                        rs.add(new int[] {
                            number(key, e.get("range").get(0)),
                            number(key, e.get("range").get(1))
                        });
                    } else {
                        int v = number(key, e);
                        rs.add(new int[] {v, v});
                    }
                }
                return new Values.Ints(new IntRanges(rs));
            }
            default -> {
                Set<String> names = new HashSet<>();
                for (JsonNode e : els) {
                    String s = e.isBoolean() ? (e.asBoolean() ? "exists" : "missing") : e.asText();
                    names.add(
                            switch (s) {
                                case "ip" -> "ipv4";
                                case "ip6" -> "ipv6";
                                default -> key == Key.IIFNAME || key == Key.OIFNAME ? s : s.toLowerCase(Locale.ROOT);
                            });
                }
                return new Values.Names(names);
            }
        }
    }

    private static int number(Key key, JsonNode n) {
        if (n.canConvertToInt()) {
            return n.asInt();
        }
        int v = key == Key.L4PROTO ? Protocols.number(n.asText()) : Ports.number(n.asText());
        if (v < 0) {
            throw new IllegalArgumentException("unknown name " + n.asText());
        }
        return v;
    }
}
