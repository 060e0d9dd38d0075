package io.portdoc.checks.config.redis;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a redis.conf line into words the way Redis does (sds.c {@code sdssplitargs}): blanks
 * separate words; "double quotes" take the escapes \n \r \t \b \a \\ \" and \xHH; 'single
 * quotes' take only \'; a closing quote must be followed by a blank or the end.
 */
final class RedisArgs {
    private RedisArgs() {}

    /** The words, or null for unbalanced quotes (Redis refuses to start then). */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && isBlank(line.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return out;
            }
            StringBuilder w = new StringBuilder();
            boolean inDouble = false;
            boolean inSingle = false;
            while (true) {
                if (i >= n) {
                    if (inDouble || inSingle) {
                        return null;
                    }
                    break;
                }
                char c = line.charAt(i);
                if (inDouble) {
                    if (c == '\\'
                            && i + 3 < n
                            && line.charAt(i + 1) == 'x'
                            && isHex(line.charAt(i + 2))
                            && isHex(line.charAt(i + 3))) {
                        w.append((char) Integer.parseInt(line.substring(i + 2, i + 4), 16));
                        i += 3;
                    } else if (c == '\\' && i + 1 < n) {
                        char e = line.charAt(++i);
                        w.append(
                                switch (e) {
                                    case 'n' -> '\n';
                                    case 'r' -> '\r';
                                    case 't' -> '\t';
                                    case 'b' -> '\b';
                                    case 'a' -> (char) 7;
                                    default -> e;
                                });
                    } else if (c == '"') {
                        if (i + 1 < n && !isBlank(line.charAt(i + 1))) {
                            return null;
                        }
                        inDouble = false;
                        i++;
                        break;
                    } else {
                        w.append(c);
                    }
                } else if (inSingle) {
                    if (c == '\\' && i + 1 < n && line.charAt(i + 1) == '\'') {
                        w.append('\'');
                        i++;
                    } else if (c == '\'') {
                        if (i + 1 < n && !isBlank(line.charAt(i + 1))) {
                            return null;
                        }
                        inSingle = false;
                        i++;
                        break;
                    } else {
                        w.append(c);
                    }
                } else if (isBlank(c)) {
                    break;
                } else if (c == '"') {
                    inDouble = true;
                } else if (c == '\'') {
                    inSingle = true;
                } else {
                    w.append(c);
                }
                i++;
            }
            out.add(w.toString());
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\0';
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
