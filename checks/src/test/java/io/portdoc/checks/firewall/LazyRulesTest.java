package io.portdoc.checks.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.portdoc.core.net.AddressSet;
import io.portdoc.core.net.Addresses;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyRulesTest {
    @Test
    void parsesOnFirstUseOnly() {
        AtomicInteger parsed = new AtomicInteger();
        Rule r = new Rule(List.of(), Action.DROP, null);
        Chain c = new Chain("blk", new LazyRules(() -> {
            parsed.incrementAndGet();
            return List.of(r, r);
        }));
        assertEquals(0, parsed.get(), "a chain nobody enters is never parsed");
        assertEquals(2, c.rules().size());
        assertEquals(r, c.rules().get(1));
        assertEquals(1, parsed.get());
    }

    @Test
    void lazilyParsedChainsEvaluateAndShowRulesAsBefore() throws Exception {
        String save = "*filter\n:INPUT DROP [0:0]\n:blk - [0:0]\n"
                + "-A INPUT -p tcp -m tcp --dport 22 -j blk\n-A INPUT -p tcp -m tcp --dport 80 -j ACCEPT\n"
                + "-A blk -s 10.0.0.0/8 -j REJECT\nCOMMIT\n";
        Ruleset rs = IptablesParser.parse(save, "iptables", 4, Map.of());
        InetAddress client = InetAddress.getByName("10.0.0.1");
        Packet p = new Packet(
                4, client, List.of(Addresses.literal("10.99.0.1")), Packet.TCP, 80, "eth0", false, null, false, false);
        List<Engine.Path> paths = new Engine(Engine.Router.NONE).evaluate(rs, p, AddressSet.of(client));
        assertEquals(true, paths.get(0).decision().accepted());
        assertEquals(
                "-A blk -s 10.0.0.0/8 -j REJECT",
                rs.baseChains().get(0).chains().get("blk").rules().get(0).ref().text());
    }
}
