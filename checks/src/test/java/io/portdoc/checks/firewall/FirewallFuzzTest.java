package io.portdoc.checks.firewall;

import static io.portdoc.checks.testing.FuzzInput.bounded;
import static io.portdoc.checks.testing.FuzzInput.text;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.portdoc.checks.testing.FuzzInput;
import io.portdoc.core.net.AddressSet;
import io.portdoc.core.net.Addresses;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The firewall readers on any output of {@code nft}, {@code iptables-save} and {@code ipset list},
 * and the engine on what they parsed: a client's packet and every source at once are evaluated.
 * The documented failures are JSON that does not parse (NftParser) and a ruleset with more
 * evaluation paths than {@link Engine#MAX_STATES} ({@link Engine.TooComplex}); nothing else may
 * escape. Inputs: FirewallFuzzTestInputs/METHOD/, seeded from the fw-* recorded hosts.
 */
class FirewallFuzzTest {
    private static final InetAddress LOCAL = Addresses.literal("10.0.0.1");
    private static final InetAddress CLIENT = Addresses.literal("10.0.0.9");

    /** This host is 10.0.0.1 and everything else is reached through eth1: local DNAT is followed. */
    private static final Engine.Router ROUTER = new Engine.Router() {
        @Override
        public boolean isLocal(InetAddress a) {
            return a.equals(LOCAL) || a.isLoopbackAddress();
        }

        @Override
        public String outInterface(InetAddress a) {
            return "eth1";
        }
    };

    @FuzzTest(maxDuration = FuzzInput.RUN)
    void nftJson(byte[] data) throws Exception {
        bounded(() -> {
            try {
                return evaluate(NftParser.parse(text(data), Set.of("ip filter"), Map.of()));
            } catch (JsonProcessingException notJson) {
                return null;
            }
        });
    }

    @FuzzTest(maxDuration = FuzzInput.RUN)
    void nftText(byte[] data) throws Exception {
        bounded(() -> NftText.texts(text(data)));
    }

    @FuzzTest(maxDuration = FuzzInput.RUN)
    void iptablesSave(byte[] data) throws Exception {
        Map<String, IpsetParser.IpSet> sets =
                IpsetParser.parse("Name: okset\nType: hash:net\nHeader: family inet\nMembers:\n10.2.0.0/16\n10.3.0.1\n"
                        + "Name: svc\nType: hash:ip,port\nHeader: family inet\nMembers:\n10.0.0.7,tcp:90\n");
        bounded(() -> evaluate(IptablesParser.parse(text(data), "iptables", 4, sets)));
    }

    @FuzzTest(maxDuration = FuzzInput.RUN)
    void ipsetList(byte[] data) throws Exception {
        String save = "*filter\n:INPUT DROP [0:0]\n-A INPUT -m set --match-set okset src -j ACCEPT\n"
                + "-A INPUT -m set --match-set svc dst,dst -j ACCEPT\nCOMMIT\n";
        bounded(() -> evaluate(IptablesParser.parse(save, "iptables", 4, IpsetParser.parse(text(data)))));
    }

    private static Object evaluate(Ruleset rs) {
        Engine engine = new Engine(ROUTER);
        try {
            Packet one = new Packet(4, CLIENT, List.of(LOCAL), Packet.TCP, 22, "eth0", false, null, false, false);
            engine.evaluate(rs, one, AddressSet.of(CLIENT));
            Packet any = new Packet(4, null, List.of(LOCAL), Packet.TCP, 80, "eth0", false, null, false, false);
            engine.evaluate(rs, any, AddressSet.allV4());
            Packet v6 = new Packet(
                    6, null, List.of(Addresses.literal("::1")), Packet.UDP, 53, "lo", true, null, false, false);
            return engine.evaluate(rs, v6, AddressSet.allV6());
        } catch (Engine.TooComplex documented) {
            return documented;
        }
    }
}
