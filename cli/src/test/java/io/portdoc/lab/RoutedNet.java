package io.portdoc.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Three namespaces of a test's own, for paths through a router: a server that knows only its own
 * link (no default route), a router that forwards between the two links, and a client whose
 * default route is the router. Nothing links them to any other network.
 * <pre>
 *   client() 172.20.0.5/24 ── 172.20.0.1 router() 10.9.0.1 ── 10.9.0.2/24 server()
 * </pre>
 * So the client's SYN reaches the server, but the server has no route back to 172.20.0.0/24
 * until {@link #routeBack()} adds one. Names start with the lab prefix and this JVM's pid (removed
 * as stale by the next run when a crash left them); {@link #close()} deletes them.
 */
final class RoutedNet implements AutoCloseable {
    static final String SERVER_IP = "10.9.0.2";
    static final String ROUTER_SERVER_SIDE = "10.9.0.1";
    static final String ROUTER_CLIENT_SIDE = "172.20.0.1";
    static final String CLIENT_IP = "172.20.0.5";
    private static final AtomicInteger SEQ = new AtomicInteger(900);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final String server;
    private final String router;
    private final String client;
    private final List<String> made = new ArrayList<>();

    private RoutedNet(String prefix) {
        String id = prefix + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
        server = id + "-vsrv";
        router = id + "-vrtr";
        client = id + "-vcli";
    }

    /** Builds the three namespaces; removes what it made when that fails. */
    static RoutedNet create(String prefix) {
        RoutedNet n = new RoutedNet(prefix);
        try {
            n.build();
            return n;
        } catch (RuntimeException e) {
            n.close();
            throw e;
        }
    }

    private void build() {
        for (String ns : List.of(server, router, client)) {
            ip("netns", "add", ns);
            made.add(ns);
            ip("-n", ns, "link", "set", "lo", "up");
        }
        ip("link", "add", "eth0", "netns", server, "type", "veth", "peer", "name", "eth1", "netns", router);
        ip("link", "add", "eth0", "netns", client, "type", "veth", "peer", "name", "eth2", "netns", router);
        ip("-n", server, "addr", "add", SERVER_IP + "/24", "dev", "eth0");
        ip("-n", router, "addr", "add", ROUTER_SERVER_SIDE + "/24", "dev", "eth1");
        ip("-n", router, "addr", "add", ROUTER_CLIENT_SIDE + "/24", "dev", "eth2");
        ip("-n", client, "addr", "add", CLIENT_IP + "/24", "dev", "eth0");
        ip("-n", server, "link", "set", "eth0", "up");
        ip("-n", router, "link", "set", "eth1", "up");
        ip("-n", router, "link", "set", "eth2", "up");
        ip("-n", client, "link", "set", "eth0", "up");
        ip("-n", client, "route", "add", "default", "via", ROUTER_CLIENT_SIDE);
        run("ip", "netns", "exec", router, "sysctl", "-qw", "net.ipv4.ip_forward=1");
    }

    /** The route the server lacks: the client's network through the router. */
    void routeBack() {
        ip("-n", server, "route", "add", "172.20.0.0/24", "via", ROUTER_SERVER_SIDE);
    }

    String server() {
        return server;
    }

    String router() {
        return router;
    }

    String client() {
        return client;
    }

    private static void ip(String... args) {
        List<String> argv = new ArrayList<>(List.of("ip"));
        argv.addAll(List.of(args));
        run(argv.toArray(String[]::new));
    }

    private static void run(String... argv) {
        Exec.Result r = Exec.run(List.of(argv), null, TIMEOUT);
        if (r.exit() != 0) {
            throw new LabNet.Unavailable(String.join(" ", argv) + ": " + r.err().strip());
        }
    }

    @Override
    public void close() {
        for (String ns : made) {
            Exec.run(List.of("ip", "netns", "del", ns), null, TIMEOUT);
        }
        made.clear();
    }
}
