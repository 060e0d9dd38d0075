package io.portdoc.lab;

import java.time.Duration;
import java.util.List;

/**
 * A second way from the inside client to the server, for one test: through a router namespace to
 * a further server address the server has on a link of its own, and no route back from the server
 * to the client's address on that way. The SSH connection keeps using the direct link, so
 * {@code --ssh} works while the service's SYN, sent from 172.20.0.5, gets no answer.
 * <pre>
 *   inside() eth1 172.20.0.5 ── 172.20.0.1 router 10.8.0.1 ── eth4 10.8.0.2 server()
 * </pre>
 * {@link #close()} deletes the router namespace, and with it both veth pairs.
 */
final class SideRoute implements AutoCloseable {
    static final String CLIENT_IP = "172.20.0.5";
    static final String SERVER_IP = "10.8.0.2";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final String router;

    private SideRoute(String router) {
        this.router = router;
    }

    static SideRoute add(LabNet net, String prefix) {
        SideRoute s = new SideRoute(prefix + ProcessHandle.current().pid() + "-950-side");
        try {
            ip("netns", "add", s.router);
            ip("-n", s.router, "link", "set", "lo", "up");
            ip("link", "add", "eth4", "netns", net.server(), "type", "veth", "peer", "name", "eth0", "netns", s.router);
            ip("link", "add", "eth1", "netns", net.inside(), "type", "veth", "peer", "name", "eth1", "netns", s.router);
            ip("-n", net.server(), "addr", "add", SERVER_IP + "/24", "dev", "eth4");
            ip("-n", s.router, "addr", "add", "10.8.0.1/24", "dev", "eth0");
            ip("-n", s.router, "addr", "add", "172.20.0.1/24", "dev", "eth1");
            ip("-n", net.inside(), "addr", "add", CLIENT_IP + "/24", "dev", "eth1");
            ip("-n", net.server(), "link", "set", "eth4", "up");
            ip("-n", s.router, "link", "set", "eth0", "up");
            ip("-n", s.router, "link", "set", "eth1", "up");
            ip("-n", net.inside(), "link", "set", "eth1", "up");
            ip("-n", net.inside(), "route", "add", "10.8.0.0/24", "via", "172.20.0.1");
            Exec.run(List.of("ip", "netns", "exec", s.router, "sysctl", "-qw", "net.ipv4.ip_forward=1"), null, TIMEOUT)
                    .ok();
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** The server's address on this way (no route back from it to {@link #CLIENT_IP}). */
    String serverAddress() {
        return SERVER_IP;
    }

    private static void ip(String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = "ip";
        System.arraycopy(args, 0, argv, 1, args.length);
        Exec.run(List.of(argv), null, TIMEOUT).ok();
    }

    @Override
    public void close() {
        Exec.run(List.of("ip", "netns", "del", router), null, TIMEOUT);
    }
}
