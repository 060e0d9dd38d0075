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
                        String body = glob.substring(i + 1, close);
                        if (body.startsWith("!")) {
                            body = "^" + body.substring(1);
                        }
                        re.append('[').append(body.replace("\\", "\\\\")).append(']');
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

    public static boolean matches(String glob, String text) {
        return compile(glob).matcher(text).matches();
    }
}
