package io.portdoc.checks.config.apache;

import io.portdoc.core.net.AddressSet;
import io.portdoc.core.net.Addresses;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is let in, as address sets: the same rules as {@link AccessEvaluator}, computed for every
 * client at once. Conditions that are not a function of the address (an environment variable
 * from request headers, a reverse-DNS domain, {@code Require expr}) are tried both ways: the
 * {@code sure} set is let in whatever they are, {@code possible} under some.
 * {@code names} maps a label ({@code localhost}, {@code local}) to the addresses it stands for,
 * so that the answer reads like the configuration ("10.0.0.0/24, localhost").
 */
public final class Admission {
    private static final int MAX_UNKNOWNS = 8;

    /** The answer. {@code login}: let in after authentication. {@code conditions}: labels of what was tried both ways. */
    public record Result(
            AddressSet sure,
            AddressSet possible,
            AddressSet login,
            Map<String, AddressSet> names,
            List<String> conditions,
            boolean dns) {}

    /** A four-way split of the address space (mod_authz_core's statuses). */
    private record Part(AddressSet granted, AddressSet denied, AddressSet noUser, AddressSet neutral) {
        static Part of(AddressSet granted) {
            return new Part(granted, granted.complement(), AddressSet.EMPTY, AddressSet.EMPTY);
        }

        static final Part NEUTRAL = new Part(AddressSet.EMPTY, AddressSet.EMPTY, AddressSet.EMPTY, AddressSet.ALL);
        static final Part NO_USER = new Part(AddressSet.EMPTY, AddressSet.EMPTY, AddressSet.ALL, AddressSet.EMPTY);
    }

    private final Facts facts;

    public Admission(Facts facts) {
        this.facts = facts;
    }

    public Result admitted(DirConf conf) {
        Run first = new Run(Map.of());
        AddressSet[] r0 = first.run(conf);
        List<String> keys = new ArrayList<>(first.unknown.keySet());
        int n = Math.min(keys.size(), MAX_UNKNOWNS);
        AddressSet sure = r0[0];
        AddressSet possible = r0[0];
        AddressSet login = r0[1];
        for (int combo = 1; combo < (1 << n); combo++) {
            Map<String, Boolean> assume = new HashMap<>();
            for (int i = 0; i < n; i++) {
                assume.put(keys.get(i), (combo >> i & 1) == 1);
            }
            AddressSet[] r = new Run(assume).run(conf);
            sure = sure.intersect(r[0]);
            possible = possible.union(r[0]);
            login = login.union(r[1]);
        }
        return new Result(
                sure, possible, login.minus(sure), first.names, List.copyOf(first.unknown.values()), first.dns);
    }

    private final class Run {
        final Map<String, Boolean> assume;
        final Map<String, String> unknown = new LinkedHashMap<>();
        final Map<String, AddressSet> names = new LinkedHashMap<>();
        boolean dns;

        Run(Map<String, Boolean> assume) {
            this.assume = assume;
        }

        AddressSet unknownSet(String key, String label) {
            unknown.putIfAbsent(key, label);
            return assume.getOrDefault(key, false) ? AddressSet.ALL : AddressSet.EMPTY;
        }

        /** [granted, login]. */
        AddressSet[] run(DirConf conf) {
            Compat compat = conf.compat();
            AddressSet ok = compat == null ? AddressSet.ALL : compat(compat);
            Compat.Satisfy satisfy = compat == null ? Compat.Satisfy.NOSPEC : compat.satisfy();
            Part p = conf.authz() == null || conf.authz().section() == null
                    ? Part.of(AddressSet.ALL)
                    : node(conf.authz().section(), Authz.Op.AND);
            if (satisfy == Compat.Satisfy.ANY) {
                return new AddressSet[] {ok.union(p.granted()), p.noUser().minus(ok)};
            }
            return new AddressSet[] {ok.intersect(p.granted()), ok.intersect(p.noUser())};
        }

        AddressSet compat(Compat c) {
            AddressSet allow = AddressSet.EMPTY;
            for (Compat.Rule r : c.allows()) {
                allow = allow.union(entry(r.entry()));
            }
            AddressSet deny = AddressSet.EMPTY;
            for (Compat.Rule r : c.denies()) {
                deny = deny.union(entry(r.entry()));
            }
            return c.order() == Compat.Order.DENY_ALLOW ? deny.complement().union(allow) : allow.minus(deny);
        }

        AddressSet entry(HostEntry e) {
            if (e instanceof HostEntry.All) {
                return AddressSet.ALL;
            }
            if (e instanceof HostEntry.Ip ip) {
                return ip.pattern().toSet();
            }
            if (e instanceof HostEntry.Named named) {
                names.putIfAbsent(named.label(), named.set());
                return named.set();
            }
            if (e instanceof HostEntry.Host h) {
                return host(h.name());
            }
            HostEntry.Env env = (HostEntry.Env) e;
            AddressSet set = env(env.variable());
            return env.negated() ? set.complement() : set;
        }

        AddressSet env(String variable) {
            List<SetEnvRule> rules = facts.rulesFor(variable);
            if (rules.isEmpty()) {
                return AddressSet.EMPTY; // nothing sets it before the access check
            }
            Directive d = rules.get(0).dir();
            return unknownSet("env:" + variable, "env=" + variable + " (" + d.text() + " at " + d.loc() + ")");
        }

        /** Addresses whose double-reverse name is in {@code domain}: the ones we can confirm, plus, for real domains, anyone. */
        AddressSet host(String domain) {
            dns = true;
            AddressSet known = AddressSet.EMPTY;
            for (InetAddress a : facts.resolve(domain)) {
                if (facts.doubleReverse(a).map(n -> Facts.inDomain(domain, n)).orElse(false)) {
                    known = known.union(AddressSet.of(Addresses.unmap(a)));
                }
            }
            if (!known.isEmpty()) {
                names.putIfAbsent(domain, known);
            }
            return Facts.localName(domain) ? known : known.union(unknownSet("host:" + domain, domain));
        }

        Part node(Authz.Node n, Authz.Op parent) {
            if (!n.forGet()) {
                return parent == Authz.Op.AND ? Part.of(AddressSet.ALL) : Part.NEUTRAL;
            }
            Part s;
            if (n instanceof Authz.Leaf leaf) {
                s = provider(leaf);
            } else {
                Authz.Container c = (Authz.Container) n;
                s = Part.NEUTRAL;
                for (Authz.Node child : c.children()) {
                    s = c.op() == Authz.Op.AND ? and(s, node(child, c.op())) : or(s, node(child, c.op()));
                }
            }
            if (n.negate()) {
                s = new Part(
                        AddressSet.EMPTY,
                        s.granted(),
                        AddressSet.EMPTY,
                        s.neutral().union(s.denied()).union(s.noUser()));
            }
            return s;
        }

        /** apply_authz_sections' AND step for every address at once. */
        Part and(Part r, Part c) {
            AddressSet keep = c.neutral();
            AddressSet denied = r.denied().union(c.denied());
            AddressSet noUser = c.noUser().minus(r.denied()).union(r.noUser().intersect(keep.union(c.granted())));
            AddressSet granted =
                    r.neutral().intersect(c.granted()).union(r.granted().intersect(keep.union(c.granted())));
            return new Part(granted, denied, noUser, r.neutral().intersect(keep));
        }

        /** The OR step. */
        Part or(Part r, Part c) {
            AddressSet keep = c.neutral();
            AddressSet granted = r.granted().union(c.granted());
            AddressSet noUser = c.noUser().minus(r.granted()).union(r.noUser().intersect(keep.union(c.denied())));
            AddressSet denied =
                    r.neutral().intersect(c.denied()).union(r.denied().intersect(keep.union(c.denied())));
            return new Part(granted, denied, noUser, r.neutral().intersect(keep));
        }

        Part provider(Authz.Leaf l) {
            return switch (l.provider()) {
                case "all" -> Part.of(l.args().get(0).equalsIgnoreCase("granted") ? AddressSet.ALL : AddressSet.EMPTY);
                case "ip" -> {
                    AddressSet s = AddressSet.EMPTY;
                    for (IpPattern p : l.ips()) {
                        s = s.union(p.toSet());
                    }
                    yield Part.of(s);
                }
                case "local" -> {
                    names.putIfAbsent("local", facts.localSet());
                    yield Part.of(facts.localSet());
                }
                case "host" -> {
                    AddressSet s = AddressSet.EMPTY;
                    for (String d : l.args()) {
                        s = s.union(host(d));
                    }
                    yield Part.of(s);
                }
                case "forward-dns" -> {
                    dns = true;
                    AddressSet s = AddressSet.EMPTY;
                    for (String name : l.args()) {
                        for (InetAddress a : facts.resolve(name)) {
                            s = s.union(AddressSet.of(Addresses.unmap(a)));
                        }
                        names.putIfAbsent(name, s);
                    }
                    yield Part.of(s);
                }
                case "env" -> {
                    AddressSet s = AddressSet.EMPTY;
                    for (String v : l.args()) {
                        s = s.union(env(v));
                    }
                    yield Part.of(s);
                }
                case "method" -> Part.of(l.args().contains("GET") ? AddressSet.ALL : AddressSet.EMPTY);
                default ->
                    SectionReader.isLoginProvider(l.provider())
                            ? Part.NO_USER
                            : Part.of(unknownSet(
                                    "require:" + l.dir().loc(), l.dir().text()));
            };
        }
    }
}
