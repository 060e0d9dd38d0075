package io.portdoc.checks.firewall;

/** A packet property a rule condition looks at, in both nftables and iptables. */
enum Key {
    SADDR,
    DADDR,
    NFPROTO,
    L4PROTO,
    DPORT,
    SPORT,
    IIFNAME,
    OIFNAME,
    CTSTATE,
    CTSTATUS,
    PKTTYPE,
    /** {@code fib daddr type}: local for a packet to this host. */
    FIB_DADDR_TYPE,
    /** {@code fib saddr . iif oif}: reverse-path check; "exists" for a client reached through its arrival interface. */
    FIB_RPF,
    /** iptables {@code -m addrtype --dst-type}. */
    ADDRTYPE_DST
}
