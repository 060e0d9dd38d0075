package io.portdoc.checks.config.sshd;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * sshd's own evaluation, done from the files (servconf.c): at global level the first value of a
 * single-valued keyword wins, Port and ListenAddress add up, AllowUsers / DenyUsers / AllowGroups /
 * DenyGroups lines add up; entries from every Match block that applies add up too and replace the
 * global list of the same keyword (copy_set_server_options: a list set in Match replaces).
 */
public final class SshdModel {
    private final SshdConfig config;
    private final List<Integer> ports = new ArrayList<>();
    private final String family;
    private final boolean useDns;
    private final List<Settings.Listen> listens;
    private final Lists global = new Lists();
    /** Each Match block with the access-list lines in it, in reading order: evaluated once per connection. */
    private final Map<MatchBlock, Lists> blocks = new LinkedHashMap<>();
    /** The blocks with their address criteria compiled once (who-gets-in tests a thousand addresses). */
    private final List<Block> compiled = new ArrayList<>();

    private record Block(MatchBlock match, Lists lists, SshPatterns.V4List[] v4) {}

    public SshdModel(SshdConfig config) {
        this.config = config;
        for (Line l : config.global("port")) {
            for (String a : l.args()) {
                ports.add(parsePort(a));
            }
        }
        if (ports.isEmpty()) {
            ports.add(22);
        }
        family = first("addressfamily", "any");
        useDns = first("usedns", "no").equals("yes");
        listens = listens(ports, family);
        for (Line l : config.lines()) {
            if (l.block() == null) {
                global.add(l);
            } else {
                blocks.computeIfAbsent(l.block(), b -> new Lists()).add(l);
            }
        }
        for (MatchBlock b : blocks.keySet()) {
            SshPatterns.V4List[] v = new SshPatterns.V4List[b.criteria().size()];
            for (int i = 0; i < v.length; i++) {
                MatchBlock.Criterion k = b.criteria().get(i);
                if (k.kind() == MatchBlock.Kind.ADDRESS) {
                    v[i] = SshPatterns.compileV4(k.patterns());
                }
            }
            compiled.add(new Block(b, blocks.get(b), v));
        }
    }

    /** True when no Match line tests the user or its groups: the settings then depend on the address only. */
    public boolean userIndependent() {
        return blocks.keySet().stream()
                .noneMatch(b -> b.mentions(MatchBlock.Kind.USER) || b.mentions(MatchBlock.Kind.GROUP));
    }

    public SshdConfig config() {
        return config;
    }

    public Settings settings(Conn c) {
        List<String> notEvaluated = new ArrayList<>();
        Lists matched = new Lists();
        long v4 = c.addr() instanceof Inet4Address ? SshPatterns.v4(c.addr()) : -1;
        for (Block b : compiled) {
            if (!b.lists().isEmpty() && fastAddress(b, c, v4) && applies(b.match(), c, notEvaluated)) {
                matched.addAll(b.lists());
            }
        }
        return new Settings(
                ports,
                listens,
                family,
                useDns,
                pick(matched.allowUsers, global.allowUsers),
                pick(matched.denyUsers, global.denyUsers),
                pick(matched.allowGroups, global.allowGroups),
                pick(matched.denyGroups, global.denyGroups),
                List.copyOf(new LinkedHashSet<>(notEvaluated)));
    }

    private static List<Rule> pick(List<Rule> fromMatch, List<Rule> global) {
        return fromMatch.isEmpty() ? global : fromMatch;
    }

    private String first(String keyword, String dflt) {
        List<Line> ls = config.global(keyword);
        return ls.isEmpty() || ls.get(0).args().isEmpty()
                ? dflt
                : ls.get(0).args().get(0).toLowerCase(Locale.ROOT);
    }

    static int parsePort(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private List<Settings.Listen> listens(List<Integer> ports, String family) {
        List<Settings.Listen> out = new ArrayList<>();
        for (Line l : config.global("listenaddress")) {
            if (l.args().isEmpty()) {
                continue;
            }
            String a = l.args().get(0);
            String host = a;
            Integer port = null;
            if (a.startsWith("[") && a.contains("]")) {
                host = a.substring(1, a.indexOf(']'));
                String rest = a.substring(a.indexOf(']') + 1);
                port = rest.startsWith(":") ? parsePort(rest.substring(1)) : null;
            } else if (a.indexOf(':') > 0 && a.indexOf(':') == a.lastIndexOf(':')) {
                host = a.substring(0, a.indexOf(':'));
                port = parsePort(a.substring(a.indexOf(':') + 1));
            }
            if (port != null) {
                out.add(new Settings.Listen(host, port, l.loc()));
            } else {
                for (int p : ports) {
                    out.add(new Settings.Listen(host, p, l.loc()));
                }
            }
        }
        if (out.isEmpty()) {
            for (int p : ports) {
                if (!family.equals("inet")) {
                    out.add(new Settings.Listen("::", p, null));
                }
                if (!family.equals("inet6")) {
                    out.add(new Settings.Listen("0.0.0.0", p, null));
                }
            }
        }
        return out;
    }

    /** False when a compiled Address criterion already rules the block out (the common case, cheaply). */
    private static boolean fastAddress(Block b, Conn c, long v4) {
        if (v4 < 0) {
            return true;
        }
        SshPatterns.V4List[] v = b.v4();
        for (int i = 0; i < v.length; i++) {
            if (v[i] != null && v[i].match(v4, c.addr()) != SshPatterns.MATCH) {
                return false;
            }
        }
        return true;
    }

    /** match_cfg_line(): every criterion must match; Group and RDomain are not known here and do not match. */
    static boolean applies(MatchBlock b, Conn c, List<String> notEvaluated) {
        if (b.criteria().isEmpty()) {
            return false;
        }
        for (MatchBlock.Criterion k : b.criteria()) {
            boolean hit = switch (k.kind()) {
                case ALL -> true;
                case USER -> c.user() != null && SshPatterns.list(c.user(), k.patterns(), false) == SshPatterns.MATCH;
                case HOST -> c.host() != null && SshPatterns.list(c.host(), k.patterns(), true) == SshPatterns.MATCH;
                case ADDRESS -> c.addr() != null && SshPatterns.addresses(c.addr(), k.patterns()) == SshPatterns.MATCH;
                case LOCALADDRESS ->
                    c.laddr() != null && SshPatterns.addresses(c.laddr(), k.patterns()) == SshPatterns.MATCH;
                case LOCALPORT ->
                    c.lport() > 0
                            && SshPatterns.list(Integer.toString(c.lport()), k.patterns(), false) == SshPatterns.MATCH;
                case GROUP, RDOMAIN -> {
                    notEvaluated.add(b.loc() + ": " + b.text());
                    yield false;
                }
            };
            if (!hit) {
                return false;
            }
        }
        return true;
    }

    /** Every address pattern the config tests a client address with (Match Address, USER@HOST entries). */
    public Set<String> addressPatterns() {
        Set<String> out = new LinkedHashSet<>();
        for (MatchBlock b : config.blocks()) {
            for (MatchBlock.Criterion k : b.criteria()) {
                if (k.kind() == MatchBlock.Kind.ADDRESS || k.kind() == MatchBlock.Kind.HOST) {
                    for (String e : k.patterns().split(",")) {
                        out.add(e.startsWith("!") ? e.substring(1) : e);
                    }
                }
            }
        }
        for (Line l : config.lines()) {
            if (l.keyword().equals("allowusers") || l.keyword().equals("denyusers")) {
                for (String a : l.args()) {
                    int at = a.indexOf('@');
                    if (at >= 0) {
                        for (String e : a.substring(at + 1).split(",")) {
                            out.add(e.startsWith("!") ? e.substring(1) : e);
                        }
                    }
                }
            }
        }
        return out;
    }

    private Set<String> namedUsers;

    /** User names the config names without wildcards (AllowUsers, DenyUsers, Match User), in order. */
    public Set<String> namedUsers() {
        if (namedUsers == null) {
            namedUsers = Collections.unmodifiableSet(collectNamedUsers());
        }
        return namedUsers;
    }

    private Set<String> collectNamedUsers() {
        Set<String> out = new LinkedHashSet<>();
        for (Line l : config.lines()) {
            if (l.keyword().equals("allowusers") || l.keyword().equals("denyusers")) {
                for (String a : l.args()) {
                    String u = a.indexOf('@') >= 0 ? a.substring(0, a.indexOf('@')) : a;
                    if (!u.isEmpty() && u.indexOf('*') < 0 && u.indexOf('?') < 0) {
                        out.add(u);
                    }
                }
            }
        }
        for (MatchBlock b : config.blocks()) {
            for (MatchBlock.Criterion k : b.criteria()) {
                if (k.kind() == MatchBlock.Kind.USER) {
                    for (String e : k.patterns().split(",")) {
                        String u = e.startsWith("!") ? e.substring(1) : e;
                        if (!u.isEmpty() && u.indexOf('*') < 0 && u.indexOf('?') < 0) {
                            out.add(u);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The four access lists, in reading order. */
    private static final class Lists {
        final List<Rule> allowUsers = new ArrayList<>();
        final List<Rule> denyUsers = new ArrayList<>();
        final List<Rule> allowGroups = new ArrayList<>();
        final List<Rule> denyGroups = new ArrayList<>();

        boolean isEmpty() {
            return allowUsers.isEmpty() && denyUsers.isEmpty() && allowGroups.isEmpty() && denyGroups.isEmpty();
        }

        void addAll(Lists o) {
            allowUsers.addAll(o.allowUsers);
            denyUsers.addAll(o.denyUsers);
            allowGroups.addAll(o.allowGroups);
            denyGroups.addAll(o.denyGroups);
        }

        void add(Line l) {
            List<Rule> to = switch (l.keyword()) {
                case "allowusers" -> allowUsers;
                case "denyusers" -> denyUsers;
                case "allowgroups" -> allowGroups;
                case "denygroups" -> denyGroups;
                default -> null;
            };
            if (to != null) {
                String name = switch (l.keyword()) {
                    case "allowusers" -> "AllowUsers";
                    case "denyusers" -> "DenyUsers";
                    case "allowgroups" -> "AllowGroups";
                    default -> "DenyGroups";
                };
                for (String a : l.args()) {
                    to.add(new Rule(name, a, l.loc(), l.text()));
                }
            }
        }
    }
}
