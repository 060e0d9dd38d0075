package io.portdoc.checks.facts;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * What one listening socket is bound to, and so which clients it can serve. /proc/net/tcp6
 * does not show IPV6_V6ONLY; the socket's own flag, read through ss ({@link V6OnlyFlags}),
 * decides when known ({@link #ALL_V6_V6ONLY}, {@link #ALL_V6_MAPPED}). Without it a socket on
 * {@code ::} is presumed dual-stack (IPv4 clients too, as IPv4-mapped addresses) when
 * {@code net.ipv6.bindv6only} is 0, unless 0.0.0.0 is bound on the same port: that bind would
 * have failed with a dual-stack {@code ::} socket, so that one must be IPv6-only.
 */
public enum Bind {
    /** 0.0.0.0: every IPv4 address. */
    ALL_V4(BindScope.ALL, true, false),
    /** :: with bindv6only=0: every IPv6 address, IPv4 too unless the program set IPV6_V6ONLY. */
    ALL_V6_DUAL(BindScope.ALL, true, true),
    /** :: with net.ipv6.bindv6only=1: IPv6 only. */
    ALL_V6_ONLY(BindScope.ALL, false, true),
    /** :: next to 0.0.0.0 on the same port: IPv6 only (IPV6_V6ONLY set). */
    ALL_V6_PAIRED(BindScope.ALL, false, true),
    /** :: whose IPV6_V6ONLY is read as set (ss: v6only:1): IPv6 only, whatever the sysctl says. */
    ALL_V6_V6ONLY(BindScope.ALL, false, true),
    /** :: whose IPV6_V6ONLY is read as clear (ss: v6only:0): IPv6, and IPv4 as mapped addresses. */
    ALL_V6_MAPPED(BindScope.ALL, true, true),
    LOOPBACK_V4(BindScope.LOOPBACK, true, false),
    LOOPBACK_V6(BindScope.LOOPBACK, false, true),
    SPECIFIC_V4(BindScope.SPECIFIC, true, false),
    SPECIFIC_V6(BindScope.SPECIFIC, false, true);

    public final BindScope scope;
    /** Serves IPv4 clients (for ALL_V6_DUAL: presumably, see {@link #presumed()}). */
    public final boolean v4;

    public final boolean v6;

    Bind(BindScope scope, boolean v4, boolean v6) {
        this.scope = scope;
        this.v4 = v4;
        this.v6 = v6;
    }

    /** Message key suffix: {@code all-v4}, {@code loopback-v6} ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** True when the families served are inferred from the sysctl, not read from the socket's flag. */
    public boolean presumed() {
        return this == ALL_V6_DUAL || this == ALL_V6_ONLY;
    }

    /** {@link #of(TcpSocket, Collection, boolean, Optional)} with the table's sysctl and flag. */
    public static Bind of(TcpSocket s, Collection<TcpSocket> samePort, SocketTable table) {
        return of(s, samePort, table.bindV6Only(), table.v6only().of(s));
    }

    /**
     * {@code samePort}: the other listening sockets on the same port (this one may be among them);
     * {@code v6onlyFlag}: the socket's IPV6_V6ONLY when read.
     */
    public static Bind of(
            TcpSocket s, Collection<TcpSocket> samePort, boolean bindV6Only, Optional<Boolean> v6onlyFlag) {
        boolean v4clients = s.clientFamily() == Family.IPV4;
        return switch (s.scope()) {
            case ALL -> {
                if (v4clients) {
                    yield ALL_V4;
                }
                boolean v4Wildcard = samePort.stream()
                        .anyMatch(o -> o.port() == s.port() && o.wildcard() && o.clientFamily() == Family.IPV4);
                if (v6onlyFlag.isPresent()) { // the socket's own flag beats every inference
                    yield !v6onlyFlag.get() ? ALL_V6_MAPPED : v4Wildcard ? ALL_V6_PAIRED : ALL_V6_V6ONLY;
                }
                if (bindV6Only) {
                    yield ALL_V6_ONLY;
                }
                yield v4Wildcard ? ALL_V6_PAIRED : ALL_V6_DUAL;
            }
            case LOOPBACK -> v4clients ? LOOPBACK_V4 : LOOPBACK_V6;
            case SPECIFIC -> v4clients ? SPECIFIC_V4 : SPECIFIC_V6;
        };
    }
}
