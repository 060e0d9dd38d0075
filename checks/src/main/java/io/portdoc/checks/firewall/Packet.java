package io.portdoc.checks.firewall;

import io.portdoc.core.net.Addresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;

/**
 * The first packet of the client's connection as the firewall sees it: a TCP SYN (or the first
 * UDP datagram), conntrack state new, to a local address and the target port.
 *
 * @param family   4 or 6, or 0 when the source is symbolic (both families)
 * @param saddr    the client, or null: evaluate symbolically over all sources
 * @param daddrs   the local address it is sent to; several candidates when not known exactly
 * @param iif      arrival interface, or null when not known (then {@code iifLoopback} says whether it is lo)
 * @param oif      output interface on the forward path (Docker-published ports), else null
 * @param forward  the packet is routed through (after a DNAT to another host), not delivered locally
 * @param dnat     conntrack status dnat (it was translated in prerouting)
 */
record Packet(
        int family,
        InetAddress saddr,
        List<InetAddress> daddrs,
        int proto,
        int dport,
        String iif,
        boolean iifLoopback,
        String oif,
        boolean forward,
        boolean dnat) {
    static final int TCP = 6;
    static final int UDP = 17;
    /** Linux picks client ports from ip_local_port_range (32768-60999); other systems 49152-65535. */
    static final int EPHEMERAL_LO = 32768;

    static final int EPHEMERAL_HI = 65535;

    Packet {
        daddrs = List.copyOf(daddrs);
    }

    boolean symbolicSource() {
        return saddr == null;
    }

    Packet translated(InetAddress to, int port, String outIf, boolean toLocal) {
        return new Packet(
                family,
                saddr,
                to == null ? daddrs : List.of(to),
                proto,
                port > 0 ? port : dport,
                iif,
                iifLoopback,
                outIf,
                !toLocal,
                true);
    }

    /** Same packet restricted to one family (a base chain of an ip or ip6 table). */
    Packet withFamily(int f) {
        return new Packet(
                f,
                saddr,
                daddrs.stream().filter(a -> f == 0 || family(a) == f).toList(),
                proto,
                dport,
                iif,
                iifLoopback,
                oif,
                forward,
                dnat);
    }

    static int family(InetAddress a) {
        return Addresses.unmap(a) instanceof Inet4Address ? 4 : 6;
    }
}
