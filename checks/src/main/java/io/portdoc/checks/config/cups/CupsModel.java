package io.portdoc.checks.config.cups;

import io.portdoc.checks.config.apache.Authz;
import io.portdoc.checks.config.apache.Compat;
import io.portdoc.checks.config.apache.DirConf;
import io.portdoc.checks.config.apache.Directive;
import io.portdoc.checks.config.apache.HostEntry;
import io.portdoc.checks.config.apache.IpPattern;
import io.portdoc.checks.config.apache.Listen;
import io.portdoc.checks.config.apache.ParsedConfig;
import io.portdoc.checks.config.apache.Problem;
import io.portdoc.core.net.AddressSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * cupsd.conf read into the same access model as Apache: each {@code <Location>} becomes an
 * Order/Allow/Deny configuration (CUPS's grammar: {@code from} optional, {@code all},
 * {@code none}, {@code @LOCAL}, {@code @IF(name)}, {@code *.domain}, {@code 10.0.*},
 * {@code [v6]/nn}), with authentication when AuthType or Require asks for a user. Unlike
 * Apache, CUPS does not merge locations: the longest matching path wins alone, and a client
 * on loopback (hostname "localhost") is always let in.
 */
public final class CupsModel {
    /** One {@code <Location /path>} and its rules; {@code login} when a user must authenticate. */
    public record Location(String path, DirConf conf, boolean login, Directive dir) {}

    private final List<Listen> listens;
    private final List<Location> locations;
    private final List<Problem> problems;

    private CupsModel(List<Listen> listens, List<Location> locations, List<Problem> problems) {
        this.listens = List.copyOf(listens);
        this.locations = List.copyOf(locations);
        this.problems = List.copyOf(problems);
    }

    public List<Listen> listens() {
        return listens;
    }

    public List<Location> locations() {
        return locations;
    }

    public List<Problem> problems() {
        return problems;
    }

    public static CupsModel build(ParsedConfig pc, LocalSubnets subnets) {
        List<Listen> listens = new ArrayList<>();
        List<Location> locs = new ArrayList<>();
        List<Problem> problems = new ArrayList<>(pc.problems());
        for (Directive d : pc.directives()) {
            switch (d.lower()) {
                case "port", "sslport" -> {
                    Listen l = Listen.parse(d.arg(0), d);
                    if (l == null) {
                        problems.add(Problem.notUnderstood(d.loc(), d.text()));
                    } else {
                        listens.add(l);
                    }
                }
                case "listen", "ssllisten" -> {
                    if (d.arg(0).startsWith("/")) {
                        continue; // a unix-domain socket: local clients only, nothing to check
                    }
                    Listen l = Listen.parse(d.arg(0), d);
                    if (l == null && d.arg(0).matches("[^:]+")) {
                        l = new Listen(d.arg(0), 631, d); // a host name without port: the IPP port
                    }
                    if (l == null) {
                        problems.add(Problem.notUnderstood(d.loc(), d.text()));
                    } else {
                        listens.add(l);
                    }
                }
                case "location" -> locs.add(location(d, subnets, problems));
                default -> {}
            }
        }
        return new CupsModel(listens, locs, problems);
    }

    private static Location location(Directive d, LocalSubnets subnets, List<Problem> problems) {
        Compat.Order order = Compat.Order.DENY_ALLOW; // CUPS's default (order_type 0 = CUPSD_AUTH_ALLOW)
        Directive orderDir = null;
        Compat.Satisfy satisfy = Compat.Satisfy.NOSPEC;
        Directive satisfyDir = null;
        List<Compat.Rule> allows = new ArrayList<>();
        List<Compat.Rule> denies = new ArrayList<>();
        boolean login = false;
        Directive loginDir = null;
        for (Directive c : d.children()) {
            switch (c.lower()) {
                case "order" -> {
                    String v = c.arg(0).toLowerCase(Locale.ROOT);
                    if (v.startsWith("deny")) {
                        order = Compat.Order.DENY_ALLOW;
                    } else if (v.startsWith("allow")) {
                        order = Compat.Order.ALLOW_DENY;
                    } else {
                        problems.add(Problem.refused(c.loc(), "Unknown Order value " + c.arg(0)));
                    }
                    orderDir = c;
                }
                case "allow", "deny" -> {
                    List<String> words = new ArrayList<>(c.args());
                    if (!words.isEmpty() && words.get(0).equalsIgnoreCase("from")) {
                        words.remove(0);
                    }
                    for (String w : words) {
                        HostEntry e = entry(w, subnets);
                        if (e == null) {
                            problems.add(Problem.refused(c.loc(), "Bad netmask value " + w));
                        } else {
                            (c.is("allow") ? allows : denies).add(new Compat.Rule(c, e));
                        }
                    }
                }
                case "satisfy" -> {
                    satisfy = c.arg(0).equalsIgnoreCase("any") ? Compat.Satisfy.ANY : Compat.Satisfy.ALL;
                    satisfyDir = c;
                }
                case "authtype", "require" -> {
                    if (!(c.is("authtype") && c.arg(0).equalsIgnoreCase("none"))) {
                        login = true;
                        loginDir = c;
                    }
                }
                default -> {}
            }
        }
        Compat compat = new Compat(order, orderDir, allows, denies, satisfy, satisfyDir);
        Authz authz = null;
        if (login) { // CUPS asks for a user: the same as Apache's Require valid-user
            Authz.Leaf user = new Authz.Leaf("valid-user", List.of(), false, loginDir, List.of(), true);
            authz = new Authz(new Authz.Container(Authz.Op.OR, false, List.of(user), null), Authz.Merging.UNSET, null);
        }
        return new Location(d.arg(0), new DirConf(compat, authz, login ? loginDir : null), login, d);
    }

    /** parse_aaa's address forms; null when CUPS would reject the value. */
    static HostEntry entry(String w, LocalSubnets subnets) {
        String lw = w.toLowerCase(Locale.ROOT);
        if (lw.equals("all")) {
            return new HostEntry.All();
        }
        if (lw.equals("none")) {
            return new HostEntry.Named("none", AddressSet.EMPTY);
        }
        if (lw.equals("@local")) {
            return new HostEntry.Named("@LOCAL", subnets.all());
        }
        if (lw.startsWith("@if(") && lw.endsWith(")")) {
            return new HostEntry.Named(w, subnets.of(w.substring(4, w.length() - 1)));
        }
        if (w.startsWith("*") || w.startsWith(".") || (!Character.isDigit(w.charAt(0)) && w.charAt(0) != '[')) {
            return new HostEntry.Host(w.startsWith("*") ? w.substring(1) : w);
        }
        String ip = w.replace("[", "").replace("]", "");
        if (ip.endsWith(".*")) {
            ip = ip.substring(0, ip.length() - 2);
        }
        IpPattern.Result r = IpPattern.parse(ip);
        return r instanceof IpPattern.Ok ok ? new HostEntry.Ip(ok.pattern()) : null;
    }

    /** cupsdFindBest: the location whose path is the longest prefix of {@code uri}. */
    public Location best(String uri) {
        Location best = null;
        for (Location l : locations) {
            if (uri.startsWith(l.path())
                    && (best == null || l.path().length() > best.path().length())) {
                best = l;
            }
        }
        return best;
    }
}
