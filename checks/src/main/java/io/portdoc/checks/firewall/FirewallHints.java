package io.portdoc.checks.firewall;

import io.portdoc.core.Messages;
import io.portdoc.core.Msg;
import io.portdoc.core.net.Addresses;
import java.net.InetAddress;

/**
 * The command that would let the packet in, in the words of whatever manages the rules
 * (firewalld, ufw, Docker, plain nft or iptables). Printed for the admin, never run.
 */
final class FirewallHints {
    private static final Messages MSG = Messages.of(FirewallHints.class);

    private FirewallHints() {}

    /** A hint for the base chain that stopped the packet; {@code client} may be null. */
    static Msg letIn(FirewallDecision d, Ruleset rs, InetAddress client, int port, String proto) {
        RuleRef base = d.baseChain();
        String src = client == null ? "" : Addresses.text(client);
        boolean v6 = client != null && Packet.family(client) == 6;
        if (base.table().equals("firewalld")) {
            String cmd = client == null
                    ? "firewall-cmd --add-port=" + port + "/" + proto
                    : "firewall-cmd --add-rich-rule='rule family=\"" + (v6 ? "ipv6" : "ipv4") + "\" source address=\""
                            + src + "\" port port=\"" + port + "\" protocol=\"" + proto + "\" accept'";
            return MSG.msg("hint.firewalld", cmd);
        }
        boolean iptables = !base.nft();
        if (iptables && rs.frontEnds().contains(FrontEnd.DOCKER) && base.chain().equals("FORWARD")) {
            return MSG.msg(
                    "hint.docker",
                    base.backend() + " -I DOCKER-USER" + (client == null ? "" : " -s " + src) + " -p " + proto
                            + " -j ACCEPT");
        }
        if (iptables && rs.frontEnds().contains(FrontEnd.UFW) && base.table().equals("filter")) {
            String cmd = client == null
                    ? "ufw allow " + port + "/" + proto
                    : "ufw allow from " + src + " to any port " + port + " proto " + proto;
            return MSG.msg("hint.ufw", cmd);
        }
        if (iptables) {
            String cmd = base.backend() + (base.table().equals("filter") ? "" : " -t " + base.table()) + " -I "
                    + base.chain() + (client == null ? "" : " -s " + src) + " -p " + proto + " --dport " + port
                    + " -j ACCEPT";
            return MSG.msg("hint.iptables", cmd);
        }
        String match = client == null ? "" : (v6 ? "ip6" : "ip") + " saddr " + src + " ";
        return MSG.msg(
                "hint.nft",
                "nft insert rule " + base.family() + " " + base.table() + " " + base.chain() + " " + match + proto
                        + " dport " + port + " accept");
    }
}
