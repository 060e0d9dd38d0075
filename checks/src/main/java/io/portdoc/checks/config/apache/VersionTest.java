package io.portdoc.checks.config.apache;

import java.util.List;
import java.util.regex.Pattern;

/** {@code <IfVersion [[!]op] version>} from mod_version, against an assumed server version. */
final class VersionTest {
    private VersionTest() {}

    /** Null when the arguments are not understood. */
    static Boolean test(List<String> args, int[] server) {
        String op = "=";
        String ver;
        if (args.size() >= 2) {
            op = args.get(0);
            ver = args.get(1);
        } else {
            ver = args.get(0);
        }
        boolean neg = op.startsWith("!");
        if (neg) {
            op = op.substring(1);
        }
        String serverText = server[0] + "." + server[1] + "." + server[2];
        Boolean r;
        if (op.equals("~") || (ver.startsWith("/") && ver.endsWith("/") && ver.length() > 1)) {
            String re = ver.startsWith("/") ? ver.substring(1, ver.length() - 1) : ver;
            r = Pattern.compile(re).matcher(serverText).find();
        } else {
            int[] v = parse(ver);
            if (v == null) {
                return null;
            }
            int cmp = compare(server, v);
            r = switch (op) {
                case "=", "==" -> cmp == 0;
                case "<" -> cmp < 0;
                case "<=" -> cmp <= 0;
                case ">" -> cmp > 0;
                case ">=" -> cmp >= 0;
                default -> null;
            };
        }
        return r == null ? null : neg != r;
    }

    /** A missing minor or patch level matches any (2.4 = 2.4.x), as mod_version does. */
    private static int compare(int[] server, int[] v) {
        for (int i = 0; i < 3; i++) {
            if (v[i] < 0) {
                return 0;
            }
            if (server[i] != v[i]) {
                return Integer.compare(server[i], v[i]);
            }
        }
        return 0;
    }

    private static int[] parse(String s) {
        String[] p = s.split("\\.");
        if (p.length == 0 || p.length > 3) {
            return null;
        }
        int[] v = {-1, -1, -1};
        try {
            for (int i = 0; i < p.length; i++) {
                v[i] = Integer.parseInt(p[i]);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return v;
    }
}
