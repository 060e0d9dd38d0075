package io.portdoc.lab;

import static io.portdoc.lab.LabNet.ABSENT_IP;
import static io.portdoc.lab.LabNet.ABSENT_IP2;
import static io.portdoc.lab.LabNet.SERVER_IP;
import static io.portdoc.lab.LabNet.SERVER_IP6;
import static io.portdoc.lab.LabNet.SERVER_NAME;
import static io.portdoc.lab.LabNet.UNROUTED_IP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The seed's telnet outcomes, for real: a real client ({@code nc}) and {@code portdoc probe}
 * (the real entry point, run in the client namespace) against real listeners and real nft /
 * iptables rules in the server namespace. Each test asserts both, so portdoc's state is checked
 * against what a client really gets.
 */
@ExtendWith(Lab.class)
class ProbeLabTest {
    private static PortdocRun probe(LabNet net, String ns, String host, int port, String timeout) {
        PortdocRun r = net.portdoc(ns, "probe", host, Integer.toString(port), "--timeout", timeout, "--format", "json");
        assertEquals("portdoc/probe/v1", r.json().path("schema").asText(), r.toString());
        return r;
    }

    private static JsonNode attempt(PortdocRun r, int i) {
        return r.json().path("attempts").get(i);
    }

    @Test
    void openFromBothSubnetsAndEveryAddressOfTheNameIsTried(LabNet net) {
        net.startListener(net.server(), "0.0.0.0", 8080); // IPv4 only: the IPv6 address refuses
        net.probeFrom(net.inside(), SERVER_IP, 8080).expect("open");
        net.probeFrom(net.outside(), SERVER_IP, 8080).expect("open");
        net.probeFrom(net.inside(), SERVER_IP6, 8080).expect("refused");

        PortdocRun r = probe(net, net.inside(), SERVER_NAME, 8080, "2s");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("open", r.state());
        assertEquals(SERVER_NAME, r.json().path("host").asText());
        assertEquals(2, r.json().path("attempts").size(), r.toString());
        assertEquals(SERVER_IP, attempt(r, 0).path("address").asText());
        assertEquals("open", attempt(r, 0).path("state").asText());
        assertEquals("fd42:0:0:1::154", attempt(r, 1).path("address").asText());
        assertEquals("refused", attempt(r, 1).path("state").asText());

        PortdocRun outside = probe(net, net.outside(), SERVER_IP, 8080, "2s");
        assertEquals("open", outside.state(), outside.toString());
    }

    @Test
    void nothingListeningIsRefused(LabNet net) {
        net.probeFrom(net.inside(), SERVER_IP, 8081).expect("refused");
        PortdocRun r = probe(net, net.inside(), SERVER_IP, 8081, "2s");
        assertEquals(1, r.exit());
        assertEquals("refused", r.state());
        assertEquals("Connection refused", attempt(r, 0).path("error").asText());
    }

    @Test
    void firewallDropIsTimeout(LabNet net) {
        net.startListener(net.server(), "0.0.0.0", 8085);
        net.nft(net.server(), """
                table inet lab {
                  chain input {
                    type filter hook input priority 0; policy accept;
                    tcp dport 8085 drop
                  }
                }
                """);
        ClientOutcome real = net.probeFrom(net.inside(), SERVER_IP, 8085, Duration.ofSeconds(1));
        assertEquals("timeout", real.state(), real.message());
        PortdocRun r = probe(net, net.inside(), SERVER_IP, 8085, "1s");
        assertEquals(1, r.exit());
        assertEquals("timeout", r.state(), r.toString());
        assertTrue(attempt(r, 0).path("elapsedMs").asLong() >= 900, r.toString());
    }

    @Test
    void nftRejectWithTcpResetIsRefused(LabNet net) {
        net.startListener(net.server(), "0.0.0.0", 8086);
        net.nft(net.server(), """
                table inet lab {
                  chain input {
                    type filter hook input priority 0; policy accept;
                    tcp dport 8086 reject with tcp reset
                  }
                }
                """);
        net.probeFrom(net.inside(), SERVER_IP, 8086).expect("refused");
        assertEquals("refused", probe(net, net.inside(), SERVER_IP, 8086, "2s").state());
    }

    @Test
    void iptablesPlainRejectIsRefused(LabNet net) {
        net.startListener(net.server(), "0.0.0.0", 8087);
        net.iptables(net.server(), "-A", "INPUT", "-p", "tcp", "--dport", "8087", "-j", "REJECT");
        net.probeFrom(net.inside(), SERVER_IP, 8087).expect("refused");
        assertEquals("refused", probe(net, net.inside(), SERVER_IP, 8087, "2s").state());
    }

    @Test
    void nftRejectAdminProhibitedIsHostUnreachableAndFast(LabNet net) {
        net.startListener(net.server(), "0.0.0.0", 8088);
        net.nft(net.server(), """
                table inet lab {
                  chain input {
                    type filter hook input priority 0; policy accept;
                    tcp dport 8088 reject with icmpx admin-prohibited
                  }
                }
                """);
        ClientOutcome real = net.probeFrom(net.inside(), SERVER_IP, 8088);
        assertEquals("host-unreachable", real.state(), real.message());
        assertTrue(real.elapsedMs() < 1500, real.toString());
        PortdocRun r = probe(net, net.inside(), SERVER_IP, 8088, "3s");
        assertEquals("host-unreachable", r.state(), r.toString());
        assertTrue(attempt(r, 0).path("elapsedMs").asLong() < 1000, r.toString());
        // the text report tells this fast kind from an absent host
        PortdocRun text = net.portdoc(net.inside(), "probe", SERVER_IP, "8088");
        assertTrue(text.out().contains("firewall rejects with host-prohibited or admin-prohibited"), text.out());
    }

    @Test
    void iptablesRejectHostProhibitedIsHostUnreachable(LabNet net) {
        net.startListener(net.server(), "0.0.0.0", 8089);
        net.iptables(
                net.server(),
                "-A",
                "INPUT",
                "-p",
                "tcp",
                "--dport",
                "8089",
                "-j",
                "REJECT",
                "--reject-with",
                "icmp-host-prohibited");
        net.probeFrom(net.inside(), SERVER_IP, 8089).expect("host-unreachable");
        PortdocRun r = probe(net, net.inside(), SERVER_IP, 8089, "3s");
        assertEquals("host-unreachable", r.state(), r.toString());
        assertTrue(attempt(r, 0).path("elapsedMs").asLong() < 1000, r.toString());
    }

    @Test
    void ip6tablesAdminProhibitedIsHostUnreachableToo(LabNet net) {
        net.startListener(net.server(), "::", 8090);
        net.ip6tables(
                net.server(),
                "-A",
                "INPUT",
                "-p",
                "tcp",
                "--dport",
                "8090",
                "-j",
                "REJECT",
                "--reject-with",
                "icmp6-adm-prohibited");
        ClientOutcome real = net.probeFrom(net.inside(), SERVER_IP6, 8090);
        assertEquals("host-unreachable", real.state(), real.message()); // EACCES: "Permission denied"
        PortdocRun r = probe(net, net.inside(), SERVER_IP6, 8090, "3s");
        assertEquals("host-unreachable", r.state(), r.toString());
        assertEquals("Permission denied", attempt(r, 0).path("error").asText());
    }

    @Test
    void absentHostOnTheSubnetIsHostUnreachableAfterTheArpTimeout(LabNet net) {
        // both at once (different addresses: a failed ARP entry would make a second try fail fast)
        CompletableFuture<ClientOutcome> real =
                CompletableFuture.supplyAsync(() -> net.probeFrom(net.inside(), ABSENT_IP, 80, Duration.ofSeconds(6)));
        PortdocRun r = probe(net, net.inside(), ABSENT_IP2, 80, "6s");
        ClientOutcome client = real.join();
        assertEquals("host-unreachable", client.state(), client.message());
        assertTrue(client.elapsedMs() >= 2000, client.toString());
        assertEquals("host-unreachable", r.state(), r.toString());
        assertEquals("No route to host", attempt(r, 0).path("error").asText());
        assertTrue(attempt(r, 0).path("elapsedMs").asLong() >= 2000, r.toString());
    }

    @Test
    void noRouteIsNetworkUnreachable(LabNet net) {
        ClientOutcome real = net.probeFrom(net.inside(), UNROUTED_IP, 80);
        assertEquals("network-unreachable", real.state(), real.message());
        PortdocRun r = probe(net, net.inside(), UNROUTED_IP, 80, "2s");
        assertEquals(1, r.exit());
        assertEquals("network-unreachable", r.state(), r.toString());
        assertEquals("Network is unreachable", attempt(r, 0).path("error").asText());
    }
}
