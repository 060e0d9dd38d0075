package io.portdoc.checks.firewall;

import java.util.Locale;
import java.util.Map;

/** Service names nft may print instead of port numbers (with -S, or in old versions). */
final class Ports {
    private static final Map<String, Integer> COMMON = Map.ofEntries(
            Map.entry("ftp", 21),
            Map.entry("ssh", 22),
            Map.entry("telnet", 23),
            Map.entry("smtp", 25),
            Map.entry("domain", 53),
            Map.entry("http", 80),
            Map.entry("www", 80),
            Map.entry("pop3", 110),
            Map.entry("sunrpc", 111),
            Map.entry("imap", 143),
            Map.entry("imap2", 143),
            Map.entry("https", 443),
            Map.entry("submission", 587),
            Map.entry("ipp", 631),
            Map.entry("imaps", 993),
            Map.entry("pop3s", 995),
            Map.entry("mysql", 3306),
            Map.entry("postgresql", 5432),
            Map.entry("http-alt", 8080),
            Map.entry("rsync", 873),
            Map.entry("nfs", 2049),
            Map.entry("dhcpv6-client", 546));

    private Ports() {}

    /** The port number, or -1 when the name is unknown. */
    static int number(String text) {
        String n = text.trim().toLowerCase(Locale.ROOT);
        if (!n.isEmpty() && n.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(n);
        }
        return COMMON.getOrDefault(n, -1);
    }
}
