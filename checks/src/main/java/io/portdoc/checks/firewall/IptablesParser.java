package io.portdoc.checks.firewall;

import io.portdoc.core.net.AddressSet;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code iptables-save} / {@code ip6tables-save} (nft or legacy backend) to a {@link Ruleset}:
 * raw, mangle and nat PREROUTING, mangle, filter and security INPUT and FORWARD, at the
 * priorities the kernel registers those tables with. Rule numbers count from 1 per chain as
 * {@code iptables -L --line-numbers} does.
 */
final class IptablesParser {
    private static final Set<String> TOP = Set.of(
            "-s",
            "--source",
            "-d",
            "--destination",
            "-i",
            "--in-interface",
            "-o",
            "--out-interface",
            "-p",
            "--protocol",
            "-f",
            "--fragment",
            "-m",
            "--match",
            "-j",
            "--jump",
            "-g",
            "--goto");
    private static final Set<String> NON_TERMINATING = Set.of(
            "LOG",
            "NFLOG",
            "ULOG",
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
            "HL",
            "CONNSECMARK",
            "SECMARK",
            "IDLETIMER",
            "LED",
            "RATEEST",
            "TEE");

    private final String backend;
    private final int family;
    private final Map<String, IpsetParser.IpSet> ipsets;
    private final List<String> notes = new ArrayList<>();

    private IptablesParser(String backend, int family, Map<String, IpsetParser.IpSet> ipsets) {
        this.backend = backend;
        this.family = family;
        this.ipsets = ipsets;
    }

    /**
     * @param backend "iptables", "ip6tables", "iptables-legacy" or "ip6tables-legacy"
     * @param family  4 or 6
     * @param ipsets  {@code ipset list} contents (may be empty: set matches are then unknown)
     */
    static Ruleset parse(String save, String backend, int family, Map<String, IpsetParser.IpSet> ipsets) {
        return new IptablesParser(backend, family, ipsets).run(save);
    }

    /** Table names in an iptables-save output ("filter", "nat"). */
    static List<String> tables(String save) {
        List<String> out = new ArrayList<>();
        for (String line : save.split("\n")) {
            if (line.startsWith("*")) {
                out.add(line.substring(1).strip());
            }
        }
        return out;
    }

    private record Pending(String table, Map<String, String> policies, Map<String, List<String>> lines) {}

    private Ruleset run(String save) {
        List<Pending> tables = new ArrayList<>();
        Pending cur = null;
        for (String raw : save.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("*")) {
                cur = new Pending(line.substring(1).strip(), new LinkedHashMap<>(), new LinkedHashMap<>());
                tables.add(cur);
            } else if (cur != null && line.startsWith(":")) {
                String[] f = line.substring(1).split(" ");
                cur.policies.put(f[0], f.length > 1 ? f[1] : "-");
                cur.lines.put(f[0], new ArrayList<>());
            } else if (cur != null && line.startsWith("-A ")) {
                int sp = line.indexOf(' ', 3);
                String chain = sp < 0 ? line.substring(3) : line.substring(3, sp);
                cur.lines.computeIfAbsent(chain, c -> new ArrayList<>()).add(line);
            }
        }
        List<BaseChain> bases = new ArrayList<>();
        Set<FrontEnd> fronts = EnumSet.noneOf(FrontEnd.class);
        for (Pending t : tables) {
            Map<String, Chain> chains = new HashMap<>();
            for (Map.Entry<String, List<String>> e : t.lines.entrySet()) {
                if (e.getKey().startsWith("ufw")) {
                    fronts.add(FrontEnd.UFW);
                } else if (e.getKey().startsWith("DOCKER")) {
                    fronts.add(FrontEnd.DOCKER);
                }
                chains.put(e.getKey(), chain(t, e.getKey(), e.getValue()));
            }
            for (Map.Entry<String, String> p : t.policies.entrySet()) {
                Integer prio = priority(t.table, p.getKey());
                if (prio == null) {
                    continue;
                }
                Hook hook = Hook.parse(p.getKey());
                Action pa = p.getValue().equals("DROP") ? Action.DROP : Action.ACCEPT;
                RuleRef ref =
                        new RuleRef(backend, family == 4 ? "ip" : "ip6", t.table, p.getKey(), p.getValue(), 0, true);
                bases.add(new BaseChain(
                        hook, prio, family, t.table.equals("nat"), chains.get(p.getKey()), chains, pa, ref));
            }
        }
        return new Ruleset(bases, fronts, notes);
    }

    /** Kernel priorities of the iptables tables on the hooks portdoc follows; null: not on the path. */
    private static Integer priority(String table, String chain) {
        return switch (table + " " + chain) {
            case "raw PREROUTING" -> -300;
            case "mangle PREROUTING", "mangle INPUT", "mangle FORWARD" -> -150;
            case "nat PREROUTING", "nat OUTPUT" -> -100;
            case "filter INPUT", "filter FORWARD" -> 0;
            case "security INPUT", "security FORWARD" -> 50;
            // what this host sends (the client's own firewall); nat OUTPUT / POSTROUTING only rewrite
            case "raw OUTPUT" -> -300;
            case "mangle OUTPUT", "mangle POSTROUTING" -> -150;
            case "filter OUTPUT" -> 0;
            case "security OUTPUT" -> 50;
            default -> null;
        };
    }

    private Chain chain(Pending t, String name, List<String> lines) {
        return new Chain(name, new LazyRules(() -> rules(t, name, lines)));
    }

    private List<Rule> rules(Pending t, String name, List<String> lines) {
        List<Rule> rules = new ArrayList<>(lines.size());
        int n = 0;
        for (String line : lines) {
            n++;
            RuleRef ref = new RuleRef(backend, family == 4 ? "ip" : "ip6", t.table, name, line, n, false);
            try {
                rules.add(rule(tokens(line), t, ref));
            } catch (RuntimeException e) {
                rules.add(new Rule(List.of(ConstMatch.unknown(line)), new Action.Opaque("unparsed rule"), ref));
            }
        }
        return rules;
    }

    /** Splits a line like the shell would ("quoted words" with backslash escapes). */
    static List<String> tokens(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                cur.append(line.charAt(++i));
                any = true;
            } else if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    any = false;
                }
            } else {
                cur.append(c);
                any = true;
            }
        }
        if (any) {
            out.add(cur.toString());
        }
        return out;
    }

    private boolean top(List<String> tok, int i) {
        if (i >= tok.size()) {
            return true;
        }
        String t = tok.get(i);
        return TOP.contains(t) || (t.equals("!") && i + 1 < tok.size() && TOP.contains(tok.get(i + 1)));
    }

    private Rule rule(List<String> tok, Pending table, RuleRef ref) {
        List<Cond> conds = new ArrayList<>();
        Action action = Action.CONTINUE;
        int i = 2; // after "-A CHAIN"
        String proto = null;
        while (i < tok.size()) {
            boolean neg = tok.get(i).equals("!");
            if (neg) {
                i++;
            }
            String opt = tok.get(i++);
            switch (opt) {
                case "-s", "--source" -> conds.add(addr(Key.SADDR, tok.get(i++), neg, opt));
                case "-d", "--destination" -> conds.add(addr(Key.DADDR, tok.get(i++), neg, opt));
                case "-i", "--in-interface" ->
                    conds.add(new KeyMatch(
                            Key.IIFNAME,
                            new Values.Names(Set.of(tok.get(i))),
                            neg,
                            (neg ? "! " : "") + "-i " + tok.get(i++)));
                case "-o", "--out-interface" ->
                    conds.add(new KeyMatch(
                            Key.OIFNAME,
                            new Values.Names(Set.of(tok.get(i))),
                            neg,
                            (neg ? "! " : "") + "-o " + tok.get(i++)));
                case "-p", "--protocol" -> {
                    proto = tok.get(i++).toLowerCase(Locale.ROOT);
                    if (!proto.equals("all") && !proto.equals("0")) {
                        int n = Protocols.number(proto);
                        conds.add(
                                n < 0
                                        ? ConstMatch.unknown("-p " + proto)
                                        : new KeyMatch(
                                                Key.L4PROTO,
                                                new Values.Ints(IntRanges.of(n)),
                                                neg,
                                                (neg ? "! " : "") + "-p " + proto));
                    }
                }
                case "-f", "--fragment" -> conds.add(new ConstMatch(Tri.of(neg), (neg ? "! " : "") + "-f"));
                case "-m", "--match" -> {
                    String module = tok.get(i++);
                    int start = i;
                    while (!top(tok, i)) {
                        i++;
                    }
                    conds.addAll(module(module, tok.subList(start, i)));
                }
                case "-j", "--jump" -> {
                    String target = tok.get(i++);
                    int start = i;
                    while (!top(tok, i)) {
                        i++;
                    }
                    action = target(target, tok.subList(start, i), table);
                }
                case "-g", "--goto" -> action = new Action.Goto(tok.get(i++));
                default -> {
                    // a module option without -m (hand-written "-p tcp --dport 80"): the protocol's module
                    int start = i - 1 - (neg ? 1 : 0);
                    i = start;
                    while (!top(tok, i)) {
                        i++;
                    }
                    conds.addAll(module(proto == null ? "?" : proto, tok.subList(start, i)));
                }
            }
        }
        return new Rule(conds, action, ref);
    }

    private KeyMatch addr(Key key, String value, boolean neg, String opt) {
        AddrMatch.Builder b = new AddrMatch.Builder();
        for (String a : value.split(",")) {
            b.addText(a);
        }
        return new KeyMatch(key, new Values.Addrs(b.build()), neg, (neg ? "! " : "") + opt + " " + value);
    }

    /** A module's options: [!] --name args... */
    private record Opt(boolean neg, String name, List<String> args) {}

    private static List<Opt> opts(List<String> tok) {
        List<Opt> out = new ArrayList<>();
        int i = 0;
        while (i < tok.size()) {
            boolean neg = tok.get(i).equals("!");
            if (neg) {
                i++;
            }
            String name = tok.get(i++);
            List<String> args = new ArrayList<>();
            while (i < tok.size() && !tok.get(i).startsWith("--") && !tok.get(i).equals("!")) {
                args.add(tok.get(i++));
            }
            out.add(new Opt(neg, name, args));
        }
        return out;
    }

    private List<Cond> module(String module, List<String> tok) {
        String text = "-m " + module + (tok.isEmpty() ? "" : " " + String.join(" ", tok));
        List<Cond> out = new ArrayList<>();
        List<Opt> opts = opts(tok);
        switch (module) {
            case "tcp", "udp", "sctp", "dccp", "udplite" -> {
                for (Opt o : opts) {
                    switch (o.name) {
                        case "--dport", "--destination-port" -> out.add(ports(Key.DPORT, o.args.get(0), o.neg, text));
                        case "--sport", "--source-port" -> out.add(ports(Key.SPORT, o.args.get(0), o.neg, text));
                        case "--tcp-flags" ->
                            out.add(new TcpFlagsMatch(flags(o.args.get(0)), flags(o.args.get(1)), o.neg, text));
                        case "--syn" -> out.add(new TcpFlagsMatch(0x17, TcpFlagsMatch.SYN, o.neg, text));
                        default -> out.add(ConstMatch.unknown(text));
                    }
                }
            }
            case "multiport" -> {
                for (Opt o : opts) {
                    String list = o.args.get(0).replace(':', '-');
                    switch (o.name) {
                        case "--dports", "--destination-ports" -> out.add(ports(Key.DPORT, list, o.neg, text));
                        case "--sports", "--source-ports" -> out.add(ports(Key.SPORT, list, o.neg, text));
                        case "--ports" -> {
                            Cond d = ports(Key.DPORT, list, false, text);
                            Cond s = ports(Key.SPORT, list, false, text);
                            Cond either = new OrMatch(List.of(d, s), text);
                            out.add(o.neg ? new NotMatch(either) : either);
                        }
                        default -> out.add(ConstMatch.unknown(text));
                    }
                }
            }
            case "conntrack", "state" -> {
                for (Opt o : opts) {
                    switch (o.name) {
                        case "--ctstate", "--state" ->
                            out.add(new KeyMatch(Key.CTSTATE, names(o.args.get(0)), o.neg, text));
                        case "--ctstatus" -> out.add(new KeyMatch(Key.CTSTATUS, names(o.args.get(0)), o.neg, text));
                        default -> out.add(ConstMatch.unknown(text));
                    }
                }
            }
            case "iprange" -> {
                for (Opt o : opts) {
                    String[] r = o.args.get(0).split("-");
                    Values v = new Values.Addrs(
                            new AddrMatch.Builder().addRangeText(r[0], r[1]).build());
                    switch (o.name) {
                        case "--src-range" -> out.add(new KeyMatch(Key.SADDR, v, o.neg, text));
                        case "--dst-range" -> out.add(new KeyMatch(Key.DADDR, v, o.neg, text));
                        default -> out.add(ConstMatch.unknown(text));
                    }
                }
            }
            case "set" -> {
                for (Opt o : opts) {
                    if (o.name.equals("--match-set")) {
                        out.add(ipset(o.args.get(0), o.args.get(1), o.neg, text));
                    }
                }
            }
            case "addrtype" -> {
                for (Opt o : opts) {
                    if (o.name.equals("--dst-type")) {
                        out.add(new KeyMatch(
                                Key.ADDRTYPE_DST,
                                new Values.Names(Set.of(o.args.get(0).split(","))),
                                o.neg,
                                text));
                    } else if (!o.name.startsWith("--limit-iface")) {
                        out.add(ConstMatch.unknown(text));
                    }
                }
            }
            case "pkttype" ->
                out.add(new KeyMatch(Key.PKTTYPE, names(opts.get(0).args.get(0)), opts.get(0).neg, text));
            case "icmp" -> out.add(new KeyMatch(Key.L4PROTO, new Values.Ints(IntRanges.of(1)), false, text));
            case "icmp6", "icmpv6" ->
                out.add(new KeyMatch(Key.L4PROTO, new Values.Ints(IntRanges.of(58)), false, text));
            // IPv6 extension headers and IPsec: a plain TCP SYN carries none, so these never match
            case "rt", "frag", "hbh", "dst", "ah", "esp", "mh" -> out.add(new ConstMatch(Tri.FALSE, text));
            case "comment" -> {
                // no condition
            }
            case "rpfilter" ->
                out.add(new ConstMatch(Tri.of(opts.stream().noneMatch(o -> o.name.equals("--invert"))), text));
            default -> out.add(ConstMatch.unknown(text));
        }
        return out;
    }

    private static Values.Names names(String list) {
        Set<String> s = new HashSet<>();
        for (String x : list.split(",")) {
            s.add(x.toLowerCase(Locale.ROOT));
        }
        return new Values.Names(s);
    }

    private static int flags(String list) {
        int v = 0;
        for (String f : list.split(",")) {
            v |= TcpFlagsMatch.flag(f);
        }
        return v;
    }

    /** "80", "80:90", "22,80-90" (multiport after ':' became '-'). */
    private static Cond ports(Key key, String spec, boolean neg, String text) {
        List<int[]> rs = new ArrayList<>();
        for (String p : spec.split(",")) {
            String[] r = p.contains(":") ? p.split(":", -1) : p.split("-", -1);
            int lo = r[0].isEmpty() ? 0 : Ports.number(r[0]);
            int hi = r.length > 1 ? (r[1].isEmpty() ? 65535 : Ports.number(r[1])) : lo;
            if (lo < 0 || hi < 0) {
                return ConstMatch.unknown(text);
            }
            rs.add(new int[] {lo, hi});
        }
        return new KeyMatch(key, new Values.Ints(new IntRanges(rs)), neg, text);
    }

    private Cond ipset(String name, String flagList, boolean neg, String text) {
        IpsetParser.IpSet set = ipsets.get(name);
        if (set == null) {
            return ConstMatch.unknown(text + " (set contents not available: ipset list)");
        }
        String[] dirs = flagList.split(",");
        List<String> dims = set.dims();
        List<Key> keys = new ArrayList<>();
        List<Character> kinds = new ArrayList<>();
        for (int d = 0; d < dims.size() && d < dirs.length; d++) {
            boolean src = dirs[d].equals("src");
            switch (dims.get(d)) {
                case "ip", "net" -> {
                    keys.add(src ? Key.SADDR : Key.DADDR);
                    kinds.add('a');
                }
                case "port" -> {
                    keys.add(Key.L4PROTO);
                    keys.add(src ? Key.SPORT : Key.DPORT);
                    kinds.add('p');
                }
                case "iface" -> {
                    keys.add(src ? Key.IIFNAME : Key.OIFNAME);
                    kinds.add('n');
                }
                default -> {
                    return ConstMatch.unknown(text + " (" + set.type() + ")");
                }
            }
        }
        if (keys.size() == 1 && kinds.get(0) == 'a') {
            return new KeyMatch(keys.get(0), new Values.Addrs(addresses(set)), neg, text);
        }
        List<List<Values>> elements = new ArrayList<>();
        for (String m : set.members()) {
            String[] parts = m.split(",");
            List<Values> vs = new ArrayList<>();
            for (int d = 0; d < kinds.size(); d++) {
                String part = parts[d];
                switch (kinds.get(d)) {
                    case 'a' -> vs.add(new Values.Addrs(member(part)));
                    case 'p' -> {
                        int colon = part.indexOf(':');
                        String pr = colon < 0 ? "tcp" : part.substring(0, colon);
                        String port = colon < 0 ? part : part.substring(colon + 1);
                        vs.add(new Values.Ints(IntRanges.of(Protocols.number(pr))));
                        String[] r = port.split("-");
                        vs.add(new Values.Ints(IntRanges.range(Ports.number(r[0]), Ports.number(r[r.length - 1]))));
                    }
                    default -> vs.add(new Values.Names(Set.of(part)));
                }
            }
            elements.add(vs);
        }
        return new ConcatMatch(keys, elements, neg, text);
    }

    private static AddrMatch member(String m) {
        AddrMatch.Builder b = new AddrMatch.Builder();
        int dash = m.indexOf('-');
        if (dash > 0) {
            b.addRangeText(m.substring(0, dash), m.substring(dash + 1));
        } else {
            b.addText(m);
        }
        return b.build();
    }

    private static AddrMatch addresses(IpsetParser.IpSet set) {
        AddrMatch.Builder b = new AddrMatch.Builder();
        for (String m : set.members()) {
            int dash = m.indexOf('-');
            if (dash > 0) {
                b.addRangeText(m.substring(0, dash), m.substring(dash + 1));
            } else {
                b.addText(m);
            }
        }
        AddrMatch all = b.build();
        if (set.nomatch().isEmpty()) {
            return all;
        }
        AddrMatch.Builder ex = new AddrMatch.Builder();
        set.nomatch().forEach(ex::addText);
        AddressSet rest = all.toAddressSet().minus(ex.build().toAddressSet());
        AddrMatch.Builder out = new AddrMatch.Builder();
        rest.toCidrs().forEach(out::addText);
        return out.build();
    }

    private Action target(String target, List<String> tok, Pending table) {
        List<Opt> opts = opts(tok);
        switch (target) {
            case "ACCEPT" -> {
                return Action.ACCEPT;
            }
            case "DROP" -> {
                return Action.DROP;
            }
            case "RETURN" -> {
                return Action.RETURN;
            }
            case "REJECT" -> {
                String with = opts.stream()
                        .filter(o -> o.name.equals("--reject-with"))
                        .map(o -> o.args.get(0))
                        .findFirst()
                        .orElse(family == 4 ? "icmp-port-unreachable" : "icmp6-port-unreachable");
                return new Action.Reject(with, ClientSees.ofReject(with));
            }
            case "DNAT" -> {
                String to = opts.stream()
                        .filter(o -> o.name.equals("--to-destination"))
                        .map(o -> o.args.get(0))
                        .findFirst()
                        .orElse("");
                return dnat(to);
            }
            case "REDIRECT" -> {
                String to = opts.stream()
                        .filter(o -> o.name.equals("--to-ports"))
                        .map(o -> o.args.get(0))
                        .findFirst()
                        .orElse("0");
                String[] range = to.split("[-:]");
                if (range.length > 1 && !range[0].equals(range[1])) {
                    return Action.Dnat.unsupported(true, "port range " + to);
                }
                return new Action.Dnat(null, Integer.parseInt(range[0]), true);
            }
            case "SNAT", "MASQUERADE" -> {
                return Action.ACCEPT;
            }
            default -> {
                if (table.lines.containsKey(target)) {
                    return new Action.Jump(target);
                }
                if (NON_TERMINATING.contains(target)) {
                    return Action.CONTINUE;
                }
                return new Action.Opaque(target);
            }
        }
    }

    /**
     * {@code --to-destination [ipaddr[-ipaddr]][:port[-port]]} (iptables-extensions DNAT; IPv6
     * addresses in brackets when a port follows). A range of more than one address or port lets
     * the kernel choose: unsupported, since portdoc cannot know which one this client gets.
     */
    static Action.Dnat dnat(String to) {
        String addr = to;
        String port = "";
        if (to.startsWith("[")) {
            int close = to.indexOf(']');
            addr = to.substring(1, close);
            if (close + 1 < to.length() && to.charAt(close + 1) == ':') {
                port = to.substring(close + 2);
            }
        } else if (to.indexOf(':') == to.lastIndexOf(':') && to.contains(":")) {
            addr = to.substring(0, to.indexOf(':'));
            port = to.substring(to.indexOf(':') + 1);
        }
        String[] addrs = addr.split("-");
        String[] ports = port.split("-");
        if (addrs.length > 1 && !addrs[0].equals(addrs[1])) {
            return Action.Dnat.unsupported(false, "address range " + addr);
        }
        if (ports.length > 1 && !ports[0].equals(ports[1])) {
            return Action.Dnat.unsupported(false, "port range " + port);
        }
        return new Action.Dnat(
                addrs[0].isEmpty() ? null : addrs[0], ports[0].isEmpty() ? 0 : Integer.parseInt(ports[0]), false);
    }
}
