package io.portdoc.lab;

import static io.portdoc.lab.LabNet.CLIENT_IP;
import static io.portdoc.lab.LabNet.OUTSIDE_CLIENT_IP;
import static io.portdoc.lab.LabNet.SERVER_IP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Local redirects and DNAT against a real client: port 8081 redirected to 8080 (nft and
 * iptables), with and without a listener on 8080, for a client on the LAN (nat prerouting) and
 * for a client on the server itself (nat output), and a DNAT through the server to another
 * host. What the real client gets is the expected answer: reached through the redirect means
 * the listening step judges the 8080 listener and names the rule.
 */
@ExtendWith(Lab.class)
@LabPrefix("pdb")
class NatLabTest {
    private static final int PORT = 8081;
    private static final int REAL = 8080;
    private static final int FORWARDED = 8090;

    private static PortdocRun diagnose(LabNet net, String service, int port, String client) {
        // the probe runs on the server, which nat prerouting never sees: the clients above are the ground truth
        return net.portdoc(
                net.server(),
                "diagnose",
                "--service",
                service,
                "--port",
                Integer.toString(port),
                "--client",
                client,
                "--no-probe",
                "--format",
                "json");
    }

    private static void nftRedirect(LabNet net, boolean output) {
        net.nft(net.server(), """
                table ip lab {
                  chain pre { type nat hook prerouting priority dstnat; policy accept;
                    tcp dport 8081 redirect to :8080
                  }
                """ + (output ? """
                  chain out { type nat hook output priority -100; policy accept;
                    tcp dport 8081 redirect to :8080
                  }
                """ : "") + "}\n");
    }

    @Test
    void nftRedirectToARealListenerPasses(LabNet net) {
        Proc webd = net.startDaemon(net.server(), "natd", "0.0.0.0", REAL);
        nftRedirect(net, false);
        net.probeFrom(net.inside(), SERVER_IP, PORT).expect("open");

        PortdocRun r = diagnose(net, webd.processName(), PORT, CLIENT_IP);
        assertEquals("PASS", r.verdict("listening"), r.said("listening"));
        String said = r.said("listening");
        assertTrue(said.contains("redirect to :8080"), said);
        assertTrue(said.contains("redirected to port 8080"), said);
        assertTrue(said.contains(webd.processName()), said);
        assertEquals("PASS", r.verdict("firewall"), r.said("firewall"));

        // portdoc's own probe runs on the server: its connection to 8081 passes nat output, not prerouting
        net.probeFrom(net.server(), SERVER_IP, PORT).expect("refused");
        PortdocRun probed = net.portdoc(
                net.server(),
                "diagnose",
                "--service",
                webd.processName(),
                "--port",
                "8081",
                "--client",
                CLIENT_IP,
                "--format",
                "json");
        assertEquals("WARN", probed.verdict("probe"), probed.said("probe"));
        assertTrue(probed.said("probe").contains("redirect to :8080"), probed.said("probe"));
        assertNull(probed.blockingStep(), probed.toString());
    }

    @Test
    void nftRedirectToNothingFailsNamingTheRealPort(LabNet net) {
        Proc decoy = net.startDaemon(net.server(), "natd", "0.0.0.0", PORT); // on 8081, which the redirect bypasses
        nftRedirect(net, false);
        net.probeFrom(net.inside(), SERVER_IP, PORT).expect("refused");

        PortdocRun r = diagnose(net, decoy.processName(), PORT, CLIENT_IP);
        assertEquals("FAIL", r.verdict("listening"), r.said("listening"));
        String summary = r.step("listening").path("summary").asText();
        assertTrue(summary.contains("redirected to port 8080"), summary);
        assertTrue(summary.contains("8080"), summary);
        assertEquals("listening", r.blockingStep());
    }

    @Test
    void aLocalClientPassesTheOutputHookNotPrerouting(LabNet net) {
        Proc webd = net.startDaemon(net.server(), "natd", "0.0.0.0", REAL);
        nftRedirect(net, false);
        // made on the server: nat prerouting never sees it, so 8081 is still closed for it
        net.probeFrom(net.server(), "127.0.0.1", PORT).expect("refused");
        PortdocRun before = diagnose(net, webd.processName(), PORT, "127.0.0.1");
        assertEquals("FAIL", before.verdict("listening"), before.said("listening"));

        net.reset();
        webd = net.startDaemon(net.server(), "natd", "0.0.0.0", REAL);
        nftRedirect(net, true);
        net.probeFrom(net.server(), "127.0.0.1", PORT).expect("open");
        PortdocRun after = diagnose(net, webd.processName(), PORT, "127.0.0.1");
        assertEquals("PASS", after.verdict("listening"), after.said("listening"));
        assertTrue(
                after.said("listening").contains("ip lab out: tcp dport 8081 redirect to :8080"),
                after.said("listening"));
    }

    @Test
    void iptablesRedirect(LabNet net) {
        Proc webd = net.startDaemon(net.server(), "natd", "0.0.0.0", REAL);
        net.iptables(
                net.server(),
                "-t",
                "nat",
                "-A",
                "PREROUTING",
                "-p",
                "tcp",
                "--dport",
                "8081",
                "-j",
                "REDIRECT",
                "--to-ports",
                "8080");
        net.probeFrom(net.outside(), SERVER_IP, PORT).expect("open");

        PortdocRun r = diagnose(net, webd.processName(), PORT, OUTSIDE_CLIENT_IP);
        assertEquals("PASS", r.verdict("listening"), r.said("listening"));
        assertTrue(r.said("listening").contains("REDIRECT --to-ports 8080"), r.said("listening"));
        assertEquals("PASS", r.verdict("firewall"), r.said("firewall"));
    }

    @Test
    void dnatToAnotherHostIsNotALocalListenerAndTheForwardPathIsJudged(LabNet net) {
        // 10.0.0.156 -> server:8090 -> DNAT to the outside host 172.16.5.20:8080, routed through the server
        Proc backend = net.startDaemon(net.outside(), "natb", "0.0.0.0", REAL);
        net.exec(net.server(), "sysctl", "-qw", "net.ipv4.ip_forward=1").ok();
        try {
            net.nft(net.server(), """
                    table ip lab {
                      chain pre { type nat hook prerouting priority dstnat; policy accept;
                        tcp dport 8090 dnat to 172.16.5.20:8080
                      }
                      chain fw { type filter hook forward priority 0; policy drop;
                        ct state established,related accept
                        ip daddr 172.16.5.20 tcp dport 8080 accept
                      }
                    }
                    """);
            net.probeFrom(net.inside(), SERVER_IP, FORWARDED).expect("open");
            PortdocRun r = diagnose(net, backend.processName(), FORWARDED, CLIENT_IP);
            assertNotEquals("FAIL", r.verdict("listening"), r.said("listening"));
            String said = r.said("listening");
            assertTrue(said.contains("dnat to 172.16.5.20:8080"), said);
            assertTrue(said.contains("forwarded to 172.16.5.20:8080"), said);
            assertEquals("PASS", r.verdict("firewall"), r.said("firewall"));

            // the forward chain now drops the translated packet: the client times out, the firewall step says so
            net.nft(net.server(), "insert rule ip lab fw ip daddr 172.16.5.20 tcp dport 8080 drop\n");
            net.probeFrom(net.inside(), SERVER_IP, FORWARDED).expect("timeout");
            PortdocRun dropped = diagnose(net, backend.processName(), FORWARDED, CLIENT_IP);
            assertNotEquals("FAIL", dropped.verdict("listening"), dropped.said("listening"));
            assertEquals("FAIL", dropped.verdict("firewall"), dropped.said("firewall"));
            assertTrue(dropped.said("firewall").contains("ip lab fw:"), dropped.said("firewall"));
        } finally {
            net.exec(net.server(), "sysctl", "-qw", "net.ipv4.ip_forward=0");
        }
    }

    @Test
    void aRedirectToAPortRangeIsNeverAPass(LabNet net) {
        Proc webd = net.startDaemon(net.server(), "natd", "0.0.0.0", REAL);
        net.nft(net.server(), """
                table ip lab {
                  chain pre { type nat hook prerouting priority dstnat; policy accept;
                    tcp dport 8081 redirect to :8080-8085
                  }
                }
                """);
        // the kernel picks the port (it keeps 8081, which is in the range and free in its nat table)
        String got = net.probeFrom(net.inside(), SERVER_IP, PORT).state();
        assertEquals("refused", got, "the kernel kept port 8081, where nothing listens");

        PortdocRun r = diagnose(net, webd.processName(), PORT, CLIENT_IP);
        assertEquals("WARN", r.verdict("listening"), r.said("listening"));
        assertTrue(r.said("listening").contains("redirect to :8080-8085"), r.said("listening"));
        assertEquals("WARN", r.verdict("firewall"), r.said("firewall"));
        assertTrue(r.said("firewall").contains("port range 8080-8085"), r.said("firewall"));
    }

    @Test
    void apacheIsJudgedForThePortTheRedirectSendsTo(LabNet net) {
        LabNet.requireApache();
        Apache apache = net.startApache(net.server(), """
                Listen 8080
                TypesConfig /etc/mime.types
                <Directory "@DOCROOT@">
                Require ip 10.0.0.0/24
                </Directory>
                """);
        nftRedirect(net, false);
        assertEquals(200, net.httpStatus(net.inside(), "http://" + SERVER_IP + ":8081/"));
        assertEquals(403, net.httpStatus(net.outside(), "http://" + SERVER_IP + ":8081/"));

        PortdocRun inside = net.portdoc(
                net.server(),
                "diagnose",
                "--service",
                apache.processName(),
                "--port",
                "8081",
                "--client",
                CLIENT_IP,
                "--config",
                apache.conf().toString(),
                "--no-probe",
                "--format",
                "json");
        assertEquals("PASS", inside.verdict("config"), inside.said("config"));
        assertTrue(inside.said("config").contains("judged for port 8080"), inside.said("config"));
        assertEquals("PASS", inside.verdict("listening"), inside.said("listening"));
        PortdocRun outside = net.portdoc(
                net.server(),
                "diagnose",
                "--service",
                apache.processName(),
                "--port",
                "8081",
                "--client",
                OUTSIDE_CLIENT_IP,
                "--config",
                apache.conf().toString(),
                "--no-probe",
                "--format",
                "json");
        assertEquals("FAIL", outside.verdict("config"), outside.said("config"));
    }
}
