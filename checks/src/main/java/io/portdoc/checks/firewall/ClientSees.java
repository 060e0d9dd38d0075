package io.portdoc.checks.firewall;

import java.util.Locale;

/** What the client's connect() reports, in the probe contract's words (DESIGN.md). */
enum ClientSees {
    OPEN("open"),
    TIMEOUT("timeout"),
    REFUSED("refused"),
    HOST_UNREACHABLE("host-unreachable"),
    NETWORK_UNREACHABLE("network-unreachable"),
    UNKNOWN("unknown");

    final String id;

    ClientSees(String id) {
        this.id = id;
    }

    /**
     * A reject type as nft and iptables name it: tcp reset and port-unreachable give ECONNREFUSED;
     * host-/admin-prohibited and host-unreachable EHOSTUNREACH; net-* ENETUNREACH (Linux
     * icmp_err_convert; IPv6 admin-prohibited is EACCES, shown as host-unreachable).
     */
    static ClientSees ofReject(String type) {
        String t = type == null
                ? ""
                : type.toLowerCase(Locale.ROOT)
                        .replace("icmp6-", "")
                        .replace("icmp-", "")
                        .replace("tcp reset", "tcp-reset")
                        .trim();
        return switch (t) {
            case "", "tcp-reset", "port-unreachable", "port-unreach", "icmp-port-unreachable" -> REFUSED;
            case "host-unreachable",
                    "host-prohibited",
                    "admin-prohibited",
                    "adm-prohibited",
                    "addr-unreachable",
                    "addr-unreach",
                    "policy-fail",
                    "reject-route",
                    "proto-unreachable" -> HOST_UNREACHABLE;
            case "net-unreachable", "net-prohibited", "no-route", "noroute" -> NETWORK_UNREACHABLE;
            default -> UNKNOWN;
        };
    }
}
