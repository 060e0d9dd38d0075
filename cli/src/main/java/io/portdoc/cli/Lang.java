package io.portdoc.cli;

import io.portdoc.core.Messages;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;

/**
 * The language of portdoc's sentences. {@code --lang} decides; without it the POSIX locale variables
 * do, except for JSON, which programs read and which therefore stays English unless asked.
 */
public enum Lang {
    EN(Locale.ROOT),
    NL(Locale.forLanguageTag("nl"));

    /** POSIX precedence (locale(7)): LC_ALL overrides LC_MESSAGES, which overrides LANG. */
    private static final List<String> LOCALE_VARIABLES = List.of("LC_ALL", "LC_MESSAGES", "LANG");

    private final Locale locale;

    Lang(Locale locale) {
        this.locale = locale;
    }

    public Locale locale() {
        return locale;
    }

    /** The first set locale variable decides; nl, nl_NL.UTF-8, nl_BE@euro are Dutch, C, POSIX and the rest English. */
    public static Lang fromEnvironment(Map<String, String> env) {
        for (String name : LOCALE_VARIABLES) {
            String value = env.get(name);
            if (value != null && !value.isEmpty()) {
                return value.equals("nl")
                                || value.startsWith("nl_")
                                || value.startsWith("nl.")
                                || value.startsWith("nl@")
                        ? NL
                        : EN;
            }
        }
        return EN;
    }

    /** {@code explicit} is the {@code --lang} value or null. */
    public static Lang choose(Lang explicit, boolean json, Map<String, String> env) {
        if (explicit != null) {
            return explicit;
        }
        return json ? EN : fromEnvironment(env);
    }

    /** Sets the language for this run from the parsed command line, before any command runs. */
    static void apply(ParseResult parsed) {
        Lang explicit = null;
        boolean json = false;
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            Lang l = p.matchedOptionValue("--lang", null);
            explicit = l != null ? l : explicit;
            Object format = p.matchedOptionValue("--format", null);
            json |= format != null && format.toString().trim().equalsIgnoreCase("json");
        }
        Messages.use(choose(explicit, json, System.getenv()).locale());
    }

    public static Lang parse(String s) {
        for (Lang l : values()) {
            if (l.name().equalsIgnoreCase(s.trim())) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown language '" + s + "' (use en or nl)");
    }

    /** {@code --lang}: an unknown language is bad input. */
    public static final class Converter implements ITypeConverter<Lang> {
        @Override
        public Lang convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
