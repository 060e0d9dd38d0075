package io.portdoc.core.remote;

import java.util.List;
import java.util.stream.Collectors;

/**
 * POSIX single quotes: the remote shell takes every byte between them literally, and a quote
 * inside is closed, escaped and reopened ({@code it's} is {@code 'it'\''s'}). Every argument
 * portdoc sends is quoted this way: no user text reaches the remote shell unquoted.
 */
public final class ShellQuote {
    private ShellQuote() {}

    public static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    public static String join(List<String> args) {
        return args.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
    }
}
