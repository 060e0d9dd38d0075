package io.portdoc.checks.facts;

import io.portdoc.core.host.SystemView;
import io.portdoc.core.net.ServicesDb;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A readable {@code netstat -tlpn}: every listening TCP socket (or those on one port) with
 * what it is bound to, the process holding it and the port's /etc/services name. Used by
 * {@code portdoc listening}. {@code denied} counts the processes whose fds could not be read
 * (other users', without root): sockets without a PID may belong to them.
 */
public record SocketListing(List<Entry> entries, int denied, boolean privileged, SocketTable table) {
    public SocketListing {
        entries = List.copyOf(entries);
    }

    /** {@code pids} empty: no owner found; {@code program} null then. {@code service} may be null. */
    public record Entry(TcpSocket socket, Bind bind, List<Long> pids, String program, String service) {
        public Entry {
            pids = List.copyOf(pids);
        }
    }

    /** Ordered by port, IPv4 before IPv6, then address. {@code port} 0: every port. */
    public static SocketListing read(SystemView system, int port) {
        SocketTable table = SocketTable.read(system);
        List<TcpSocket> sockets = port == 0 ? table.listening() : table.onPort(port);
        Set<Long> inodes = sockets.stream().map(TcpSocket::inode).collect(Collectors.toSet());
        SocketOwners.Result owners = SocketOwners.find(system, inodes, List.of());
        ProcessTable procs = owners.owners().isEmpty() ? new ProcessTable(List.of()) : ProcessTable.read(system);
        ServicesDb services = ServicesDb.load(system, "tcp");
        List<Entry> out = new ArrayList<>();
        for (TcpSocket s : sockets) {
            List<Long> pids = owners.pids(s.inode());
            out.add(new Entry(
                    s,
                    Bind.of(s, sockets, table),
                    pids,
                    pids.isEmpty() ? null : procs.name(pids.get(0)),
                    services.name(s.port()).orElse(null)));
        }
        out.sort(Comparator.comparingInt((Entry e) -> e.socket().port())
                .thenComparing(e -> e.socket().family())
                .thenComparing(e -> e.socket().host()));
        return new SocketListing(out, owners.denied().size(), system.privileged(), table);
    }

    /** Sockets whose owner may be hidden from us (none found while some fds were unreadable). */
    public long hidden() {
        return denied == 0
                ? 0
                : entries.stream().filter(e -> e.pids().isEmpty()).count();
    }
}
