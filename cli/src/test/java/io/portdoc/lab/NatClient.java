package io.portdoc.lab;

import java.time.Duration;
import java.util.List;

/**
 * A client behind a masquerading router, added to a {@link LabNet} for one test and removed by
 * {@link #close}: the client (192.168.77.2) routes through the router, which rewrites its source
 * to 10.9.0.2 on the link to the server (10.9.0.1, a third interface of the server namespace).
 * The server sees 10.9.0.2, never the client's own address.
 * <pre>
 *   client 192.168.77.2 eth0 ── eth1 192.168.77.1 router 10.9.0.2 eth0 ── eth3 10.9.0.1 server
 * </pre>
 */
final class NatClient implements AutoCloseable {
    static final String CLIENT_IP = "192.168.77.2";
    static final String ROUTER_IP = "10.9.0.2";
    static final String SERVER_IP = "10.9.0.1";

    private final String router;
    private final String client;

    private NatClient(String router, String client) {
        this.router = router;
        this.client = client;
    }

    static NatClient add(LabNet net) {
        LabNet.requireTool("nft");
        String base = LabNet.prefix() + ProcessHandle.current().pid();
        NatClient n = new NatClient(base + "-rt", base + "-nc");
        try {
            host("ip", "netns", "add", n.router);
            host("ip", "netns", "add", n.client);
            host(
                    "ip",
                    "link",
                    "add",
                    "eth3",
                    "netns",
                    net.server(),
                    "type",
                    "veth",
                    "peer",
                    "name",
                    "eth0",
                    "netns",
                    n.router);
            host(
                    "ip", "link", "add", "eth1", "netns", n.router, "type", "veth", "peer", "name", "eth0", "netns",
                    n.client);
            host("ip", "-n", net.server(), "addr", "add", SERVER_IP + "/24", "dev", "eth3");
            host("ip", "-n", n.router, "addr", "add", ROUTER_IP + "/24", "dev", "eth0");
            host("ip", "-n", n.router, "addr", "add", "192.168.77.1/24", "dev", "eth1");
            host("ip", "-n", n.client, "addr", "add", CLIENT_IP + "/24", "dev", "eth0");
            for (String[] up : List.of(
                    new String[] {net.server(), "eth3"},
                    new String[] {n.router, "eth0"},
                    new String[] {n.router, "eth1"},
                    new String[] {n.router, "lo"},
                    new String[] {n.client, "eth0"},
                    new String[] {n.client, "lo"})) {
                host("ip", "-n", up[0], "link", "set", up[1], "up");
            }
            host("ip", "-n", n.client, "route", "add", "default", "via", "192.168.77.1");
            host("ip", "-n", n.router, "route", "add", "default", "via", SERVER_IP);
            host("ip", "netns", "exec", n.router, "sysctl", "-qw", "net.ipv4.ip_forward=1");
            Exec.run(
                            List.of("ip", "netns", "exec", n.router, "nft", "-f", "-"),
                            "table ip nat {\n chain post {\n type nat hook postrouting priority 100;\n"
                                    + " oifname \"eth0\" masquerade\n }\n}\n",
                            Duration.ofSeconds(20))
                    .ok();
            return n;
        } catch (RuntimeException e) {
            n.close();
            throw e;
        }
    }

    String namespace() {
        return client;
    }

    /** The masquerading router between the client and the server. */
    String router() {
        return router;
    }

    private static void host(String... argv) {
        Exec.run(List.of(argv), null, Duration.ofSeconds(20)).ok();
    }

    @Override
    public void close() {
        // deleting the router namespace removes both veth pairs, the server's eth3 with them
        for (String ns : List.of(client, router)) {
            Exec.run(List.of("ip", "netns", "del", ns), null, Duration.ofSeconds(20));
        }
    }
}
