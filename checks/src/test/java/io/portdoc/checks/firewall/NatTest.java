package io.portdoc.checks.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.checks.facts.NatTranslation;
import io.portdoc.core.CheckContext;
import io.portdoc.core.Target;
import io.portdoc.core.host.RecordedSystem;
import io.portdoc.core.net.AddressSet;
import io.portdoc.core.net.Addresses;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Where the nat rules send a client's first packet, on rulesets captured from real nft and
 * iptables in a network namespace (resources {@code nat/}). Semantics from man nft, NAT
 * STATEMENTS ({@code redirect to :PORT} keeps the address the packet arrived for and changes the
 * port, no port keeps it; {@code dnat to ADDR[:PORT]}; a map lookup that misses does not
 * translate; ranges let the kernel pick) and iptables-extensions REDIRECT ({@code --to-ports}) and
 * DNAT ({@code --to-destination [ipaddr[-ipaddr]][:port[-port]]}). Packets from other hosts pass
 * nat prerouting, packets made on this host nat output.
 */
class NatTest {
    private static final InetAddress SERVER = Addresses.literal("10.0.0.154");

    /** This host has 10.0.0.154 and fd00::154; everything else is reached through eth0. */
    private static final Engine.Router ROUTER = new Engine.Router() {
        @Override
        public boolean isLocal(InetAddress a) {
            return a.isLoopbackAddress()
                    || a.equals(SERVER)
                    || Addresses.text(a).equals("fd00::154");
        }

        @Override
        public String outInterface(InetAddress a) {
            return "eth0";
        }
    };

    private static String read(String name) throws Exception {
        return Files.readString(Path.of("src/test/resources/io/portdoc/checks/firewall/nat/" + name));
    }

    private static Ruleset ruleset(String source) throws Exception {
        return switch (source) {
            case "nft" -> NftParser.parse(read("nft-nat.json"), Set.of(), NftText.texts(read("nft-nat.txt")));
            case "iptables" ->
                Ruleset.merge(List.of(
                        IptablesParser.parse(read("iptables-nat.save"), "iptables", 4, Map.of()),
                        IptablesParser.parse(read("ip6tables-nat.save"), "ip6tables", 6, Map.of())));
            default -> throw new IllegalArgumentException(source);
        };
    }

    /** The translation for one client ("-": every remote source) sending to port {@code dport}. */
    static NatTranslation translate(Ruleset rs, String client, int dport) {
        Engine engine = new Engine(ROUTER);
        if (client.equals("-")) {
            List<Engine.Nat> all = new ArrayList<>();
            for (int f : new int[] {4, 6}) {
                AddressSet remote = (f == 4 ? AddressSet.allV4() : AddressSet.allV6())
                        .minus(AddressSet.parseCidr(f == 4 ? "127.0.0.0/8" : "::1/128"));
                InetAddress dst = Addresses.literal(f == 4 ? "10.0.0.154" : "fd00::154");
                Packet p = new Packet(f, null, List.of(dst), Packet.TCP, dport, "eth0", false, null, false, false);
                all.addAll(engine.nat(rs, Hook.PREROUTING, p, remote));
            }
            return NatSource.summarize(all, RuleRef::describe);
        }
        InetAddress c = Addresses.literal(client);
        boolean local = ROUTER.isLocal(c);
        InetAddress dst = local ? c : Addresses.literal(Packet.family(c) == 4 ? "10.0.0.154" : "fd00::154");
        Packet p = new Packet(
                Packet.family(c), c, List.of(dst), Packet.TCP, dport, local ? "lo" : "eth0", local, null, false, false);
        return NatSource.summarize(
                engine.nat(rs, local ? Hook.OUTPUT : Hook.PREROUTING, p, AddressSet.of(c)), RuleRef::describe);
    }

    @ParameterizedTest(name = "{0} {1} -> :{2}: {3} {4}")
    @CsvSource(delimiter = '|', textBlock = """
            # source | client    | port | kind    | to             | the rule or why
            nft      | 10.0.0.7  | 8081 | LOCAL   | :8080          | tcp dport 8081 redirect to :8080 (handle 4)
            nft      | 127.0.0.1 | 8081 | LOCAL   | :8080          | ip nat output: tcp dport 8081 redirect to :8080
            nft      | 127.0.0.1 | 8083 | NONE    | -              | -
            nft      | 10.0.0.7  | 8083 | REMOTE  | 10.9.0.2:80    | dnat to 10.9.0.2:80
            nft      | 10.0.0.7  | 8084 | REMOTE  | 10.9.0.2:8084  | dnat to 10.9.0.2 (handle
            nft      | 10.0.0.7  | 8082 | LOCAL   | :8080          | redirect to :tcp dport map @ports
            nft      | 10.0.0.7  | 8085 | REMOTE  | 10.9.0.3:8085  | dnat to tcp dport map
            nft      | 10.0.0.7  | 8086 | REMOTE  | 10.9.0.4:8086  | dnat to tcp dport map
            nft      | 10.0.0.1  | 8087 | REMOTE  | 10.9.0.5:80    | ip saddr . tcp dport map
            nft      | 10.0.0.7  | 8087 | NONE    | -              | -
            nft      | 10.0.0.7  | 8088 | RANGE   | -              | port range 80-90
            nft      | 10.0.0.7  | 8089 | RANGE   | -              | an address range
            nft      | 10.0.0.7  | 8090 | LOCAL   | :8090          | tcp dport 8090 redirect (handle
            nft      | 10.0.0.7  | 8091 | RANGE   | -              | port range 8080-8085
            nft      | 10.0.0.7  | 8092 | REMOTE  | 10.9.0.2:80    | inet nat6 prerouting: tcp dport 8092 dnat ip to
            nft      | fd00::7   | 8092 | NONE    | -              | -
            nft      | 10.0.0.7  | 8093 | REMOTE  | 10.9.0.2:80    | dnat ip to tcp dport map
            nft      | 10.0.0.7  | 8094 | REMOTE  | 10.9.0.6:80    | ip saddr 10.0.0.0/24 dnat
            nft      | 172.16.5.7 | 8094 | NONE   | -              | -
            nft      | -         | 8094 | PARTIAL | -              | ip saddr 10.0.0.0/24 dnat to 10.9.0.6:80 (handle 16): 10.0.0.0/24
            nft      | -         | 8081 | PARTIAL | -              | redirect to :8080 (handle 4): IPv4
            nft      | 10.0.0.7  | 8095 | LOCAL   | 10.0.0.154:8080 | dnat to 10.0.0.154:8080
            nft      | fd00::7   | 8096 | REMOTE  | [fd00::2]:80   | dnat ip6 to [fd00::2]:80
            nft      | 10.0.0.7  | 8099 | NONE    | -              | -
            iptables | 10.0.0.7  | 8081 | LOCAL   | :8080          | -A PREROUTING -p tcp -m tcp --dport 8081 -j REDIRECT --to-ports 8080
            iptables | 127.0.0.1 | 8081 | LOCAL   | :8080          | iptables nat OUTPUT rule 1
            iptables | 10.0.0.7  | 8083 | REMOTE  | 10.9.0.2:80    | --to-destination 10.9.0.2:80
            iptables | 10.0.0.7  | 8084 | REMOTE  | 172.17.0.2:80  | iptables nat DOCKER rule 1
            iptables | 10.0.0.7  | 8088 | RANGE   | -              | port range 80-90
            iptables | 10.0.0.7  | 8089 | RANGE   | -              | address range 10.9.0.2-10.9.0.4
            iptables | 10.0.0.7  | 8090 | LOCAL   | :8090          | -j REDIRECT
            iptables | 10.0.0.7  | 8091 | RANGE   | -              | port range 8080-8085
            iptables | 10.0.0.7  | 8094 | REMOTE  | 10.9.0.6:80    | -s 10.0.0.0/24
            iptables | 172.16.5.7 | 8094 | NONE   | -              | -
            iptables | fd00::7   | 8096 | REMOTE  | [fd00::2]:80   | ip6tables nat PREROUTING rule 1
            iptables | 10.0.0.7  | 8099 | NONE    | -              | -
            """)
    void translation(String source, String client, int port, NatTranslation.Kind kind, String to, String rule)
            throws Exception {
        NatTranslation n = translate(ruleset(source), client, port);
        assertEquals(kind, n.kind(), n.toString());
        if (!to.equals("-")) {
            assertEquals(to, n.destination(), n.toString());
        }
        if (!rule.equals("-")) {
            String said = n.rule() + (n.why() == null ? "" : ": " + n.why());
            assertTrue(said.contains(rule), said);
        }
    }

    /** Docker's published port on the recorded host: the fact the listening and firewall steps share. */
    @ParameterizedTest(name = "fw-docker {0} -> :{1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            10.0.0.156 | 8080 | REMOTE | 172.17.0.2:80
            10.0.0.156 | 22   | NONE   | -
            """)
    void dockerPublishedPort(String client, int port, NatTranslation.Kind kind, String to) throws Exception {
        RecordedSystem sys = new RecordedSystem(Path.of("src/test/resources/hosts/fw-docker"));
        CheckContext ctx = new CheckContext(sys, Target.of("svc", port).withClient(InetAddress.getByName(client)));
        NatTranslation n = NatTranslation.of(ctx);
        assertEquals(kind, n.kind(), n.toString());
        if (!to.equals("-")) {
            assertEquals(to, n.destination());
            assertTrue(n.rule().contains("DNAT --to-destination 172.17.0.2:80"), n.rule());
        }
        assertTrue(NatTranslation.of(ctx) == n, "computed once per diagnosis");
    }
}
