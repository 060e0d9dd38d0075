package io.portdoc.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The reconciled conclusion over SSH against reality: portdoc in a client namespace reads the
 * server through a real sshd and probes from the client, which is the ground truth. A router
 * between them drops the service's port while every server step passes; and a further server
 * address reached through a router, with no route back from the server.
 */
@ExtendWith(Lab.class)
@LabPrefix("pdh")
class SshVantageLabTest {
    private static PortdocRun portdoc(LabNet net, String ns, SshServer ssh, String... more) {
        List<String> a = new ArrayList<>(List.of("diagnose"));
        a.addAll(ssh.sshOptions());
        a.addAll(List.of(more));
        a.addAll(List.of("--timeout", "2s", "--format", "json"));
        return net.portdoc(ns, a.toArray(String[]::new));
    }

    @Test
    void aRouterBetweenDropsWhileEveryServerStepPasses(LabNet net) {
        SshServer ssh = SshServer.start(net, null, null);
        Proc d = net.startDaemon(net.server(), "vantd", "0.0.0.0", 8115);
        try (NatClient nat = NatClient.add(net)) {
            net.probeFrom(nat.namespace(), NatClient.SERVER_IP, 8115).expect("open");
            net.nft(nat.router(), """
                    table inet fw {
                      chain between { type filter hook forward priority 0; policy accept; tcp dport 8115 drop; }
                    }""");
            ClientOutcome real =
                    net.probeFrom(nat.namespace(), NatClient.SERVER_IP, 8115).expect("timeout");

            PortdocRun r = portdoc(
                    net,
                    nat.namespace(),
                    ssh,
                    "--ssh",
                    NatClient.SERVER_IP,
                    "--service",
                    d.processName(),
                    "--port",
                    "8115");
            for (String step : List.of("daemon", "listening")) {
                assertEquals("PASS", r.verdict(step), r.toString());
            }
            assertEquals(real.state(), r.json().at("/client/probe/state").asText(), r.toString());
            assertEquals("FAIL", r.verdict("probe"), r.toString());
            assertEquals("client", r.step("probe").path("vantage").asText());
            assertEquals("between.drop", r.json().at("/conclusion/summaryKey").asText(), r.toString());
            String summary = r.json().at("/conclusion/summary").asText();
            assertTrue(
                    summary.contains("something between the hosts drops it (the client's route goes through the"
                            + " gateway 192.168.77.1 on eth0"),
                    summary);
            assertTrue(summary.contains("The server sees the client as 10.9.0.2"), summary);
            List<String> text = new ArrayList<>(List.of("diagnose"));
            text.addAll(ssh.sshOptions());
            text.addAll(List.of(
                    "--ssh", NatClient.SERVER_IP, "--service", d.processName(), "--port", "8115", "--timeout", "2s"));
            VantageLabTest.sample(net.portdoc(nat.namespace(), text.toArray(String[]::new)));
        }
    }

    @Test
    void theServerHasNoRouteBackToTheClientsOtherAddress(LabNet net) {
        SshServer ssh = SshServer.start(net, null, null);
        Proc d = net.startDaemon(net.server(), "vantd", "0.0.0.0", 8116);
        try (SideRoute side = SideRoute.add(net, "pdh")) {
            ClientOutcome real =
                    net.probeFrom(net.inside(), side.serverAddress(), 8116).expect("timeout");
            net.probeFrom(net.inside(), LabNet.SERVER_IP, 8116).expect("open");

            PortdocRun r = portdoc(
                    net,
                    net.inside(),
                    ssh,
                    "--ssh",
                    LabNet.SERVER_IP,
                    "--host",
                    side.serverAddress(),
                    "--client",
                    SideRoute.CLIENT_IP,
                    "--service",
                    d.processName(),
                    "--port",
                    "8116");
            assertEquals("FAIL", r.verdict("firewall"), r.toString());
            assertEquals(
                    "routeback.fail.none", r.step("firewall").path("summaryKey").asText(), r.toString());
            assertEquals("server", r.step("firewall").path("vantage").asText());
            JsonNode route = r.json().at("/client/route");
            assertEquals("172.20.0.1", route.path("gateway").asText(), r.toString());
            assertEquals(SideRoute.CLIENT_IP, route.path("source").asText(), r.toString());
            assertEquals(real.state(), r.json().at("/client/probe/state").asText(), r.toString());
            String summary = r.json().at("/conclusion/summary").asText();
            assertTrue(summary.contains("no route back to 172.20.0.5"), summary);
        }
    }
}
