package io.portdoc.checks.config.postgresql;

import io.portdoc.core.host.SystemView;
import io.portdoc.core.net.AddressSet;
import io.portdoc.core.net.Addresses;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What pg_hba.conf matching needs besides the file: whether the server offers SSL, its major
 * version (regular expressions in the user and database columns are 16+; 0 when unknown, read
 * as the newest), its own addresses ({@code samehost}), its subnets ({@code samenet}) and the
 * resolver for host-name lines.
 */
public record HbaEnv(boolean ssl, int version, AddressSet sameHost, AddressSet sameNet, SystemView dns) {
    public boolean regexes() {
        return version == 0 || version >= 16;
    }

    /**
     * hba.c's check_hostname: the client's reverse name must equal the line's name (or end with
     * it when the line starts with a dot), and that name must resolve back to the client.
     */
    public boolean hostnameMatches(String pattern, InetAddress client) {
        if (dns == null) {
            return false;
        }
        Optional<String> name = dns.reverse(client);
        if (name.isEmpty()) {
            return false;
        }
        String n = name.get().toLowerCase(Locale.ROOT);
        String p = pattern.toLowerCase(Locale.ROOT);
        boolean nameOk = p.startsWith(".") ? n.endsWith(p) : n.equals(p);
        if (!nameOk) {
            return false;
        }
        List<InetAddress> forward = dns.resolve(name.get());
        return forward.stream().anyMatch(a -> Addresses.unmap(a).equals(Addresses.unmap(client)));
    }
}
