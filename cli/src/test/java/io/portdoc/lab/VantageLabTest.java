package io.portdoc.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The two vantage points against reality. The route back: a server that knows only its own link,
 * reached by a real client through a router namespace: the client's SYN arrives (an nft counter
 * in the server sees it), the client times out, and portdoc on the server names the missing
 * route back. From the client ({@code --from-client}, the server replayed from the seed's
 * recording): a hosts file that points the name elsewhere (a mount namespace's own /etc/hosts),
 * and the client's own output firewall dropping the SYN. What the real client gets is the
 * expected answer.
 */
@ExtendWith(Lab.class)
@LabPrefix("pdh")
class VantageLabTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The seed's server, recorded: the server side of the --from-client runs. */
    private static final Path BOVEN =
            Path.of("..", "examples", "hosts", "boven").toAbsolutePath().normalize();

    @Test
    void theSynArrivesButTheServerHasNoRouteBack(LabNet net) throws IOException {
        try (RoutedNet r = RoutedNet.create("pdh")) {
            net.nft(r.server(), """
                    table inet seen {
                      chain in { type filter hook input priority -10; policy accept; tcp dport 8112 counter; }
                    }""");
            Proc d = net.startDaemon(r.server(), "vantd", "0.0.0.0", 8112);
            net.probeFrom(r.client(), RoutedNet.SERVER_IP, 8112).expect("timeout");
            assertTrue(synsSeen(net, r.server()) > 0, "the client's SYN reached the server");

            PortdocRun p = net.portdoc(
                    r.server(),
                    "diagnose",
                    "--service",
                    d.processName(),
                    "--port",
                    "8112",
                    "--client",
                    RoutedNet.CLIENT_IP,
                    "--no-probe",
                    "--format",
                    "json");
            assertEquals("FAIL", p.verdict("firewall"), p.toString());
            assertEquals(
                    "routeback.fail.none", p.step("firewall").path("summaryKey").asText(), p.toString());
            assertEquals("firewall", p.blockingStep(), p.toString());
            String summary = p.json().at("/conclusion/summary").asText();
            assertTrue(summary.contains("no route back to 172.20.0.5 (Network is unreachable)"), summary);
            assertEquals("server", p.step("firewall").path("vantage").asText());
            sample(net.portdoc(
                    r.server(),
                    "diagnose",
                    "--service",
                    d.processName(),
                    "--port",
                    "8112",
                    "--client",
                    RoutedNet.CLIENT_IP,
                    "--no-probe"));

            // with the route back the real client gets in, and the step says which way the answer leaves
            r.routeBack();
            net.probeFrom(r.client(), RoutedNet.SERVER_IP, 8112).expect("open");
            PortdocRun ok = net.portdoc(
                    r.server(),
                    "diagnose",
                    "--service",
                    d.processName(),
                    "--port",
                    "8112",
                    "--client",
                    RoutedNet.CLIENT_IP,
                    "--no-probe",
                    "--format",
                    "json");
            assertEquals("PASS", ok.verdict("firewall"), ok.toString());
            assertTrue(
                    ok.said("firewall")
                            .contains("the route back to 172.20.0.5 goes through the gateway 10.9.0.1 on eth0"),
                    ok.said("firewall"));
        }
    }

    @Test
    void theClientResolvesTheNameToAnotherHost(LabNet net) throws IOException {
        requireMount();
        Path hosts = Files.writeString(net.dir().resolve("client-hosts"), "127.0.0.1 localhost\n10.0.0.99 boven\n");
        hosts.toFile().setReadable(true, false);
        List<String> wrapper = hostsMount(hosts);
        Exec.Result lookup = net.exec(net.inside(), concat(wrapper, "getent", "hosts", "boven"));
        assertTrue(lookup.out().startsWith("10.0.0.99"), "the real client resolves boven to 10.0.0.99: " + lookup);
        ClientOutcome real = ncThrough(net, wrapper, "boven", 80);

        PortdocRun p = net.portdoc(
                net.inside(),
                wrapper,
                "--recorded-host",
                BOVEN.toString(),
                "diagnose",
                "--service",
                "httpd",
                "--port",
                "80",
                "--host",
                "boven",
                "--from-client",
                "--timeout",
                "2s",
                "--format",
                "json");
        JsonNode name = p.json().at("/client/name");
        assertEquals(true, name.path("mismatch").asBoolean(), p.toString());
        assertEquals("hosts-file", name.path("origin").asText());
        assertEquals("/etc/hosts:2", name.path("location").asText());
        assertEquals("[\"10.0.0.99\"]", name.path("addresses").toString());
        // nobody has 10.0.0.99: the first connect waits for ARP (timeout), a later one may meet the
        // kernel's failed neighbour entry at once (host-unreachable); both say no host answers there
        Set<String> noHost = Set.of("timeout", "host-unreachable");
        String probe = p.json().at("/client/probe/state").asText();
        assertTrue(
                probe.equals(real.state()) || (noHost.contains(probe) && noHost.contains(real.state())),
                "portdoc's probe is the client's: " + probe + " / " + real.state());
        assertEquals("client", p.step("probe").path("vantage").asText());
        sample(net.portdoc(
                net.inside(),
                wrapper,
                "--recorded-host",
                BOVEN.toString(),
                "diagnose",
                "--service",
                "httpd",
                "--port",
                "80",
                "--host",
                "boven",
                "--from-client",
                "--timeout",
                "2s"));
        String summary = p.json().at("/conclusion/summary").asText();
        assertTrue(
                summary.contains("The client resolves boven to 10.0.0.99 (/etc/hosts:2), but the server's addresses"
                        + " are 10.0.0.154 and fd00::154: the client connects to another host"),
                summary);
    }

    @Test
    void theClientsOwnFirewallDropsTheSyn(LabNet net) throws IOException {
        net.startDaemon(net.server(), "vantd", "::", 8114);
        net.probeFrom(net.inside(), LabNet.SERVER_IP, 8114).expect("open");
        net.nft(net.inside(), """
                table inet egress {
                  chain out { type filter hook output priority 0; policy accept; ip daddr 10.0.0.154 tcp dport 8114 drop; }
                }""");
        ClientOutcome real = net.probeFrom(net.inside(), LabNet.SERVER_IP, 8114).expect("timeout");

        PortdocRun p = net.portdoc(
                net.inside(),
                "--recorded-host",
                BOVEN.toString(),
                "diagnose",
                "--service",
                "httpd",
                "--port",
                "8114",
                "--host",
                LabNet.SERVER_IP,
                "--from-client",
                "--timeout",
                "2s",
                "--format",
                "json");
        JsonNode fw = p.json().at("/client/firewall");
        assertEquals("drop", fw.path("decision").asText(), p.toString());
        assertTrue(fw.path("rule").asText().contains("tcp dport 8114 drop"), fw.toString());
        assertEquals(real.state(), fw.path("clientSees").asText(), "what the output firewall does is what nc got");
        assertEquals(real.state(), p.json().at("/client/probe/state").asText());
        assertEquals("client.firewall", p.json().at("/conclusion/summaryKey").asText(), p.toString());
    }

    /** The text report, printed for the README's samples (surefire keeps it in the test's output). */
    static void sample(PortdocRun text) {
        System.out.println("[sample]\n" + text.out());
    }

    /** Packets the counter rule of {@code table inet seen} counted. */
    private static long synsSeen(LabNet net, String ns) throws IOException {
        JsonNode rules = JSON.readTree(
                net.exec(ns, "nft", "-j", "list", "table", "inet", "seen").out());
        long n = 0;
        for (JsonNode item : rules.path("nftables")) {
            for (JsonNode expr : item.path("rule").path("expr")) {
                n += expr.path("counter").path("packets").asLong(0);
            }
        }
        return n;
    }

    private static void requireMount() {
        LabNet.requireTool("unshare");
        LabNet.requireTool("mount");
    }

    /** argv prefix: the rest runs in a mount namespace whose /etc/hosts is {@code hosts} (the machine's stays). */
    private static List<String> hostsMount(Path hosts) {
        return List.of(
                Exec.which("unshare"),
                "-m",
                "--propagation",
                "private",
                "/bin/sh",
                "-c",
                "mount --bind \"$1\" /etc/hosts && shift && exec \"$@\"",
                "sh",
                hosts.toString());
    }

    private static ClientOutcome ncThrough(LabNet net, List<String> wrapper, String host, int port) {
        Exec.Result r = net.exec(
                net.inside(), concat(wrapper, Exec.which("nc"), "-vz", "-w", "2", host, Integer.toString(port)));
        return ClientOutcome.fromNc(r.exit(), r.err() + r.out(), r.elapsedMs());
    }

    private static String[] concat(List<String> first, String... rest) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }
}
