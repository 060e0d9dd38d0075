package io.portdoc.core;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Message bundles, one per package: {@code <package>/messages.properties}, one key per sentence
 * (like checkstyle's MSG_KEY constants). A translation is one more file, e.g.
 * {@code messages_nl.properties}. Placeholders are {@code {0}}, {@code {1}} ...; unlike
 * MessageFormat, apostrophes need no escaping.
 *
 * <p>The language is chosen once per run with {@link #use(Locale)} (the CLI reads {@code --lang},
 * {@code LC_ALL}, {@code LC_MESSAGES}, {@code LANG}); it is English ({@link Locale#ROOT}) until then,
 * never the JVM's default locale, so a JSON report stays English on a Dutch desktop.
 */
public final class Messages {
    private static final ConcurrentHashMap<String, Messages> CACHE = new ConcurrentHashMap<>();
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    private static volatile Locale locale = Locale.ROOT;

    private final String base;
    private final ClassLoader loader;

    private Messages(String base, ClassLoader loader) {
        this.base = base;
        this.loader = loader;
    }

    /** The bundle in the package of {@code owner}. */
    public static Messages of(Class<?> owner) {
        String base = owner.getPackageName() + ".messages";
        return CACHE.computeIfAbsent(base, b -> new Messages(b, owner.getClassLoader()));
    }

    /** The language of every message made from now on; a missing translation falls back to English. */
    public static void use(Locale language) {
        locale = language;
    }

    public static Locale language() {
        return locale;
    }

    public Msg msg(String key, Object... args) {
        // ResourceBundle caches per (base, locale, loader), so this lookup is a map hit after the first
        ResourceBundle bundle = ResourceBundle.getBundle(base, locale, loader, NO_FALLBACK);
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("missing message key " + key + " in " + base, e);
        }
        return new Msg(key, format(pattern, args));
    }

    /** Longest text echoed into a sentence (a 6 MB Listen line, a name with 1,000 addresses). */
    public static final int MAX_ARG_CHARS = 500;

    static String format(String pattern, Object... args) {
        StringBuilder out = new StringBuilder(pattern.length() + 32);
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            int close = c == '{' ? pattern.indexOf('}', i) : -1;
            if (close > i + 1 && close - i <= 3 && isDigits(pattern, i + 1, close)) {
                int n = Integer.parseInt(pattern.substring(i + 1, close));
                out.append(
                        n < args.length
                                ? Evidence.shorten(String.valueOf(args[n]), MAX_ARG_CHARS)
                                : pattern.substring(i, close + 1));
                i = close;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
