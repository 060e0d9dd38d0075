package io.portdoc.checks.config.files;

import java.util.regex.Pattern;

/**
 * Shell wildcards as the daemons read them ({@code apr_fnmatch} with APR_FNM_PATHNAME, glob(3)):
 * {@code *} and {@code ?} stop at {@code /}, {@code [...]} and {@code [!...]} are classes, a
 * backslash quotes the next character. The one glob for every engine; callers walk directories.
 */
public final class Glob {
    private Glob() {}

    public static boolean hasWildcard(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
    }

    public static Pattern compile(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> re.append("[^/]*");
                case '?' -> re.append("[^/]");
                case '[' -> {
                    int close = glob.indexOf(']', i + 2);
                    if (close < 0) {
                        re.append("\\[");
                    } else {
                        re.append(charClass(glob.substring(i + 1, close)));
                        i = close;
                    }
                }
                case '\\' -> {
                    if (i + 1 < glob.length()) {
                        re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    /**
     * A bracket expression's body ({@code a-z_}, {@code !0-9}) as a Java class: every character
     * literal but a range's dash (the body is not handed to the regex compiler, where {@code [},
     * {@code &&} or {@code \\E} have meanings of their own); a range whose end comes before its
     * start matches nothing, as in fnmatch; a negated class never matches {@code /}.
     */
    private static String charClass(String body) {
        boolean negated = body.startsWith("!");
        String b = negated ? body.substring(1) : body;
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < b.length(); k++) {
            char from = b.charAt(k);
            if (k + 2 < b.length() && b.charAt(k + 1) == '-') {
                char to = b.charAt(k + 2);
                if (from <= to) {
                    out.append(literal(from)).append('-').append(literal(to));
                }
                k += 2;
            } else {
                out.append(literal(from));
            }
        }
        if (negated) {
            return "[^/" + out + "]";
        }
        return out.length() == 0 ? "(?!)" : "[" + out + "]";
    }

    private static String literal(char c) {
        return Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c;
    }

    public static boolean matches(String glob, String text) {
        return compile(glob).matcher(text).matches();
    }
}
