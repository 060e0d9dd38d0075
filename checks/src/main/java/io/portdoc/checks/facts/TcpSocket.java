package io.portdoc.checks.facts;

import io.portdoc.core.net.Addresses;
import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * One line of {@code /proc/net/tcp} or {@code /proc/net/tcp6}. {@code family} is the table it
 * came from; {@code address} is what it is bound to. An IPv4-mapped address in tcp6
 * ({@code ::ffff:10.0.0.1}) comes out as an {@link Inet4Address}: such a socket only serves
 * IPv4 clients, which is what {@link #clientFamily()} says.
 */
public record TcpSocket(Family family, InetAddress address, int port, int state, int uid, long inode) {
    /** TCP_LISTEN in include/net/tcp_states.h. */
    public static final int LISTEN = 0x0A;

    public boolean listening() {
        return state == LISTEN;
    }

    public boolean wildcard() {
        return address.isAnyLocalAddress();
    }

    public boolean loopback() {
        return address.isLoopbackAddress();
    }

    /** The family of the clients this socket can accept (IPv4 for an IPv4-mapped tcp6 address). */
    public Family clientFamily() {
        return address instanceof Inet4Address ? Family.IPV4 : Family.IPV6;
    }

    public BindScope scope() {
        return wildcard() ? BindScope.ALL : loopback() ? BindScope.LOOPBACK : BindScope.SPECIFIC;
    }

    /** The bound address as ss prints it: {@code 0.0.0.0}, {@code ::}, {@code ::ffff:127.0.0.1}. */
    public String host() {
        String a = Addresses.text(address);
        if (family == Family.IPV6 && address instanceof Inet4Address) {
            return "::ffff:" + a;
        }
        return a;
    }

    /** {@code 0.0.0.0:631}, {@code [::]:631}. */
    public String endpoint() {
        return family == Family.IPV6 ? "[" + host() + "]:" + port : host() + ":" + port;
    }
}
