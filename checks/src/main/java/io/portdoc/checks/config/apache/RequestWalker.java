package io.portdoc.checks.config.apache;

import io.portdoc.checks.config.files.Glob;
import io.portdoc.core.host.SystemView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Merges the sections that apply to one request in Apache's order (server/request.c): the
 * server's top level (main server, then the virtual host), {@code <Directory>} sections from
 * the root down (fewest slashes first, then config order; each level's {@code .htaccess} when
 * AllowOverride lets it), regex Directory sections, {@code <Files>} (server level first, then
 * those inside the matched directories), then {@code <Location>} in config order.
 */
public final class RequestWalker {
    /** A section (or .htaccess file) that took part in the merge, in merge order. */
    public record Applied(String what, Loc loc, DirConf conf) {}

    /** The merged configuration for the request and how it was reached. */
    public record Walk(String uri, String filename, List<Applied> applied, DirConf merged, List<Problem> problems) {}

    private final SystemView system;
    /** Whose permissions .htaccess files are opened with; null: portdoc's own. */
    private final RunUser runUser;
    /** A .htaccess ended the request (403 or 500): nothing after it is merged. */
    private boolean stopped;

    public RequestWalker(SystemView system) {
        this(system, null);
    }

    public RequestWalker(SystemView system, RunUser runUser) {
        this.system = system;
        this.runUser = runUser;
    }

    public Walk walk(ApacheModel model, ApacheModel.Server vhost, String uri) {
        stopped = false;
        ApacheModel.Server main = model.main();
        List<Applied> applied = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        DirConf conf = main.defaults();
        if (vhost != null) {
            conf = DirConf.merge(conf, vhost.defaults());
        }
        String path = mergeSlashes(uri.isEmpty() ? "/" : uri);
        String filename = filename(main, vhost, path);

        List<Section> dirs = new ArrayList<>(main.directories());
        List<Section> files = new ArrayList<>(main.files());
        List<Section> locs = new ArrayList<>(main.locations());
        String accessFile = main.accessFileName();
        if (vhost != null) {
            dirs.addAll(vhost.directories());
            files.addAll(vhost.files());
            locs.addAll(vhost.locations());
            accessFile = vhost.accessFileName() != null ? vhost.accessFileName() : accessFile;
        }
        accessFile = accessFile == null ? ".htaccess" : accessFile;
        dirs.sort(Comparator.comparingInt((Section s) -> s.regex() != null ? 1 : 0)
                .thenComparingInt(Section::components)
                .thenComparingInt(Section::index));

        // the directories the request walks through: "/", "/var/", "/var/www/" ...
        String dirPath = filename.endsWith("/") || system.isDirectory(Path.of(filename))
                ? withSlash(filename)
                : filename.substring(0, filename.lastIndexOf('/') + 1);
        List<String> prefixes = new ArrayList<>();
        prefixes.add("/");
        for (int i = 1; i < dirPath.length(); i++) {
            if (dirPath.charAt(i) == '/') {
                prefixes.add(dirPath.substring(0, i + 1));
            }
        }
        String override = "None";
        List<String> overrideList = List.of();
        List<Section> matchedDirs = new ArrayList<>();
        for (int depth = 0; depth < prefixes.size() && !stopped; depth++) {
            String prefix = prefixes.get(depth);
            int slashes = depth == 0 ? 0 : depth + 1;
            for (Section s : dirs) {
                if (s.regex() != null || s.components() != slashes) {
                    continue;
                }
                boolean match = depth == 0
                        || (Glob.hasWildcard(s.pattern())
                                ? Glob.matches(s.pattern(), prefix)
                                : s.pattern().equals(prefix));
                if (match) {
                    conf = apply(conf, s, applied);
                    matchedDirs.add(s);
                    if (s.allowOverride() != null) {
                        override = s.allowOverride();
                    }
                    for (Directive d : s.dir().children()) {
                        if (d.is("AllowOverrideList")) {
                            overrideList = d.args();
                        }
                    }
                }
            }
            conf = htaccess(
                    conf,
                    model.parsed(),
                    prefix,
                    accessFile,
                    HtaccessRules.Overrides.parse(override, overrideList),
                    applied,
                    problems);
        }
        if (stopped) {
            return new Walk(path, filename, applied, conf, problems);
        }
        for (Section s : dirs) {
            if (s.regex() != null && s.regex().matcher(filename).find()) {
                conf = apply(conf, s, applied);
                matchedDirs.add(s);
            }
        }
        String base = filename.substring(filename.lastIndexOf('/') + 1);
        for (Section s : matchedDirs) {
            files.addAll(s.files());
        }
        for (Section s : files) {
            boolean match = s.regex() != null
                    ? s.regex().matcher(base).find()
                    : Glob.hasWildcard(s.pattern())
                            ? Glob.matches(s.pattern(), base)
                            : s.pattern().equals(base);
            if (match) {
                conf = apply(conf, s, applied);
            }
        }
        for (Section s : locs) {
            if (locationMatches(s, path)) {
                conf = apply(conf, s, applied);
            }
        }
        return new Walk(path, filename, applied, conf, problems);
    }

    private static DirConf apply(DirConf conf, Section s, List<Applied> applied) {
        applied.add(new Applied(s.dir().text(), s.dir().loc(), s.conf()));
        return DirConf.merge(conf, s.conf());
    }

    /**
     * ap_parse_htaccess for one directory, as the run user: the first of AccessFileName's names
     * that exists; one the run user cannot open ends the request with 403 (EACCES, or not a
     * regular file), one Apache rejects with 500. Such a file's lines are never read.
     */
    private DirConf htaccess(
            DirConf conf,
            ParsedConfig main,
            String dir,
            String accessFile,
            HtaccessRules.Overrides override,
            List<Applied> applied,
            List<Problem> problems) {
        if (!override.readsHtaccess()) {
            return conf;
        }
        for (String name : accessFile.strip().split("\\s+")) {
            String file = dir + name;
            Path p = Path.of(file);
            RunUser.Open open = runUser == null ? RunUser.Open.UNKNOWN : runUser.open(system, p);
            switch (open) {
                case ABSENT -> {
                    continue;
                }
                case DENIED, NOT_REGULAR -> {
                    problems.add(new Problem(
                            Problem.Kind.FORBIDDEN,
                            new Loc(file, 0),
                            open == RunUser.Open.DENIED ? "EACCES" : "EBADF"));
                    stopped = true;
                    return conf;
                }
                case OK, UNKNOWN -> {
                    if (open == RunUser.Open.UNKNOWN && !system.exists(p)) {
                        continue;
                    }
                }
            }
            ConfigParser.Options options = ConfigParser.Options.htaccess(main, runUser);
            ParsedConfig pc = ConfigParser.parse(system, file, options);
            List<Problem> errors = new ArrayList<>();
            for (Problem pr : pc.problems()) {
                // what would stop Apache starting in its configuration ends one request here
                errors.add(
                        pr.kind() == Problem.Kind.REFUSED
                                ? new Problem(Problem.Kind.SERVER_ERROR, pr.loc(), pr.detail())
                                : pr);
            }
            HtaccessRules.Result checked = HtaccessRules.check(pc.directives(), override, main.modules());
            errors.addAll(checked.errors());
            errors.addAll(checked.notUnderstood());
            problems.addAll(errors);
            if (errors.stream().anyMatch(e -> e.kind() == Problem.Kind.SERVER_ERROR)) {
                stopped = true;
                return conf;
            }
            SectionReader r = new SectionReader(
                    problems, new SectionReader.Modules(false, Set.of()), new ApacheModel.Builder(pc));
            DirConf add = r.read(checked.kept());
            if (!add.isEmpty()) {
                applied.add(new Applied(file, new Loc(file, 1), add));
                return DirConf.merge(conf, add);
            }
            return conf;
        }
        return conf;
    }

    /** location_walk: regex search, fnmatch, or a prefix that ends at a slash or the end. */
    static boolean locationMatches(Section s, String uri) {
        if (s.regex() != null) {
            return s.regex().matcher(uri).find();
        }
        String p = s.pattern();
        if (Glob.hasWildcard(p)) {
            return Glob.matches(p, uri);
        }
        if (!uri.startsWith(p)) {
            return false;
        }
        int len = p.length();
        return len == 0 || p.endsWith("/") || uri.length() == len || uri.charAt(len) == '/';
    }

    private static String filename(ApacheModel.Server main, ApacheModel.Server vhost, String uri) {
        List<ApacheModel.Alias> aliases = new ArrayList<>();
        if (vhost != null) {
            aliases.addAll(vhost.aliases());
        }
        aliases.addAll(main.aliases());
        for (ApacheModel.Alias a : aliases) {
            String u = a.url();
            if (uri.startsWith(u) && (u.endsWith("/") || uri.length() == u.length() || uri.charAt(u.length()) == '/')) {
                return a.path() + uri.substring(u.length());
            }
        }
        String root = vhost != null && vhost.documentRootPath() != null
                ? vhost.documentRootPath()
                : main.documentRootPath() != null ? main.documentRootPath() : ApacheModel.DEFAULT_DOCUMENT_ROOT;
        if (root.endsWith("/")) {
            root = root.substring(0, root.length() - 1);
        }
        return root + uri;
    }

    private static String withSlash(String s) {
        return s.endsWith("/") ? s : s + "/";
    }

    private static String mergeSlashes(String s) {
        return s.replaceAll("/{2,}", "/");
    }
}
