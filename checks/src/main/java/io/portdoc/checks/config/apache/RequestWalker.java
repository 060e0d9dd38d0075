package io.portdoc.checks.config.apache;

import io.portdoc.checks.config.files.Glob;
import io.portdoc.core.host.RefusedFileException;
import io.portdoc.core.host.SystemView;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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

    public RequestWalker(SystemView system) {
        this.system = system;
    }

    public Walk walk(ApacheModel model, ApacheModel.Server vhost, String uri) {
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
        List<Section> matchedDirs = new ArrayList<>();
        for (int depth = 0; depth < prefixes.size(); depth++) {
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
                }
            }
            conf = htaccess(conf, prefix, accessFile, override, applied, problems);
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

    private DirConf htaccess(
            DirConf conf,
            String dir,
            String accessFile,
            String override,
            List<Applied> applied,
            List<Problem> problems) {
        String o = override.toLowerCase(Locale.ROOT);
        if (!(o.contains("all") || o.contains("authconfig") || o.contains("limit"))) {
            return conf;
        }
        String file = dir + accessFile;
        if (!system.exists(Path.of(file))) {
            return conf;
        }
        try {
            system.readFile(Path.of(file));
        } catch (AccessDeniedException e) {
            problems.add(new Problem(Problem.Kind.UNREADABLE, null, file));
            return conf;
        } catch (RefusedFileException e) {
            problems.add(new Problem(Problem.Kind.NOT_READ, null, e.getMessage()));
            return conf;
        } catch (IOException e) {
            return conf;
        }
        ParsedConfig pc = ConfigParser.parse(system, file, ConfigParser.Options.apache(dir));
        problems.addAll(pc.problems());
        SectionReader r =
                new SectionReader(problems, new SectionReader.Modules(false, Set.of()), new ApacheModel.Builder(pc));
        DirConf add = r.read(pc.directives());
        if (!add.isEmpty()) {
            applied.add(new Applied(file, new Loc(file, 1), add));
            return DirConf.merge(conf, add);
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
