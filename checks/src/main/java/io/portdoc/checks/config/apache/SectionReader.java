package io.portdoc.checks.config.apache;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns the directives inside one section into its {@link DirConf}, the way the modules'
 * command handlers would: Order/Allow/Deny/Satisfy (mod_access_compat), Require and its
 * containers and AuthMerging (mod_authz_core), AuthType; {@code <Limit>} / {@code <LimitExcept>}
 * decide whether a line counts for GET. Lines Apache would reject become REFUSED problems.
 */
final class SectionReader {
    static final Set<String> COMPAT = Set.of("order", "allow", "deny", "satisfy");
    static final Set<String> AUTHZ = Set.of("require", "requireall", "requireany", "requirenone", "authmerging");
    private static final Set<String> LOGIN_PROVIDERS = Set.of(
            "user",
            "valid-user",
            "group",
            "file-owner",
            "file-group",
            "ldap-user",
            "ldap-group",
            "ldap-dn",
            "ldap-attribute",
            "ldap-filter",
            "ldap-search",
            "dbm-group",
            "dbd-group");
    private static final Set<String> HOST_PROVIDERS = Set.of("ip", "host", "local", "forward-dns");
    private static final Set<String> CORE_PROVIDERS = Set.of("all", "env", "method", "expr");

    private final List<Problem> problems;
    private final Modules modules;
    private final List<Section> files = new ArrayList<>();
    private Compat.Builder compat;
    private Authz.Container root;
    private final List<Authz.Node> rootChildren = new ArrayList<>();
    private boolean authzSeen;
    private Authz.Merging merging = Authz.Merging.UNSET;
    private Directive mergingDir;
    private Directive authType;
    private String allowOverride;
    private final ApacheModel.Builder owner;

    /** Which modules are loaded, when the configuration says so with LoadModule. */
    record Modules(boolean known, Set<String> loaded) {
        boolean has(String module) {
            return !known || loaded.contains(module);
        }
    }

    SectionReader(List<Problem> problems, Modules modules, ApacheModel.Builder owner) {
        this.problems = problems;
        this.modules = modules;
        this.owner = owner;
    }

    /** Reads a section's directives; nested Files sections go to {@link #files()}. */
    DirConf read(List<Directive> children) {
        for (Directive d : children) {
            directive(d, true);
        }
        return result();
    }

    List<Section> files() {
        return files;
    }

    String allowOverride() {
        return allowOverride;
    }

    DirConf result() {
        Compat c = compat == null ? null : compat.build();
        Authz a = null;
        if (authzSeen) {
            Authz.Container section =
                    rootChildren.isEmpty() ? null : new Authz.Container(Authz.Op.OR, false, rootChildren, null);
            if (section != null && !effectiveNegations(section).contains(false)) {
                problems.add(
                        Problem.refused(
                                rootChildren.get(0).dir().loc(),
                                "<Directory>, <Location>, or similar directive contains only negative authorization directives"));
            }
            a = new Authz(section, merging, mergingDir);
        }
        return new DirConf(c, a, authType);
    }

    private void directive(Directive d, boolean forGet) {
        String n = d.lower();
        switch (n) {
            case "order", "allow", "deny", "satisfy" -> compat(d, forGet);
            case "require", "requireall", "requireany", "requirenone" -> {
                authzSeen = true;
                if (!modules.has("authz_core_module")) {
                    invalidCommand(d);
                    return;
                }
                Authz.Node node = n.equals("require")
                        ? require(d, forGet, Authz.Op.OR, "<RequireAny>")
                        : container(d, Authz.Op.OR, "<RequireAny>");
                if (node != null) {
                    rootChildren.add(node);
                }
            }
            case "authmerging" -> {
                authzSeen = true;
                switch (d.arg(0).toLowerCase(Locale.ROOT)) {
                    case "off" -> merging = Authz.Merging.OFF;
                    case "and" -> merging = Authz.Merging.AND;
                    case "or" -> merging = Authz.Merging.OR;
                    default -> problems.add(Problem.refused(d.loc(), "AuthMerging must be one of: Off | And | Or"));
                }
                mergingDir = d;
            }
            case "authtype" -> authType = d.arg(0).equalsIgnoreCase("None") ? null : d;
            case "allowoverride" -> allowOverride = String.join(" ", d.args());
            case "limit", "limitexcept" -> {
                boolean listed = d.args().contains("GET");
                boolean get = n.equals("limit") ? listed : !listed;
                for (Directive c : d.children()) {
                    directive(c, get);
                }
            }
            case "files", "filesmatch" -> files.add(owner.section(d, Section.Kind.FILES, modules));
            case "if", "elseif", "else" -> {
                if (ApacheModel.mentionsAccess(d.children())) {
                    problems.add(Problem.notUnderstood(d.loc(), d.text()));
                }
            }
            default -> {
                if (d.isSection() && ApacheModel.mentionsAccess(d.children())) {
                    problems.add(Problem.notUnderstood(d.loc(), d.text()));
                }
            }
        }
    }

    private void invalidCommand(Directive d) {
        problems.add(Problem.refused(
                d.loc(),
                "Invalid command '" + (d.isSection() ? "<" : "") + d.name()
                        + "', perhaps misspelled or defined by a module not included in the server configuration"));
    }

    private void compat(Directive d, boolean forGet) {
        if (!modules.has("access_compat_module")) {
            invalidCommand(d);
            return;
        }
        if (compat == null) {
            compat = new Compat.Builder(); // created even when the line is for other methods only
        }
        switch (d.lower()) {
            case "order" -> {
                if (d.args().size() != 1) {
                    problems.add(Problem.refused(
                            d.loc(), "order takes one argument, 'allow,deny', 'deny,allow', or 'mutual-failure'"));
                    return;
                }
                Compat.Order o = switch (d.arg(0).toLowerCase(Locale.ROOT)) {
                    case "allow,deny" -> Compat.Order.ALLOW_DENY;
                    case "deny,allow" -> Compat.Order.DENY_ALLOW;
                    case "mutual-failure" -> Compat.Order.MUTUAL_FAILURE;
                    default -> null;
                };
                if (o == null) {
                    problems.add(Problem.refused(d.loc(), "unknown order"));
                } else if (forGet) {
                    compat.order = o;
                    compat.orderDir = d;
                }
            }
            case "satisfy" -> {
                String a = d.arg(0).toLowerCase(Locale.ROOT);
                if (d.args().size() != 1 || !(a.equals("all") || a.equals("any"))) {
                    problems.add(Problem.refused(d.loc(), "Satisfy either 'any' or 'all'."));
                } else if (forGet) {
                    compat.satisfy = a.equals("all") ? Compat.Satisfy.ALL : Compat.Satisfy.ANY;
                    compat.satisfyDir = d;
                }
            }
            default -> allowDeny(d, forGet);
        }
    }

    private void allowDeny(Directive d, boolean forGet) {
        if (d.args().size() < 2) {
            problems.add(
                    Problem.refused(
                            d.loc(),
                            d.lower()
                                    + " requires at least two arguments, 'from' followed by hostnames or IP-address wildcards"));
            return;
        }
        if (!d.arg(0).equalsIgnoreCase("from")) {
            problems.add(Problem.refused(d.loc(), "allow and deny must be followed by 'from'"));
            return;
        }
        List<Compat.Rule> into = d.is("allow") ? compat.allows : compat.denies;
        for (String w : d.args().subList(1, d.args().size())) {
            HostEntry e = entry(w, d);
            if (e != null && forGet) {
                into.add(new Compat.Rule(d, e));
            }
        }
    }

    /** mod_access_compat allow_cmd for one word; null after recording a refusal. */
    private HostEntry entry(String w, Directive d) {
        String lw = w.toLowerCase(Locale.ROOT);
        if (lw.startsWith("env=!")) {
            return new HostEntry.Env(w.substring(5), true);
        }
        if (lw.startsWith("env=")) {
            return new HostEntry.Env(w.substring(4), false);
        }
        if (lw.equals("all")) {
            return new HostEntry.All();
        }
        IpPattern.Result r = IpPattern.parse(w);
        if (r instanceof IpPattern.Ok ok) {
            return new HostEntry.Ip(ok.pattern());
        }
        if (r instanceof IpPattern.Bad bad) {
            problems.add(Problem.refused(d.loc(), bad.message() + " (" + w + ")"));
            return null;
        }
        if (w.indexOf('/') >= 0) {
            problems.add(Problem.refused(d.loc(), "An IP address was expected (" + w + ")"));
            return null;
        }
        return new HostEntry.Host(w);
    }

    /** {@code <RequireAll|Any|None>}; {@code parentOp} for the "has no effect" refusal. */
    private Authz.Node container(Directive d, Authz.Op parentOp, String parentLabel) {
        String n = d.lower();
        Authz.Op op = n.equals("requireall") ? Authz.Op.AND : Authz.Op.OR;
        boolean negate = n.equals("requirenone");
        List<Authz.Node> kids = new ArrayList<>();
        int before = problems.size();
        String label = "<" + d.name() + ">";
        for (Directive c : d.children()) {
            String cn = c.lower();
            Authz.Node k = null;
            if (cn.equals("require")) {
                k = require(c, true, op, label); // inside a container Limit no longer applies (cmd->limited = -1)
            } else if (cn.equals("requireall") || cn.equals("requireany") || cn.equals("requirenone")) {
                k = container(c, op, label);
            } else {
                directive(c, true);
            }
            if (k != null) {
                kids.add(k);
            }
        }
        if (kids.isEmpty()) {
            if (problems.size() == before) {
                problems.add(Problem.refused(d.loc(), label + " directive contains no authorization directives"));
            }
            return null;
        }
        if (negate && parentOp == Authz.Op.OR) {
            problems.add(Problem.refused(d.loc(), label + " directive has no effect in " + parentLabel + " directive"));
            return null;
        }
        Authz.Container made = new Authz.Container(op, negate, kids, d);
        if (!effectiveNegations(made).contains(false)) {
            problems.add(Problem.refused(
                    d.loc(), "<" + d.name() + "> directive contains only negative authorization directives"));
            return null;
        }
        return made;
    }

    /**
     * The negation of each child after mod_authz_core's startup check (authz_core_check_section)
     * has applied De Morgan: a negated container whose operator differs from its parent's is
     * replaced by its children, negated. A container left with only negative children makes
     * Apache refuse to start (AH01624).
     */
    static List<Boolean> effectiveNegations(Authz.Container c) {
        List<Boolean> out = new ArrayList<>();
        for (Authz.Node child : c.children()) {
            if (child instanceof Authz.Container cc && cc.negate() && cc.op() != c.op()) {
                for (Boolean n : effectiveNegations(cc)) {
                    out.add(!n);
                }
            } else {
                out.add(child.negate());
            }
        }
        return out;
    }

    private Authz.Node require(Directive d, boolean forGet, Authz.Op parentOp, String parentLabel) {
        List<String> w = d.args();
        if (w.isEmpty()) {
            problems.add(Problem.refused(d.loc(), "Require takes at least one argument"));
            return null;
        }
        boolean negate = w.get(0).equalsIgnoreCase("not");
        int p = negate ? 1 : 0;
        if (p >= w.size()) {
            problems.add(Problem.refused(d.loc(), "Require not needs a provider"));
            return null;
        }
        String provider = w.get(p).toLowerCase(Locale.ROOT);
        List<String> args = w.subList(p + 1, w.size());
        String module = HOST_PROVIDERS.contains(provider)
                ? "authz_host_module"
                : provider.equals("user") || provider.equals("valid-user")
                        ? "authz_user_module"
                        : provider.equals("group") ? "authz_groupfile_module" : null;
        if (module != null && !modules.has(module)) {
            problems.add(Problem.refused(d.loc(), "Unknown Authz provider: " + provider));
            return null;
        }
        List<IpPattern> ips = new ArrayList<>();
        switch (provider) {
            case "all" -> {
                if (args.size() != 1
                        || !(args.get(0).equalsIgnoreCase("granted")
                                || args.get(0).equalsIgnoreCase("denied"))) {
                    problems.add(Problem.refused(d.loc(), "Argument for 'Require all' must be 'granted' or 'denied'"));
                    return null;
                }
            }
            case "ip" -> {
                if (args.isEmpty()) {
                    problems.add(Problem.refused(d.loc(), "'require ip' requires an argument"));
                    return null;
                }
                for (String a : args) {
                    IpPattern.Result r = IpPattern.parse(a);
                    if (r instanceof IpPattern.Ok ok) {
                        ips.add(ok.pattern());
                    } else {
                        String why = r instanceof IpPattern.Bad b ? ": " + b.message() : "";
                        problems.add(Problem.refused(d.loc(), "ip address '" + a + "' appears to be invalid" + why));
                        return null;
                    }
                }
            }
            case "host", "forward-dns", "env", "method" -> {
                if (args.isEmpty()) {
                    problems.add(Problem.refused(d.loc(), "'require " + provider + "' requires an argument"));
                    return null;
                }
            }
            default -> {
                if (!LOGIN_PROVIDERS.contains(provider)
                        && !CORE_PROVIDERS.contains(provider)
                        && !provider.equals("local")) {
                    problems.add(Problem.notUnderstood(d.loc(), d.text()));
                }
            }
        }
        if (negate && parentOp == Authz.Op.OR) {
            problems.add(Problem.refused(
                    d.loc(), "negative Require directive has no effect in " + parentLabel + " directive"));
            return null;
        }
        return new Authz.Leaf(provider, args, negate, d, ips, forGet);
    }

    /** The name in the module's command table, as Apache prints it in errors. */
    static String commandName(Directive d) {
        String n = d.lower();
        return n.equals("order") || n.equals("allow") || n.equals("deny")
                ? n
                : n.equals("satisfy") ? "Satisfy" : n.equals("require") ? "Require" : d.name();
    }

    static boolean isLoginProvider(String provider) {
        return LOGIN_PROVIDERS.contains(provider);
    }
}
