package io.portdoc.core.listing;

import java.util.List;

/**
 * A readable {@code netstat -tlpn}, as {@code portdoc listening} shows it: every listening TCP
 * socket (or those on one port) with what it is bound to, the process holding it and the
 * port's /etc/services name. {@code hiddenOwners} counts the sockets whose owner may be hidden
 * (none found while some processes' fds could not be read, other users' without root);
 * {@code privileged} says whether this run could read them all.
 */
public record Listing(List<Entry> entries, boolean privileged, long hiddenOwners) {
    /** The bind of a {@code ::} socket that serves IPv4 clients too, unless the program set IPV6_V6ONLY. */
    public static final String DUAL_STACK_BIND = "all-v6-dual";

    public Listing {
        entries = List.copyOf(entries);
    }

    /**
     * One listening socket. {@code protocol} is netstat's column ({@code tcp}, {@code tcp6});
     * {@code address} the bound address as ss prints it ({@code 0.0.0.0}, {@code ::},
     * {@code ::ffff:127.0.0.1}); {@code scope} {@code all}, {@code loopback} or {@code specific};
     * {@code bind} the bind's id ({@code all-v4}, {@code loopback-v6} ...); {@code clients} the
     * families it serves ({@code ipv4}, {@code ipv6}). {@code pid} and {@code program} are null
     * when no owner was found; {@code service} is null without an /etc/services name.
     */
    public record Entry(
            String protocol,
            String address,
            int port,
            String scope,
            String bind,
            List<String> clients,
            Long pid,
            String program,
            String service,
            int uid,
            long inode) {
        public Entry {
            clients = List.copyOf(clients);
        }

        public boolean owned() {
            return pid != null;
        }

        public boolean dualStack() {
            return DUAL_STACK_BIND.equals(bind);
        }
    }
}
