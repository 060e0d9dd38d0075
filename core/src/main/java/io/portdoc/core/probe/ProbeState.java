package io.portdoc.core.probe;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * What a client saw when it tried to connect: the probe contract's states, in the order of how
 * much they tell (see {@link #moreTelling}). {@link #id()} is the contract's spelling.
 */
public enum ProbeState {
    OPEN("open"),
    REFUSED("refused"),
    TIMEOUT("timeout"),
    HOST_UNREACHABLE("host-unreachable"),
    NETWORK_UNREACHABLE("network-unreachable"),
    UNRESOLVED("unresolved");

    private final String id;

    ProbeState(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static ProbeState fromId(String id) {
        for (ProbeState s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown probe state " + id);
    }

    /**
     * How far the SYN got, which is how much an attempt tells about the cause: {@code open};
     * {@code refused} (the target host or its firewall answered); {@code host-unreachable} (a
     * firewall or the last router answered); {@code timeout} (silence); {@code
     * network-unreachable} (the packet never left this host, typically an IPv6 address without
     * an IPv6 route beside a working IPv4 one); {@code unresolved} (no address at all).
     */
    private int telling() {
        return switch (this) {
            case OPEN -> 5;
            case REFUSED -> 4;
            case HOST_UNREACHABLE -> 3;
            case TIMEOUT -> 2;
            case NETWORK_UNREACHABLE -> 1;
            case UNRESOLVED -> 0;
        };
    }

    /** The state that tells more about the cause; the overall state of a probe with no open attempt. */
    public ProbeState moreTelling(ProbeState other) {
        return other.telling() > telling() ? other : this;
    }

    /**
     * Classifies what {@link java.net.Socket#connect} threw. Measured on JDK 17 / Linux:
     * ECONNREFUSED gives ConnectException "Connection refused" (nothing listens, REJECT
     * tcp-reset or icmp-port-unreachable); EHOSTUNREACH gives NoRouteToHostException "No route
     * to host" (no ARP answer, or ICMP host-/admin-prohibited); ICMPv6 admin-prohibited gives
     * EACCES, which the JDK throws as BindException "Permission denied"; ENETUNREACH (no route,
     * ICMP net-unreachable) gives a plain SocketException "Network is unreachable"; the connect
     * timeout gives SocketTimeoutException "Connect timed out". Anything else that kept the
     * connection from being even attempted counts as network-unreachable.
     */
    public static ProbeState classify(IOException e) {
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (e instanceof SocketTimeoutException || m.contains("timed out")) {
            return TIMEOUT;
        }
        if (e instanceof UnknownHostException) {
            return UNRESOLVED;
        }
        if (e instanceof NoRouteToHostException
                || m.contains("no route to host")
                || m.contains("host is unreachable")
                || m.contains("host is down")) {
            return HOST_UNREACHABLE;
        }
        if (m.contains("permission denied") || m.contains("operation not permitted")) {
            return HOST_UNREACHABLE; // EACCES / EPERM: a firewall rule said no, like admin-prohibited
        }
        if (m.contains("network is unreachable") || m.contains("network is down")) {
            return NETWORK_UNREACHABLE;
        }
        if (m.contains("connection refused") || m.contains("connection reset")) {
            return REFUSED;
        }
        if (e instanceof ConnectException) {
            return REFUSED; // the JDK's ConnectException is ECONNREFUSED unless said otherwise
        }
        if (e instanceof BindException) {
            return NETWORK_UNREACHABLE; // EADDRNOTAVAIL: no usable source address here
        }
        return NETWORK_UNREACHABLE;
    }
}
