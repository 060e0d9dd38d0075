package io.portdoc.checks.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code /etc/apache2/envvars}: a shell fragment apache2ctl sources to set
 * APACHE_RUN_USER, APACHE_LOG_DIR and friends, which apache2.conf reads as {@code ${VAR}}.
 * Only assignments are read (no shell runs); the one conditional in Debian's file, the SUFFIX
 * for multiple instances, is computed from APACHE_CONFDIR as the script does.
 */
final class Envvars {
    private static final Pattern ASSIGN = Pattern.compile("^(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$");
    private static final Pattern REF = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    private Envvars() {}

    static Map<String, String> parse(String script, String confDir) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("APACHE_CONFDIR", confDir);
        env.put("SUFFIX", confDir.startsWith("/etc/apache2-") ? "-" + confDir.substring("/etc/apache2-".length()) : "");
        int depth = 0;
        for (String raw : script.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("if ") || line.startsWith("if[")) {
                depth++;
                continue;
            }
            if (line.equals("fi") || line.startsWith("fi ") || line.startsWith("fi;")) {
                depth = Math.max(0, depth - 1);
                continue;
            }
            if (depth > 0 || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("unset ")) {
                env.remove(line.substring(6).strip());
                continue;
            }
            Matcher m = ASSIGN.matcher(line);
            if (m.matches()) {
                env.put(m.group(1), expand(unquote(m.group(2).strip()), env));
            }
        }
        env.remove("SUFFIX");
        return env;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        int hash = v.indexOf(" #");
        return hash >= 0 ? v.substring(0, hash).strip() : v;
    }

    private static String expand(String v, Map<String, String> env) {
        Matcher m = REF.matcher(v);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            m.appendReplacement(out, Matcher.quoteReplacement(env.getOrDefault(name, "")));
        }
        m.appendTail(out);
        return out.toString();
    }
}
