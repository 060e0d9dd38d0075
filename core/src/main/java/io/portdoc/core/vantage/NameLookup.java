package io.portdoc.core.vantage;

import java.net.InetAddress;
import java.util.List;

/**
 * How the client turns the server's name into addresses. {@code location} is the hosts file line
 * ({@code /etc/hosts:3}) when the name came from there, else null.
 */
public record NameLookup(String name, List<InetAddress> addresses, Origin origin, String location) {
    /** Where the addresses came from; a literal needs no lookup. */
    public enum Origin {
        LITERAL("literal"),
        HOSTS_FILE("hosts-file"),
        DNS("dns"),
        UNRESOLVED("unresolved");

        private final String id;

        Origin(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    public NameLookup {
        addresses = List.copyOf(addresses);
    }
}
