package io.portdoc.checks.config.nginx;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The parts of an nginx configuration that decide who gets in: the {@code http} and
 * {@code stream} levels, their servers with listen sockets, and the locations. Directives are
 * checked as {@code ngx_conf_handler} checks them (context, block or not, argument count) for the
 * ones portdoc reads; the first error, in nginx's words, is {@link #refusal()}: nginx would not start.
 */
public final class NginxModel {
    enum Ctx {
        MAIN,
        EVENTS,
        HTTP,
        SERVER,
        LOCATION,
        IF,
        LIMIT_EXCEPT,
        STREAM,
        STREAM_SERVER,
        OTHER
    }

    /** Where a directive may stand, whether it has a block, and its argument counts (nginx's command table). */
    private record Rule(Set<Ctx> where, boolean block, int min, int max) {}

    private static final Set<Ctx> HTTP_ANY = EnumSet.of(Ctx.HTTP, Ctx.SERVER, Ctx.LOCATION);
    private static final Map<String, Rule> RULES = Map.ofEntries(
            Map.entry("events", new Rule(EnumSet.of(Ctx.MAIN), true, 0, 0)),
            Map.entry("http", new Rule(EnumSet.of(Ctx.MAIN), true, 0, 0)),
            Map.entry("stream", new Rule(EnumSet.of(Ctx.MAIN), true, 0, 0)),
            Map.entry("server", new Rule(EnumSet.of(Ctx.HTTP, Ctx.STREAM), true, 0, 0)),
            Map.entry("location", new Rule(EnumSet.of(Ctx.SERVER, Ctx.LOCATION), true, 1, 2)),
            Map.entry("listen", new Rule(EnumSet.of(Ctx.SERVER, Ctx.STREAM_SERVER), false, 1, 99)),
            Map.entry("server_name", new Rule(EnumSet.of(Ctx.SERVER), false, 0, 9999)),
            Map.entry(
                    "allow",
                    new Rule(
                            EnumSet.of(
                                    Ctx.HTTP,
                                    Ctx.SERVER,
                                    Ctx.LOCATION,
                                    Ctx.LIMIT_EXCEPT,
                                    Ctx.STREAM,
                                    Ctx.STREAM_SERVER),
                            false,
                            1,
                            1)),
            Map.entry(
                    "deny",
                    new Rule(
                            EnumSet.of(
                                    Ctx.HTTP,
                                    Ctx.SERVER,
                                    Ctx.LOCATION,
                                    Ctx.LIMIT_EXCEPT,
                                    Ctx.STREAM,
                                    Ctx.STREAM_SERVER),
                            false,
                            1,
                            1)),
            Map.entry("satisfy", new Rule(HTTP_ANY, false, 1, 1)),
            Map.entry(
                    "auth_basic",
                    new Rule(EnumSet.of(Ctx.HTTP, Ctx.SERVER, Ctx.LOCATION, Ctx.LIMIT_EXCEPT), false, 1, 1)),
            Map.entry("auth_request", new Rule(HTTP_ANY, false, 1, 1)),
            Map.entry("return", new Rule(EnumSet.of(Ctx.SERVER, Ctx.LOCATION, Ctx.IF, Ctx.STREAM_SERVER), false, 1, 2)),
            Map.entry("if", new Rule(EnumSet.of(Ctx.SERVER, Ctx.LOCATION), true, 1, 99)),
            Map.entry("limit_except", new Rule(EnumSet.of(Ctx.LOCATION), true, 1, 99)));

    private final List<Server> servers = new ArrayList<>();
    private final Level http = new Level(null);
    private final Level stream = new Level(null);
    private final Map<String, Directive> defaults = new HashMap<>();
    private final List<Directive> unevaluated = new ArrayList<>();
    private final List<Directive> realIp = new ArrayList<>();
    private Directive httpDir;
    private Directive streamDir;
    private boolean events;
    private Problem refusal;

    private NginxModel() {}

    public static NginxModel build(List<Directive> top) {
        return build(top, true);
    }

    /**
     * {@code complete} false: {@code top} is what was read before a read error; only errors nginx
     * meets while handling those directives count (not the checks it makes at the end).
     */
    public static NginxModel build(List<Directive> top, boolean complete) {
        NginxModel m = new NginxModel();
        try {
            m.walk(top, Ctx.MAIN, null, null, null);
            if (complete && !m.events) {
                throw new Listen.Invalid("no \"events\" section in configuration");
            }
        } catch (Refused r) {
            m.refusal = r.problem;
        } catch (Listen.Invalid e) {
            m.refusal = new Problem(Problem.Kind.EMERG, e.getMessage(), null);
        }
        return m;
    }

    /** Ends the walk at the first directive nginx refuses. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Problem problem;

        Refused(String text, Directive d) {
            super(text, null, false, false);
            this.problem = new Problem(Problem.Kind.EMERG, text + " in " + d.end(), d.end());
        }
    }

    private void walk(List<Directive> ds, Ctx ctx, Server server, Location loc, Level level) throws Refused {
        for (Directive d : ds) {
            if (d.name().equals("set_real_ip_from") && ctx != Ctx.OTHER) {
                realIp.add(d);
            }
            Rule rule = RULES.get(d.name());
            if (rule == null || ctx == Ctx.OTHER) {
                if (ctx != Ctx.OTHER && d.block() != null && !d.name().equals("limit_except")) {
                    // types, map, upstream, geo, ...: their insides are not directives portdoc reads
                    walk(d.children(), Ctx.OTHER, server, loc, level);
                }
                continue;
            }
            check(d, rule, ctx);
            switch (d.name()) {
                case "events" -> events = true;
                case "http" -> {
                    if (httpDir != null) {
                        throw new Refused("\"http\" directive is duplicate", d);
                    }
                    httpDir = d;
                    walk(d.children(), Ctx.HTTP, null, null, http);
                }
                case "stream" -> {
                    if (streamDir != null) {
                        throw new Refused("\"stream\" directive is duplicate", d);
                    }
                    streamDir = d;
                    walk(d.children(), Ctx.STREAM, null, null, stream);
                }
                case "server" -> {
                    Server s = new Server(d, ctx == Ctx.STREAM);
                    servers.add(s);
                    walk(d.children(), s.stream ? Ctx.STREAM_SERVER : Ctx.SERVER, s, null, s.level);
                    if (s.listens.isEmpty()) {
                        if (s.stream) {
                            throw new Refused("no \"listen\" is defined for server", d);
                        }
                        s.listens.add(Listen.implicit(d));
                    }
                }
                case "location" -> location(d, server, loc);
                case "listen" -> listen(d, server);
                case "server_name" -> server.names.addAll(d.args());
                case "allow", "deny" -> {
                    try {
                        level.rules.add(AccessRule.parse(d));
                    } catch (Listen.Invalid e) {
                        throw new Refused(e.getMessage(), d);
                    }
                }
                case "satisfy" -> {
                    String v = d.arg(0).toLowerCase(Locale.ROOT);
                    if (!v.equals("all") && !v.equals("any")) {
                        // ngx_conf_set_enum_slot's words
                        throw new Refused("invalid value \"" + d.arg(0) + "\"", d);
                    }
                    level.satisfy = d;
                }
                case "auth_basic" -> level.authBasic = d;
                case "auth_request" -> level.authRequest = d;
                case "return" -> {
                    if (level != null) {
                        level.answers.add(d);
                    }
                }
                case "if" -> {
                    if (answers(d)) {
                        level.answers.add(d);
                    }
                    walk(d.children(), Ctx.IF, server, loc, null);
                }
                case "limit_except" -> {
                    loc.limitExcept = new Level(d);
                    walk(d.children(), Ctx.LIMIT_EXCEPT, server, loc, loc.limitExcept);
                }
                default -> {}
            }
        }
    }

    private static boolean answers(Directive ifBlock) {
        for (Directive c : ifBlock.children()) {
            if (c.name().equals("return") || c.name().equals("rewrite")) {
                return true;
            }
        }
        return false;
    }

    private static void check(Directive d, Rule rule, Ctx ctx) throws Refused {
        if (!rule.where().contains(ctx)) {
            throw new Refused("\"" + d.name() + "\" directive is not allowed here", d);
        }
        if (rule.block() && d.block() == null) {
            throw new Refused("directive \"" + d.name() + "\" has no opening \"{\"", d);
        }
        if (!rule.block() && d.block() != null) {
            throw new Refused("directive \"" + d.name() + "\" is not terminated by \";\"", d);
        }
        int n = d.args().size();
        if (n < rule.min() || n > rule.max()) {
            throw new Refused("invalid number of arguments in \"" + d.name() + "\" directive", d);
        }
    }

    private void listen(Directive d, Server server) throws Refused {
        Listen l;
        try {
            l = Listen.parse(d, server.stream);
        } catch (Listen.Invalid e) {
            throw new Refused(e.getMessage(), d);
        }
        if (l.defaultServer() && !l.unix()) {
            String key = (server.stream ? "stream " : "") + l.socket();
            if (defaults.putIfAbsent(key, d) != null) {
                throw new Refused("a duplicate default server for " + l.socket(), d);
            }
        }
        server.listens.add(l);
    }

    private void location(Directive d, Server server, Location parent) throws Refused {
        String a0 = d.arg(0);
        String a1 = d.arg(1);
        Location.Kind kind;
        String uri;
        if (a1 != null) {
            uri = a1;
            kind = switch (a0) {
                case "=" -> Location.Kind.EXACT;
                case "^~" -> Location.Kind.NOREGEX;
                case "~", "~*" -> Location.Kind.REGEX;
                default -> throw new Refused("invalid location modifier \"" + a0 + "\"", d);
            };
        } else if (a0.startsWith("=")) {
            kind = Location.Kind.EXACT;
            uri = a0.substring(1);
        } else if (a0.startsWith("^~")) {
            kind = Location.Kind.NOREGEX;
            uri = a0.substring(2);
        } else if (a0.startsWith("~")) {
            kind = Location.Kind.REGEX;
            uri = a0.startsWith("~*") ? a0.substring(2) : a0.substring(1);
        } else if (a0.startsWith("@")) {
            kind = Location.Kind.NAMED;
            uri = a0;
        } else {
            kind = Location.Kind.PREFIX;
            uri = a0;
        }
        Pattern re = null;
        if (kind == Location.Kind.REGEX) {
            boolean caseless = a1 != null ? a0.equals("~*") : a0.startsWith("~*");
            try {
                // PCRE's Python-style named groups (?P<name>...) are (?<name>...) in Java
                re = Pattern.compile(uri.replace("(?P<", "(?<"), caseless ? Pattern.CASE_INSENSITIVE : 0);
            } catch (PatternSyntaxException e) {
                unevaluated.add(d);
            }
        }
        if (parent != null && parent.kind == Location.Kind.EXACT) {
            throw new Refused("location \"" + uri + "\" cannot be inside the exact location \"" + parent.uri + "\"", d);
        }
        Location l = new Location(d, kind, uri, re);
        (parent == null ? server.locations : parent.nested).add(l);
        walk(d.children(), Ctx.LOCATION, server, l, l.level);
    }

    public List<Server> servers() {
        return servers;
    }

    public Level http() {
        return http;
    }

    public Level stream() {
        return stream;
    }

    /** The first error nginx would stop at, in its words, or null. */
    public Problem refusal() {
        return refusal;
    }

    /** {@code set_real_ip_from} lines: for requests from those proxies allow/deny see a header's address. */
    public List<Directive> realIp() {
        return realIp;
    }

    /** Regular-expression locations Java cannot compile: not evaluated. */
    public List<Directive> unevaluated() {
        return unevaluated;
    }
}
