package io.portdoc.checks.config.wrappers;

import io.portdoc.checks.config.files.BoundedFiles;
import io.portdoc.checks.config.files.FileRead;
import io.portdoc.core.host.SystemView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * /etc/hosts.allow and /etc/hosts.deny read as libwrap reads them (hosts_access.c table_match):
 * {@code #} comments, a backslash joins the next line, a line without {@code :} is skipped with a
 * warning; a missing file is an empty table. {@code unreadable} says why a file could not be read.
 */
record HostsFiles(
        List<AccessRule> allow,
        List<AccessRule> deny,
        List<String> warnings,
        String unreadable,
        String unreadableFile) {
    static final Path ALLOW = Path.of("/etc/hosts.allow");
    static final Path DENY = Path.of("/etc/hosts.deny");

    static HostsFiles read(SystemView system) {
        List<String> warnings = new ArrayList<>();
        List<AccessRule> allow = new ArrayList<>();
        List<AccessRule> deny = new ArrayList<>();
        for (Path p : List.of(ALLOW, DENY)) {
            if (!system.exists(p)) {
                continue;
            }
            FileRead r = BoundedFiles.read(system, p);
            if (!r.ok()) {
                return new HostsFiles(List.of(), List.of(), warnings, r.reason(), p.toString());
            }
            (p == ALLOW ? allow : deny).addAll(parse(p.toString(), r.text(), warnings));
        }
        return new HostsFiles(allow, deny, warnings, null, null);
    }

    static List<AccessRule> parse(String file, String text, List<String> warnings) {
        List<AccessRule> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int first = i + 1;
            StringBuilder s = new StringBuilder(lines[i]);
            while (s.length() > 0 && s.charAt(s.length() - 1) == '\\' && i + 1 < lines.length) {
                s.setLength(s.length() - 1);
                s.append(lines[++i]);
            }
            String line = s.toString().strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String loc = file + ":" + first;
            String[] parts = line.split(":", -1);
            int c = colon(line);
            if (c < 0) {
                warnings.add(loc + ": missing \":\" separator, line ignored (as libwrap does)");
                continue;
            }
            String daemons = line.substring(0, c);
            String rest = line.substring(c + 1);
            int c2 = colon(rest);
            String clients = c2 < 0 ? rest : rest.substring(0, c2);
            List<String> options =
                    c2 < 0 ? List.of() : Arrays.asList(rest.substring(c2 + 1).split(":"));
            if (parts.length > 0) {
                out.add(new AccessRule(words(daemons), words(clients), options, loc, line));
            }
        }
        return out;
    }

    /** The first ':' outside brackets ({@code [fd42::1]} holds colons). */
    private static int colon(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth = Math.max(0, depth - 1);
            } else if (c == ':' && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    static List<String> words(String list) {
        List<String> out = new ArrayList<>();
        for (String w : list.strip().split("[\\s,]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }
}
