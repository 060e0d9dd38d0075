package io.portdoc.checks.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.core.Target;
import io.portdoc.core.host.RecordedSystem;
import io.portdoc.core.net.Addresses;
import io.portdoc.core.vantage.ClientFacts;
import io.portdoc.core.vantage.NameLookup;
import io.portdoc.core.vantage.OutputFilter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The client's facts read from a client recorded in a network namespace (real nft output chain,
 * real ip route get): the output hook is judged by the same engine as the server's input.
 */
class ClientFactsReaderTest {
    static final RecordedSystem CLIENT = new RecordedSystem(Path.of("src/test/resources/hosts/client-output-drop"));
    static final List<InetAddress> SERVER = List.of(Addresses.literal("10.0.0.154"), Addresses.literal("fd42::154"));

    static ClientFacts read(int port, Map<String, String> env) {
        Target t = Target.of("svc", port).withProbe(false, null);
        return new ClientFactsReader(env).read(CLIENT, t, "boven", SERVER, null);
    }

    @ParameterizedTest(name = "port {0}: {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # port | decision | client sees | rule (part)
            80     | DROP     | timeout     | ip daddr 10.0.0.0/24 tcp dport 80 drop
            443    | REJECT   | refused     | oifname "eth*" tcp dport 443 reject with tcp reset
            22     | ACCEPT   | -           | -
            """)
    void outputChainDecides(int port, OutputFilter.Kind kind, String sees, String rule) {
        OutputFilter f = read(port, Map.of()).firewall();
        assertEquals(kind, f.kind());
        if (!sees.equals("-")) {
            assertEquals(sees, f.sees());
            assertTrue(f.rule().contains(rule), f.rule());
            assertTrue(f.rule().contains("inet egress out"), f.rule());
        } else {
            assertNull(f.rule());
        }
    }

    @Test
    void nameFromTheHostsFileWithItsLineAndTheRouteThroughTheGateway() {
        ClientFacts c = read(80, Map.of());
        assertEquals(NameLookup.Origin.HOSTS_FILE, c.lookup().origin());
        assertEquals("/etc/hosts:5", c.lookup().location());
        assertEquals(List.of(Addresses.literal("10.0.0.154")), c.lookup().addresses());
        assertEquals(false, c.nameMismatch());
        assertEquals(Addresses.literal("172.20.0.1"), c.route().gateway());
        assertEquals("eth0", c.route().dev());
        assertEquals(Addresses.literal("172.20.0.5"), c.route().source());
    }

    @Test
    void serverAddressesTheNameDoesNotReachAreAMismatch() {
        ClientFacts c = new ClientFactsReader(Map.of())
                .read(
                        CLIENT,
                        Target.of("svc", 22).withProbe(false, null),
                        "boven",
                        List.of(Addresses.literal("10.0.0.99")),
                        null);
        assertTrue(c.nameMismatch());
    }

    @Test
    void proxyVariablesWithCredentialsMasked() {
        ClientFacts c = read(
                22,
                Map.of(
                        "https_proxy", "http://alice:s3cret@proxy.lan:3128",
                        "no_proxy", "localhost,.lan",
                        "PATH", "/usr/bin"));
        assertEquals(Map.of("https_proxy", "http://***@proxy.lan:3128", "no_proxy", "localhost,.lan"), c.proxies());
    }

    @Test
    void aLiteralNeedsNoLookup() {
        NameLookup l = ClientFactsReader.lookup(CLIENT, "10.0.0.154");
        assertEquals(NameLookup.Origin.LITERAL, l.origin());
    }

    @Test
    void anUnknownNameIsUnresolvedAndHasNoRoute() {
        ClientFacts c = new ClientFactsReader(Map.of())
                .read(CLIENT, Target.of("svc", 22).withProbe(false, null), "nowhere", SERVER, null);
        assertEquals(NameLookup.Origin.UNRESOLVED, c.lookup().origin());
        assertNull(c.route());
        assertNull(c.firewall());
    }
}
