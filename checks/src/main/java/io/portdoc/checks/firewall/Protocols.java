package io.portdoc.checks.firewall;

import java.util.Locale;
import java.util.Map;

/** IP protocol names as nft and iptables print them (/etc/protocols names and aliases). */
final class Protocols {
    private static final Map<String, Integer> NUMBERS = Map.ofEntries(
            Map.entry("icmp", 1),
            Map.entry("igmp", 2),
            Map.entry("ipip", 4),
            Map.entry("ipencap", 4),
            Map.entry("tcp", 6),
            Map.entry("egp", 8),
            Map.entry("udp", 17),
            Map.entry("dccp", 33),
            Map.entry("ipv6", 41),
            Map.entry("gre", 47),
            Map.entry("esp", 50),
            Map.entry("ah", 51),
            Map.entry("ipv6-icmp", 58),
            Map.entry("icmpv6", 58),
            Map.entry("icmp6", 58),
            Map.entry("ospf", 89),
            Map.entry("pim", 103),
            Map.entry("comp", 108),
            Map.entry("vrrp", 112),
            Map.entry("l2tp", 115),
            Map.entry("sctp", 132),
            Map.entry("udplite", 136),
            Map.entry("mpls-in-ip", 137));

    private Protocols() {}

    /** The protocol number, or -1 when the name is unknown. */
    static int number(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (!n.isEmpty() && n.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(n);
        }
        return NUMBERS.getOrDefault(n, -1);
    }

    static String name(int number) {
        return switch (number) {
            case 6 -> "tcp";
            case 17 -> "udp";
            case 132 -> "sctp";
            default -> Integer.toString(number);
        };
    }
}
