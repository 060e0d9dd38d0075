package io.portdoc.checks.config.postgresql;

import io.portdoc.core.net.AddressSet;

/**
 * The address column of a host line: {@code all}, {@code samehost}, {@code samenet}, an IP
 * block ({@code 10.0.0.0/24}, or address and mask in two columns), or a host name
 * ({@code .example.com} matches the suffix), which PostgreSQL checks by a reverse lookup of the
 * client confirmed by a forward lookup.
 */
public record HbaAddress(Kind kind, String text, Span span) {
    public enum Kind {
        ALL,
        SAMEHOST,
        SAMENET,
        BLOCK,
        HOSTNAME
    }

    public static HbaAddress keyword(Kind kind, String text) {
        return new HbaAddress(kind, text, null);
    }

    /** An IP block; an IPv4 block matches only IPv4 clients, an IPv6 block only IPv6 ones (hba.c). */
    public static HbaAddress block(String text, Span span) {
        return new HbaAddress(Kind.BLOCK, text, span);
    }

    /** The addresses of {@code ALL} and {@code BLOCK}; null for the others. */
    public AddressSet set() {
        return kind == Kind.ALL ? AddressSet.ALL : span == null ? null : span.set();
    }
}
