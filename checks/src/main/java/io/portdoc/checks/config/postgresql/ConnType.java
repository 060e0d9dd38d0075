package io.portdoc.checks.config.postgresql;

import java.util.Locale;
import java.util.Optional;

/** The first column of a pg_hba.conf line: which connections the line is about. */
public enum ConnType {
    LOCAL,
    HOST,
    HOSTSSL,
    HOSTNOSSL,
    HOSTGSSENC,
    HOSTNOGSSENC;

    private static final ConnType[] ALL = values();
    private final String keyword = name().toLowerCase(Locale.ROOT);

    public static Optional<ConnType> parse(String s) {
        for (ConnType t : ALL) {
            if (t.keyword.equals(s)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    public String keyword() {
        return keyword;
    }

    /**
     * Whether a TCP connection can match: {@code sslPossible} is the server's {@code ssl}
     * setting; with it on, a client may or may not use SSL (psql prefers it), so the SSL-specific
     * types match only some connections. GSSAPI encryption is taken as not in use (it needs a
     * Kerberos ticket on the client).
     */
    public Tri matchesTcp(boolean sslPossible) {
        return switch (this) {
            case LOCAL, HOSTGSSENC -> Tri.NO;
            case HOST, HOSTNOGSSENC -> Tri.YES;
            case HOSTSSL -> sslPossible ? Tri.SOME : Tri.NO;
            case HOSTNOSSL -> sslPossible ? Tri.SOME : Tri.YES;
        };
    }
}
