package io.portdoc.checks.config.apache;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The servers of a parsed configuration: the main server and its {@code <VirtualHost>}s, each
 * with its DocumentRoot, Aliases, the access configuration at its top level and its sections;
 * plus the Listen lines and mod_setenvif rules. Built once, evaluated for many requests.
 */
public final class ApacheModel {
    /** Directives httpd knows only as sections ({@code <Directory ...>}). */
    private static final Set<String> CONTAINERS =
            Set.of("virtualhost", "directory", "directorymatch", "files", "filesmatch", "location", "locationmatch");

    /** Debian's and Red Hat's compiled-in DocumentRoot. */
    public static final String DEFAULT_DOCUMENT_ROOT = "/var/www/html";

    /** {@code Alias /url /path} (also ScriptAlias). */
    public record Alias(String url, String path, Directive dir) {}

    /** The main server ({@code vhost} null) or a virtual host with its addresses. */
    public record Server(
            Directive vhost,
            List<String> addresses,
            String serverName,
            Directive documentRoot,
            List<Alias> aliases,
            DirConf defaults,
            List<Section> directories,
            List<Section> files,
            List<Section> locations,
            String accessFileName) {
        public String documentRootPath() {
            return documentRoot == null ? null : documentRoot.arg(0);
        }
    }

    private final Server main;
    private final List<Server> vhosts;
    private final List<Listen> listens;
    private final List<SetEnvRule> setEnv;
    private final List<Problem> problems;
    private final ParsedConfig parsed;

    private ApacheModel(
            Server main,
            List<Server> vhosts,
            List<Listen> listens,
            List<SetEnvRule> setEnv,
            List<Problem> problems,
            ParsedConfig parsed) {
        this.main = main;
        this.vhosts = List.copyOf(vhosts);
        this.listens = List.copyOf(listens);
        this.setEnv = List.copyOf(setEnv);
        this.problems = List.copyOf(problems);
        this.parsed = parsed;
    }

    public Server main() {
        return main;
    }

    public List<Server> vhosts() {
        return vhosts;
    }

    public List<Listen> listens() {
        return listens;
    }

    public List<SetEnvRule> setEnv() {
        return setEnv;
    }

    /** Parser problems followed by those found while building the model. */
    public List<Problem> problems() {
        return problems;
    }

    public ParsedConfig parsed() {
        return parsed;
    }

    public static ApacheModel build(ParsedConfig pc) {
        Builder b = new Builder(pc);
        return b.build();
    }

    /** True when any of these directives (deeply) is an access directive. */
    static boolean mentionsAccess(List<Directive> ds) {
        for (Directive d : ds) {
            String n = d.lower();
            if (SectionReader.COMPAT.contains(n) || SectionReader.AUTHZ.contains(n)) {
                return true;
            }
            if (d.isSection() && mentionsAccess(d.children())) {
                return true;
            }
        }
        return false;
    }

    /** Walks the top level and the virtual hosts. */
    static final class Builder {
        private final ParsedConfig pc;
        private final List<Problem> problems = new ArrayList<>();
        private final List<Listen> listens = new ArrayList<>();
        private final List<SetEnvRule> setEnv = new ArrayList<>();
        private final SectionReader.Modules modules;
        private int index;

        Builder(ParsedConfig pc) {
            this.pc = pc;
            this.problems.addAll(pc.problems());
            boolean known = pc.modules().stream()
                    .anyMatch(m -> m.endsWith("_module") && !ConfigParser.STATIC_MODULES.contains(m));
            this.modules = new SectionReader.Modules(known, pc.modules());
        }

        ApacheModel build() {
            List<Server> vhosts = new ArrayList<>();
            Server main = server(null, pc.directives(), vhosts);
            return new ApacheModel(main, vhosts, listens, setEnv, problems, pc);
        }

        private Server server(Directive vhost, List<Directive> ds, List<Server> vhosts) {
            Directive docRoot = null;
            String serverName = null;
            String accessFile = null;
            List<Alias> aliases = new ArrayList<>();
            List<Section> dirs = new ArrayList<>();
            List<Section> files = new ArrayList<>();
            List<Section> locs = new ArrayList<>();
            List<Directive> access = new ArrayList<>();
            for (Directive d : ds) {
                if (!d.isSection() && CONTAINERS.contains(d.lower())) {
                    // httpd registers these as "<Directory" ...: the bare word is no command at all
                    problems.add(Problem.refused(
                            d.loc(),
                            "Invalid command '" + d.name() + "', perhaps misspelled or defined by a module"
                                    + " not included in the server configuration"));
                    continue;
                }
                switch (d.lower()) {
                    case "virtualhost" -> {
                        if (vhost != null) {
                            problems.add(Problem.refused(
                                    d.loc(), "<VirtualHost> cannot occur within <VirtualHost> section"));
                        } else {
                            vhosts.add(server(d, d.children(), null));
                        }
                    }
                    case "directory", "directorymatch" -> dirs.add(section(d, Section.Kind.DIRECTORY, modules));
                    case "files", "filesmatch" -> files.add(section(d, Section.Kind.FILES, modules));
                    case "location", "locationmatch" -> locs.add(section(d, Section.Kind.LOCATION, modules));
                    case "documentroot" -> docRoot = d;
                    case "servername" -> serverName = d.arg(0);
                    case "accessfilename" -> accessFile = d.arg(0);
                    case "alias", "scriptalias" -> {
                        if (d.args().size() == 2) {
                            aliases.add(new Alias(d.arg(0), d.arg(1), d));
                        }
                    }
                    case "aliasmatch", "scriptaliasmatch", "rewriterule" -> {
                        // URL mapping the engine does not follow; only matters when the path is affected
                    }
                    case "listen" -> listen(d, vhost);
                    case "setenvif", "setenvifnocase", "browsermatch", "browsermatchnocase" -> setEnvIf(d);
                    case "order", "allow", "deny", "satisfy", "require" ->
                        problems.add(Problem.refused(
                                d.loc(),
                                SectionReader.commandName(d)
                                        + (vhost == null
                                                ? " not allowed here"
                                                : " not allowed in <VirtualHost> context")));
                    case "requireall", "requireany", "requirenone", "limit", "limitexcept" -> {
                        if (mentionsAccess(List.of(d))) {
                            problems.add(Problem.refused(d.loc(), "<" + d.name() + "> not allowed here"));
                        }
                    }
                    case "authmerging", "authtype" -> access.add(d);
                    case "use" -> problems.add(Problem.notUnderstood(d.loc(), d.text()));
                    case "macro", "proxy", "proxymatch", "ifdefine", "ifmodule" -> {
                        // Macros are expanded only by Use (reported); Proxy sections apply to proxied requests only
                    }
                    default -> {
                        if (d.isSection() && mentionsAccess(d.children())) {
                            problems.add(Problem.notUnderstood(d.loc(), d.text()));
                        }
                    }
                }
            }
            DirConf defaults = new SectionReader(problems, modules, this).read(access);
            List<String> addresses = vhost == null ? List.of() : vhost.args();
            return new Server(vhost, addresses, serverName, docRoot, aliases, defaults, dirs, files, locs, accessFile);
        }

        private void listen(Directive d, Directive vhost) {
            if (vhost != null) {
                problems.add(Problem.refused(d.loc(), "Listen cannot occur within <VirtualHost> section"));
                return;
            }
            Listen l = d.args().isEmpty() ? null : Listen.parse(d.arg(0), d);
            if (l == null) {
                problems.add(Problem.refused(d.loc(), "Port must be specified (Listen " + d.argText() + ")"));
            } else {
                listens.add(l);
            }
        }

        private void setEnvIf(Directive d) {
            boolean browser = d.lower().startsWith("browsermatch");
            int first = browser ? 0 : 1;
            if (d.args().size() < first + 2) {
                return;
            }
            String attr = browser ? "User-Agent" : d.arg(0);
            int flags = d.lower().endsWith("nocase") ? Pattern.CASE_INSENSITIVE : 0;
            try {
                Pattern p = Pattern.compile(d.arg(first), flags);
                setEnv.add(new SetEnvRule(
                        attr, p, d.args().subList(first + 1, d.args().size()), d));
            } catch (PatternSyntaxException e) {
                problems.add(Problem.notUnderstood(d.loc(), d.text()));
            }
        }

        Section section(Directive d, Section.Kind kind, SectionReader.Modules mods) {
            String n = d.lower();
            boolean match = n.endsWith("match");
            List<String> a = d.args();
            boolean tilde = !match && !a.isEmpty() && a.get(0).equals("~");
            String pattern = tilde ? (a.size() > 1 ? a.get(1) : "") : (a.isEmpty() ? "" : a.get(0));
            Pattern regex = null;
            if (match || tilde) {
                try {
                    regex = Pattern.compile(pattern, kind == Section.Kind.DIRECTORY ? 0 : 0);
                } catch (PatternSyntaxException e) {
                    problems.add(Problem.refused(d.loc(), "Regex could not be compiled"));
                    regex = Pattern.compile("(?!)");
                }
            } else if (kind == Section.Kind.DIRECTORY && !pattern.equals("/") && !pattern.endsWith("/")) {
                pattern = pattern + "/";
            }
            int components = regex != null || pattern.equals("/") ? 0 : count(pattern);
            SectionReader r = new SectionReader(problems, mods, this);
            DirConf conf = r.read(d.children());
            if (kind != Section.Kind.DIRECTORY && !r.files().isEmpty()) {
                problems.add(Problem.refused(r.files().get(0).dir().loc(), "<Files> not allowed here"));
            }
            for (Directive c : d.children()) {
                String cn = c.lower();
                if (cn.equals("directory")
                        || cn.equals("directorymatch")
                        || cn.equals("location")
                        || cn.equals("locationmatch")
                        || cn.equals("virtualhost")) {
                    problems.add(Problem.refused(c.loc(), "<" + c.name() + "> not allowed here"));
                }
            }
            return new Section(kind, pattern, regex, components, conf, r.files(), r.allowOverride(), d, index++);
        }

        private static int count(String path) {
            int n = 0;
            for (int i = 0; i < path.length(); i++) {
                if (path.charAt(i) == '/') {
                    n++;
                }
            }
            return n;
        }
    }

    /** Lower-case helper for callers outside the package. */
    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
