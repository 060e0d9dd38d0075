package io.portdoc.checks.config.apache;

import java.util.ArrayList;
import java.util.List;

/**
 * Apache's line and word rules (server/util.c): a line ending in a single backslash continues
 * on the next (even a comment line), leading and trailing blanks go, {@code #} starts a comment
 * only as the first character of a line, and words are split like {@code ap_getword_conf}:
 * blanks separate, a word starting with a double or single quote runs to the matching quote
 * (a backslash before that quote keeps it in the word). A line is a C string there: what follows
 * a NUL byte is not read (nor could a path with a NUL be opened).
 */
final class Lexer {
    private Lexer() {}

    /** A logical line and the physical line it started on. */
    record Line(int number, String text) {}

    static List<Line> lines(String content) {
        List<Line> out = new ArrayList<>();
        String[] raw = content.split("\n", -1);
        StringBuilder cur = null;
        int start = 0;
        for (int i = 0; i < raw.length; i++) {
            String l = raw[i];
            if (l.endsWith("\r")) {
                l = l.substring(0, l.length() - 1);
            }
            int nul = l.indexOf('\0');
            if (nul >= 0) {
                l = l.substring(0, nul); // httpd reads a line as a C string: it ends at a NUL byte
            }
            if (cur == null) {
                cur = new StringBuilder();
                start = i + 1;
            }
            if (l.endsWith("\\") && !l.endsWith("\\\\")) {
                cur.append(l, 0, l.length() - 1);
                continue;
            }
            cur.append(l);
            add(out, start, cur.toString());
            cur = null;
        }
        if (cur != null) {
            add(out, start, cur.toString());
        }
        return out;
    }

    private static void add(List<Line> out, int number, String text) {
        String t = text.strip();
        if (!t.isEmpty() && t.charAt(0) != '#') {
            out.add(new Line(number, t));
        }
    }

    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (true) {
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return out;
            }
            char c = s.charAt(i);
            if (c == '"' || c == '\'') {
                StringBuilder w = new StringBuilder();
                int j = i + 1;
                while (j < n && s.charAt(j) != c) {
                    if (s.charAt(j) == '\\' && j + 1 < n && s.charAt(j + 1) == c) {
                        j++;
                    }
                    w.append(s.charAt(j));
                    j++;
                }
                out.add(w.toString());
                i = j + 1;
            } else {
                int j = i;
                while (j < n && !Character.isWhitespace(s.charAt(j))) {
                    j++;
                }
                out.add(s.substring(i, j));
                i = j;
            }
        }
    }
}
