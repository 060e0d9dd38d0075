package io.portdoc.checks.facts;

import io.portdoc.core.CheckContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The listening sockets on the target port and who holds them, computed once per diagnosis
 * whichever step asks first (the daemon identity, the daemon step's "port 2626 is held by nc,
 * not sshd", the listening step). Only these few inodes are mapped to PIDs, the processes whose
 * names match the service first, so even a host with 50,000 sockets is quick.
 */
public record PortSockets(int port, List<Held> sockets, List<Long> denied) {
    public PortSockets {
        sockets = List.copyOf(sockets);
        denied = List.copyOf(denied);
    }

    /** A socket and the PIDs found holding it (empty: hidden, or nobody). */
    public record Held(TcpSocket socket, List<Long> pids) {
        public Held {
            pids = List.copyOf(pids);
        }
    }

    public static PortSockets of(CheckContext context) {
        return context.fact(
                PortSockets.class, () -> find(context, context.target().port()));
    }

    /** The sockets on another port: the one a local nat rule sends the target port to. */
    public static PortSockets onPort(CheckContext context, int port) {
        return port == context.target().port() ? of(context) : find(context, port);
    }

    private static PortSockets find(CheckContext context, int port) {
        List<Long> daemonPids =
                Daemon.hits(context).stream().map(h -> h.process().pid()).toList();
        List<TcpSocket> onPort = SocketTable.of(context).onPort(port);
        Set<Long> inodes = onPort.stream().map(TcpSocket::inode).collect(Collectors.toSet());
        SocketOwners.Result r = SocketOwners.find(context.system(), inodes, daemonPids);
        List<Held> held = new ArrayList<>();
        onPort.forEach(s -> held.add(new Held(s, r.pids(s.inode()))));
        return new PortSockets(port, held, r.denied());
    }

    /** Every PID holding a socket on the port. */
    public List<Long> pids() {
        return sockets.stream()
                .flatMap(h -> h.pids().stream())
                .distinct()
                .sorted()
                .toList();
    }

    /** True when some socket has no known owner while other processes' fds were unreadable. */
    public boolean ownersHidden() {
        return !denied.isEmpty() && sockets.stream().anyMatch(h -> h.pids().isEmpty());
    }
}
