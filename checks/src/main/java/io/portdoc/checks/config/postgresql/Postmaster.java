package io.portdoc.checks.config.postgresql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the postmaster's command line says about its configuration (postmaster.c's options):
 * {@code -D DIR}, {@code -c name=value} and {@code --name=value}, and the short forms
 * {@code -p PORT}, {@code -h ADDRESSES}, {@code -i} (listen on every address) and {@code -l} (SSL).
 */
public record Postmaster(String dataDir, Map<String, String> settings) {
    public static Postmaster parse(List<String> argv) {
        String dir = null;
        Map<String, String> s = new LinkedHashMap<>();
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            String next = i + 1 < argv.size() ? argv.get(i + 1) : null;
            if (a.startsWith("--") && a.contains("=")) {
                put(s, a.substring(2));
            } else if (a.length() == 2 && a.charAt(0) == '-' && "Dcphk".indexOf(a.charAt(1)) >= 0 && next != null) {
                i++;
                switch (a.charAt(1)) {
                    case 'D' -> dir = next;
                    case 'c' -> put(s, next);
                    case 'p' -> s.put("port", next);
                    case 'h' -> s.put("listen_addresses", next);
                    default -> {} // -k: the Unix socket directory
                }
            } else if (a.startsWith("-D")) {
                dir = a.substring(2);
            } else if (a.startsWith("-c")) {
                put(s, a.substring(2));
            } else if (a.startsWith("-p")) {
                s.put("port", a.substring(2));
            } else if (a.startsWith("-h")) {
                s.put("listen_addresses", a.substring(2));
            } else if (a.equals("-i")) {
                s.put("listen_addresses", "*");
            } else if (a.equals("-l")) {
                s.put("ssl", "on");
            }
        }
        return new Postmaster(dir, s);
    }

    private static void put(Map<String, String> s, String assignment) {
        int eq = assignment.indexOf('=');
        if (eq > 0) {
            // guc.c ParseLongOption: dashes in the name are underscores
            s.put(assignment.substring(0, eq).replace('-', '_').toLowerCase(Locale.ROOT), assignment.substring(eq + 1));
        }
    }
}
