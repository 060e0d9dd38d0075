package io.portdoc.checks.config.postgresql;

import io.portdoc.core.host.SystemView;
import io.portdoc.core.net.AddressSet;
import io.portdoc.core.net.Addresses;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Reads pg_hba.conf as hba.c does: blank-separated columns, comma-separated lists in a column,
 * double quotes, {@code #} comments, a trailing backslash continuing the line, {@code @file}
 * token lists and (PostgreSQL 16) {@code include}, {@code include_if_exists} and
 * {@code include_dir} lines, relative to the including file. A line PostgreSQL would reject is
 * an {@link Problem.Kind#INVALID} problem: the server then refuses the whole file.
 */
public final class HbaReader {
    /** hba.c's method names (PostgreSQL 12-17). */
    static final Set<String> METHODS = Set.of(
            "trust",
            "reject",
            "md5",
            "password",
            "scram-sha-256",
            "gss",
            "sspi",
            "ident",
            "peer",
            "pam",
            "bsd",
            "ldap",
            "radius",
            "cert");

    private static final Set<String> INCLUDES = Set.of("include", "include_if_exists", "include_dir");

    private final SystemView sys;
    private final int version;
    private final List<HbaLine> lines = new ArrayList<>();
    private final List<String> files = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private final Deque<Path> stack = new ArrayDeque<>();

    /** The rules in order, the files read, and what stopped an exact reading. */
    public record Hba(List<HbaLine> lines, List<String> files, List<Problem> problems) {}

    private HbaReader(SystemView sys, int version) {
        this.sys = sys;
        this.version = version;
    }

    /** {@code version}: the server's major version (include lines are 16+), 0 when unknown. */
    public static Hba read(SystemView sys, Path file, int version) {
        HbaReader r = new HbaReader(sys, version);
        r.file(file, null, false);
        return new Hba(List.copyOf(r.lines), List.copyOf(r.files), List.copyOf(r.problems));
    }

    /** Text already in memory (tests, benchmarks): includes are still read through {@code sys}. */
    public static Hba parse(SystemView sys, String file, String text, int version) {
        HbaReader r = new HbaReader(sys, version);
        r.files.add(file);
        r.stack.push(Path.of(file));
        r.text(text, file);
        return new Hba(List.copyOf(r.lines), List.copyOf(r.files), List.copyOf(r.problems));
    }

    private String enter(Path path, Loc from, boolean optional) {
        if (stack.size() >= ConfFiles.MAX_DEPTH) {
            problems.add(new Problem(
                    Problem.Kind.HOSTILE,
                    "could not open file \"" + path + "\": maximum nesting depth exceeded",
                    from));
            return null;
        }
        if (stack.contains(path)) {
            problems.add(new Problem(Problem.Kind.HOSTILE, path + " includes itself", from));
            return null;
        }
        ConfFiles.Read read = ConfFiles.read(sys, path, from);
        if (read.text() == null) {
            if (!(optional && read.missing())) {
                problems.add(read.problem());
            }
            return null;
        }
        files.add(path.toString());
        return read.text();
    }

    private void file(Path path, Loc from, boolean optional) {
        String text = enter(path, from, optional);
        if (text == null) {
            return;
        }
        stack.push(path);
        try {
            text(text, path.toString());
        } finally {
            stack.pop();
        }
    }

    private void text(String text, String file) {
        int lineNo = 0;
        int pos = 0;
        while (pos < text.length()) {
            int first = ++lineNo;
            int end = text.indexOf('\n', pos);
            end = end < 0 ? text.length() : end;
            String raw = text.substring(pos, end);
            pos = end + 1;
            String line = strip(raw);
            if (line.endsWith("\\")) {
                StringBuilder joined = new StringBuilder(line);
                while (joined.length() > 0 && joined.charAt(joined.length() - 1) == '\\' && pos < text.length()) {
                    end = text.indexOf('\n', pos);
                    end = end < 0 ? text.length() : end;
                    joined.setLength(joined.length() - 1);
                    joined.append(' ').append(strip(text.substring(pos, end)));
                    pos = end + 1;
                    lineNo++;
                }
                line = joined.toString();
            } else if (blankOrComment(line)) {
                continue;
            }
            List<List<Token>> fields = tokenize(line);
            if (!fields.isEmpty()) {
                line(fields, new Loc(file, first), raw.strip());
            }
        }
    }

    private static boolean blankOrComment(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != ' ' && c != '\t') {
                return c == '#';
            }
        }
        return true;
    }

    private static String strip(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** Columns of a line, each a list of tokens; comments dropped. */
    static List<List<Token>> tokenize(String line) {
        List<List<Token>> fields = new ArrayList<>();
        List<Token> field = new ArrayList<>();
        StringBuilder buf = new StringBuilder();
        boolean inQuote = false;
        boolean quoted = false;
        boolean any = false;
        int i = 0;
        while (i <= line.length()) {
            char c = i < line.length() ? line.charAt(i) : '\n';
            boolean blank = c == ' ' || c == '\t' || c == '\n';
            if ((c == '#' && !inQuote) || c == '\n') {
                if (any) {
                    field.add(new Token(buf.toString(), quoted));
                }
                if (!field.isEmpty()) {
                    fields.add(field);
                }
                return fields;
            }
            if (blank && !inQuote) {
                if (any) {
                    field.add(new Token(buf.toString(), quoted));
                    fields.add(field);
                    field = new ArrayList<>();
                    buf.setLength(0);
                    any = false;
                    quoted = false;
                }
            } else if (c == ',' && !inQuote) {
                field.add(new Token(buf.toString(), quoted));
                buf.setLength(0);
                any = false;
                quoted = false;
                // a list continues in the same column after the comma
                while (i + 1 < line.length() && (line.charAt(i + 1) == ' ' || line.charAt(i + 1) == '\t')) {
                    i++;
                }
            } else if (c == '"') {
                if (inQuote && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    buf.append('"'); // two double quotes are one literal quote
                    i++;
                } else {
                    if (!any) {
                        quoted = true;
                    }
                    inQuote = !inQuote;
                    any = true;
                }
            } else {
                buf.append(c);
                any = true;
            }
            i++;
        }
        return fields;
    }

    private void line(List<List<Token>> fields, Loc loc, String text) {
        Token first = fields.get(0).get(0);
        boolean includes = version == 0 || version >= 16;
        if (includes
                && INCLUDES.contains(first.value())
                && !first.quoted()
                && fields.get(0).size() == 1) {
            include(first.value(), fields, loc);
            return;
        }
        String error = rule(fields, loc, text);
        if (error != null) {
            problems.add(new Problem(Problem.Kind.INVALID, error, loc));
        }
    }

    private void include(String kind, List<List<Token>> fields, Loc loc) {
        if (fields.size() != 2 || fields.get(1).size() != 1) {
            problems.add(new Problem(Problem.Kind.INVALID, "invalid " + kind + " line: it takes one file name", loc));
            return;
        }
        Path target = ConfFiles.resolve(loc.file(), fields.get(1).get(0).value());
        if (!kind.equals("include_dir")) {
            file(target, loc, kind.equals("include_if_exists"));
            return;
        }
        List<String> names;
        try {
            names = sys.list(target);
        } catch (IOException e) {
            problems.add(new Problem(
                    Problem.Kind.UNREADABLE, "could not open directory \"" + target + "\": " + e.getMessage(), loc));
            return;
        }
        for (String n : names.stream().sorted().toList()) {
            if (n.endsWith(".conf") && !n.startsWith(".") && !sys.isDirectory(target.resolve(n))) {
                file(target.resolve(n), loc, false);
            }
        }
    }

    /** Adds the rule, or returns hba.c's complaint about it. */
    private String rule(List<List<Token>> fields, Loc loc, String text) {
        if (fields.get(0).size() > 1) {
            return "multiple values specified for connection type";
        }
        String typeText = fields.get(0).get(0).value();
        ConnType type = ConnType.parse(typeText).orElse(null);
        if (type == null) {
            return "invalid connection type \"" + typeText + "\"";
        }
        if (fields.size() < 2) {
            return "end-of-line before database specification";
        }
        List<Token> dbs = expand(fields.get(1), loc);
        if (fields.size() < 3) {
            return "end-of-line before role specification";
        }
        List<Token> users = expand(fields.get(2), loc);
        int next = 3;
        HbaAddress address = null;
        if (type != ConnType.LOCAL) {
            if (fields.size() <= next) {
                return "end-of-line before IP address specification";
            }
            if (fields.get(next).size() > 1) {
                return "multiple values specified for host address";
            }
            String a = fields.get(next++).get(0).value();
            switch (a) {
                case "all" -> address = HbaAddress.keyword(HbaAddress.Kind.ALL, a);
                case "samehost" -> address = HbaAddress.keyword(HbaAddress.Kind.SAMEHOST, a);
                case "samenet" -> address = HbaAddress.keyword(HbaAddress.Kind.SAMENET, a);
                default -> {
                    int slash = a.indexOf('/');
                    String ip = slash < 0 ? a : a.substring(0, slash);
                    long v4 = Span.parseV4(ip);
                    InetAddress base = v4 >= 0 ? null : literal(ip);
                    int bits = v4 >= 0 ? 32 : base == null ? 0 : 128;
                    if (bits == 0) {
                        if (slash >= 0) {
                            return "invalid IP address \"" + ip + "\"";
                        }
                        address = HbaAddress.keyword(HbaAddress.Kind.HOSTNAME, a);
                    } else if (slash >= 0) {
                        Integer prefix = number(a.substring(slash + 1));
                        if (prefix == null || prefix > bits) {
                            return "invalid CIDR mask in address \"" + a + "\"";
                        }
                        address = HbaAddress.block(a, v4 >= 0 ? Span.v4(v4, prefix) : Span.of(base, prefix));
                    } else {
                        if (fields.size() <= next) {
                            return "end-of-line before netmask specification";
                        }
                        String m = fields.get(next++).get(0).value();
                        InetAddress mask = literal(m);
                        if (mask == null || mask.getAddress().length * 8 != bits) {
                            return "invalid IP mask \"" + m + "\"";
                        }
                        int prefix;
                        try {
                            prefix = AddressSet.maskToPrefix(mask);
                        } catch (IllegalArgumentException e) {
                            // PostgreSQL accepts it (it masks bit by bit); only the answer here is unknown
                            problems.add(new Problem(
                                    Problem.Kind.HOSTILE,
                                    "IP mask \"" + m + "\" is not contiguous: portdoc cannot evaluate this rule",
                                    loc));
                            return null;
                        }
                        address = HbaAddress.block(a + " " + m, v4 >= 0 ? Span.v4(v4, prefix) : Span.of(base, prefix));
                    }
                }
            }
        }
        if (fields.size() <= next) {
            return "end-of-line before authentication method";
        }
        if (fields.get(next).size() > 1) {
            return "multiple values specified for authentication type";
        }
        String method = fields.get(next).get(0).value();
        if (!METHODS.contains(method)) {
            return "invalid authentication method \"" + method + "\"";
        }
        if (method.equals("peer") && type != ConnType.LOCAL) {
            return "peer authentication is only supported on local sockets";
        }
        if (method.equals("cert") && type != ConnType.HOSTSSL) {
            return "cert authentication is only supported on hostssl connections";
        }
        if (method.equals("ident") && type == ConnType.LOCAL) {
            method = "peer"; // hba.c: ident over a Unix socket is peer
        }
        lines.add(new HbaLine(loc, text, type, dbs, users, address, method));
        return null;
    }

    /** {@code @file} tokens replaced by the tokens in that file (relative to this one), recursively. */
    private List<Token> expand(List<Token> tokens, Loc loc) {
        List<Token> out = new ArrayList<>();
        for (Token t : tokens) {
            if (!t.quoted() && t.value().length() > 1 && t.value().startsWith("@")) {
                Path p = ConfFiles.resolve(loc.file(), t.value().substring(1));
                String text = enter(p, loc, false);
                if (text == null) {
                    continue;
                }
                stack.push(p);
                try {
                    for (String l : text.split("\n")) {
                        for (List<Token> f : tokenize(l)) {
                            out.addAll(expand(f, new Loc(p.toString(), 0)));
                        }
                    }
                } finally {
                    stack.pop();
                }
            } else {
                out.add(t);
            }
        }
        return out;
    }

    private static Integer number(String s) {
        if (s.isEmpty() || s.length() > 3) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return null;
            }
        }
        return Integer.parseInt(s);
    }

    private static InetAddress literal(String s) {
        try {
            return Addresses.literal(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
