package io.portdoc.core.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Masks secrets in a process's command line before it goes into any report: the value after
 * {@code --password}, {@code -p}, {@code --pass}, {@code --token}, {@code --secret}, {@code --key}
 * (or their {@code =} forms), the password of {@code user:pass@} in URLs, and the value of
 * {@code *_PASSWORD=}, {@code *_TOKEN=}, {@code *_SECRET=} arguments.
 */
public final class Secrets {
    public static final String MASK = "***";
    private static final Set<String> VALUE_OPTIONS =
            Set.of("--password", "-p", "--pass", "--passwd", "--token", "--secret", "--key");
    private static final Pattern OPTION_EQUALS =
            Pattern.compile("(?i)^(--(?:password|pass|passwd|token|secret|key)=).*");
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://[^/:@\\s]*:)[^@/\\s]*@");
    private static final Pattern ENV_SECRET =
            Pattern.compile("(?i)^((?:[A-Z0-9_]*_)?(?:PASSWORD|PASSWD|TOKEN|SECRET)=).*");

    private Secrets() {}

    /** The arguments with secret values replaced by {@value #MASK}. */
    public static List<String> mask(List<String> argv) {
        List<String> out = new ArrayList<>(argv.size());
        boolean nextIsSecret = false;
        for (String a : argv) {
            if (nextIsSecret) {
                out.add(MASK);
                nextIsSecret = false;
                continue;
            }
            nextIsSecret = VALUE_OPTIONS.contains(a.toLowerCase(Locale.ROOT));
            out.add(mask(a));
        }
        return out;
    }

    /** One argument: its {@code =} value or URL password masked. */
    public static String mask(String arg) {
        String a = OPTION_EQUALS.matcher(arg).replaceFirst("$1" + MASK);
        a = ENV_SECRET.matcher(a).replaceFirst("$1" + MASK);
        return URL_PASSWORD.matcher(a).replaceAll("$1" + MASK + "@");
    }
}
