package io.portdoc.checks.config.apache;

import io.portdoc.core.net.Addresses;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides one GET request from one client against a merged configuration, as httpd 2.4's
 * request.c does: mod_access_compat's check (Order/Allow/Deny), mod_authz_core's
 * {@code apply_authz_sections} (GRANTED / DENIED / DENIED_NO_USER / NEUTRAL, negation,
 * containers; all-neutral is denied, no Require at all is granted), combined by Satisfy.
 */
public final class AccessEvaluator {
    private static final int MAX_UNKNOWNS = 6;

    enum Status {
        GRANTED,
        DENIED,
        DENIED_NO_USER,
        NEUTRAL
    }

    private final Facts facts;

    public AccessEvaluator(Facts facts) {
        this.facts = facts;
    }

    public AccessDecision decide(DirConf conf, InetAddress client) {
        Run first = new Run(client, Map.of());
        AccessDecision.Result r0 = first.decide(conf);
        if (first.unknown.isEmpty()) {
            return first.decision(r0);
        }
        List<String> keys = new ArrayList<>(first.unknown.keySet());
        int n = Math.min(keys.size(), MAX_UNKNOWNS);
        AccessDecision.Result seen = null;
        boolean differs = false;
        for (int combo = 0; combo < (1 << n); combo++) {
            Map<String, Boolean> assume = new HashMap<>();
            for (int i = 0; i < n; i++) {
                assume.put(keys.get(i), (combo >> i & 1) == 1);
            }
            AccessDecision.Result r = new Run(client, assume).decide(conf);
            differs |= seen != null && seen != r;
            seen = r;
        }
        AccessDecision d = first.decision(differs ? AccessDecision.Result.DEPENDS : r0);
        return new AccessDecision(
                d.result(),
                d.trace(),
                differs ? List.copyOf(first.unknown.values()) : List.of(),
                d.dns(),
                d.authTypeSet());
    }

    /** One evaluation under fixed assumptions for what cannot be known. */
    private final class Run {
        final InetAddress client;
        final Map<String, Boolean> assume;
        final Map<String, String> unknown = new LinkedHashMap<>();
        final List<AccessDecision.Step> trace = new ArrayList<>();
        final List<AccessDecision.Step> leaves = new ArrayList<>();
        boolean dns;
        boolean authType;

        Run(InetAddress client, Map<String, Boolean> assume) {
            this.client = client;
            this.assume = assume;
        }

        AccessDecision decision(AccessDecision.Result r) {
            return new AccessDecision(r, trace, List.of(), dns, authType);
        }

        boolean unknownValue(String key, String label) {
            unknown.putIfAbsent(key, label);
            return assume.getOrDefault(key, false);
        }

        AccessDecision.Result decide(DirConf conf) {
            authType = conf.authType() != null;
            Compat compat = conf.compat();
            Compat.Satisfy satisfy = compat == null ? Compat.Satisfy.NOSPEC : compat.satisfy();
            boolean compatOk = compat == null || compat(compat);
            if (satisfy == Compat.Satisfy.ANY) {
                trace.add(new AccessDecision.Step(compat.satisfyDir(), AccessDecision.Why.SATISFY_ANY));
                if (compatOk) {
                    return AccessDecision.Result.GRANTED;
                }
            } else if (!compatOk) {
                if (satisfy == Compat.Satisfy.ALL) {
                    trace.add(new AccessDecision.Step(compat.satisfyDir(), AccessDecision.Why.SATISFY_ALL));
                }
                return AccessDecision.Result.DENIED;
            }
            Authz authz = conf.authz();
            if (authz == null || authz.section() == null) {
                trace.add(new AccessDecision.Step(null, AccessDecision.Why.NO_REQUIRE));
                return AccessDecision.Result.GRANTED;
            }
            Status s = node(authz.section(), Authz.Op.AND);
            AccessDecision.Why why = switch (s) {
                case GRANTED -> AccessDecision.Why.REQUIRE_GRANTED;
                case DENIED -> AccessDecision.Why.REQUIRE_DENIED;
                case DENIED_NO_USER -> AccessDecision.Why.REQUIRE_LOGIN;
                case NEUTRAL -> AccessDecision.Why.REQUIRE_NEUTRAL;
            };
            List<AccessDecision.Step> deciding =
                    leaves.stream().filter(l -> l.why() == why).toList();
            trace.addAll(deciding.isEmpty() ? leaves : deciding);
            return switch (s) {
                case GRANTED -> AccessDecision.Result.GRANTED;
                case DENIED_NO_USER -> AccessDecision.Result.LOGIN;
                default -> AccessDecision.Result.DENIED;
            };
        }

        /** mod_access_compat check_dir_access, recording the lines that decided. */
        boolean compat(Compat c) {
            Compat.Rule allow = first(c.allows());
            Compat.Rule deny = first(c.denies());
            trace.add(new AccessDecision.Step(
                    c.orderDir(), c.orderDir() == null ? AccessDecision.Why.DEFAULT_ORDER : AccessDecision.Why.ORDER));
            if (allow != null) {
                trace.add(new AccessDecision.Step(allow.dir(), AccessDecision.Why.ALLOW_MATCHED));
            }
            if (deny != null) {
                trace.add(new AccessDecision.Step(deny.dir(), AccessDecision.Why.DENY_MATCHED));
            }
            return switch (c.order()) {
                case DENY_ALLOW -> deny == null || allow != null;
                case ALLOW_DENY, MUTUAL_FAILURE -> {
                    if (allow == null) {
                        trace.add(new AccessDecision.Step(c.orderDir(), AccessDecision.Why.NO_ALLOW_MATCHED));
                    }
                    yield allow != null && deny == null;
                }
            };
        }

        Compat.Rule first(List<Compat.Rule> rules) {
            for (Compat.Rule r : rules) {
                if (matches(r)) {
                    return r;
                }
            }
            return null;
        }

        boolean matches(Compat.Rule r) {
            HostEntry e = r.entry();
            if (e instanceof HostEntry.All) {
                return true;
            }
            if (e instanceof HostEntry.Ip ip) {
                return ip.pattern().matches(client);
            }
            if (e instanceof HostEntry.Named named) {
                return named.set().contains(client);
            }
            if (e instanceof HostEntry.Host h) {
                dns = true;
                return facts.doubleReverse(client)
                        .map(n -> Facts.inDomain(h.name(), n))
                        .orElse(false);
            }
            HostEntry.Env env = (HostEntry.Env) e;
            Boolean set = facts.env(env.variable(), client);
            boolean v = set != null ? set : unknownValue("env:" + env.variable(), "env=" + env.variable());
            return env.negated() != v;
        }

        Status node(Authz.Node n, Authz.Op parent) {
            if (!n.forGet()) {
                return parent == Authz.Op.AND ? Status.GRANTED : Status.NEUTRAL;
            }
            Status s;
            if (n instanceof Authz.Leaf leaf) {
                s = provider(leaf);
            } else {
                Authz.Container c = (Authz.Container) n;
                s = Status.NEUTRAL;
                for (Authz.Node child : c.children()) {
                    Status cs = node(child, c.op());
                    if (cs == Status.NEUTRAL) {
                        continue;
                    }
                    if (c.op() == Authz.Op.AND) {
                        if (cs == Status.DENIED) {
                            s = cs;
                            break;
                        }
                        if ((cs == Status.DENIED_NO_USER && s != Status.DENIED) || s == Status.NEUTRAL) {
                            s = cs;
                        }
                    } else {
                        if (cs == Status.GRANTED) {
                            s = cs;
                            break;
                        }
                        if ((cs == Status.DENIED_NO_USER && s == Status.DENIED) || s == Status.NEUTRAL) {
                            s = cs;
                        }
                    }
                }
            }
            if (n.negate()) {
                s = s == Status.GRANTED
                        ? Status.DENIED
                        : s == Status.DENIED || s == Status.DENIED_NO_USER ? Status.NEUTRAL : s;
            }
            if (n instanceof Authz.Leaf) {
                leaves.add(new AccessDecision.Step(
                        n.dir(),
                        switch (s) {
                            case GRANTED -> AccessDecision.Why.REQUIRE_GRANTED;
                            case DENIED -> AccessDecision.Why.REQUIRE_DENIED;
                            case DENIED_NO_USER -> AccessDecision.Why.REQUIRE_LOGIN;
                            case NEUTRAL -> AccessDecision.Why.REQUIRE_NEUTRAL;
                        }));
            }
            return s;
        }

        Status provider(Authz.Leaf l) {
            boolean granted = switch (l.provider()) {
                case "all" -> l.args().get(0).equalsIgnoreCase("granted");
                case "ip" -> l.ips().stream().anyMatch(p -> p.matches(client));
                case "local" -> facts.localSet().contains(client);
                case "host" -> {
                    dns = true;
                    yield facts.doubleReverse(client)
                            .map(name -> l.args().stream().anyMatch(d -> Facts.inDomain(d, name)))
                            .orElse(false);
                }
                case "forward-dns" -> {
                    dns = true;
                    yield l.args().stream()
                            .anyMatch(name -> facts.resolve(name).stream()
                                    .anyMatch(a -> Addresses.unmap(a).equals(Addresses.unmap(client))));
                }
                case "env" -> {
                    boolean any = false;
                    for (String v : l.args()) {
                        Boolean set = facts.env(v, client);
                        any |= set != null ? set : unknownValue("env:" + v, "env=" + v);
                    }
                    yield any;
                }
                case "method" -> l.args().stream().anyMatch(m -> m.equals("GET"));
                default -> {
                    if (SectionReader.isLoginProvider(l.provider())) {
                        yield false;
                    }
                    yield unknownValue("require:" + l.dir().loc(), l.dir().text());
                }
            };
            if (!granted && SectionReader.isLoginProvider(l.provider().toLowerCase(Locale.ROOT))) {
                return Status.DENIED_NO_USER;
            }
            return granted ? Status.GRANTED : Status.DENIED;
        }
    }
}
