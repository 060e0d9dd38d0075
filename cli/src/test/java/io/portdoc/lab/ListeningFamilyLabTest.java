package io.portdoc.lab;

import static io.portdoc.lab.LabNet.CLIENT_IP;
import static io.portdoc.lab.LabNet.CLIENT_IP6;
import static io.portdoc.lab.LabNet.SERVER_IP;
import static io.portdoc.lab.LabNet.SERVER_IP6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Which address family and which loopback address a socket takes, with a real client as the
 * ground truth. A socket on {@code [::]} takes IPv4 clients only while its IPV6_V6ONLY is off;
 * nginx sets it from {@code listen [::]:PORT ipv6only=on|off} (on by default), whatever
 * {@code net.ipv6.bindv6only} says, and only ss (inet_diag) shows it. A client on the server
 * itself reaches a loopback-only listener of its family on the address it connects to.
 */
@ExtendWith(Lab.class)
@LabPrefix("pdc")
class ListeningFamilyLabTest {
    private static final int V6ONLY = 8096;
    private static final int DUAL = 8097;

    private static PortdocRun diagnose(LabNet net, List<String> wrapper, int port, String client, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "diagnose",
                "--port",
                Integer.toString(port),
                "--client",
                client,
                "--timeout",
                "1s",
                "--format",
                "json"));
        args.addAll(List.of(more));
        return net.portdoc(net.server(), wrapper, args.toArray(String[]::new));
    }

    private static PortdocRun diagnose(LabNet net, int port, String client, String... more) {
        return diagnose(net, List.of(), port, client, more);
    }

    @Test
    void anIpv6OnlySocketRefusesIpv4Clients(LabNet net) {
        Nginx.start(
                net,
                net.server(),
                true,
                "server { listen [::]:" + V6ONLY + " ipv6only=on; }\nserver { listen [::]:" + DUAL
                        + " ipv6only=off; }");
        net.probeFrom(net.inside(), SERVER_IP, V6ONLY).expect("refused");
        net.probeFrom(net.inside(), SERVER_IP6, V6ONLY).expect("open");
        net.probeFrom(net.inside(), SERVER_IP, DUAL).expect("open");

        PortdocRun v4 = diagnose(net, V6ONLY, CLIENT_IP);
        assertEquals("FAIL", v4.verdict("listening"), v4.toString());
        assertEquals("listening", v4.blockingStep(), v4.toString());
        assertEquals(1, v4.exit(), v4.toString());
        assertTrue(v4.said("listening").contains("v6only:1"), v4.said("listening"));

        PortdocRun v6 = diagnose(net, V6ONLY, CLIENT_IP6);
        assertEquals("PASS", v6.verdict("listening"), v6.toString());

        PortdocRun dual = diagnose(net, DUAL, CLIENT_IP);
        assertEquals("PASS", dual.verdict("listening"), dual.toString());
        assertTrue(dual.said("listening").contains("v6only:0"), dual.said("listening"));
    }

    /** net.ipv6.bindv6only=1 is only the default: nginx's ipv6only=off clears the flag, and IPv4 clients get in. */
    @Test
    void theSocketsFlagBeatsTheSysctl(LabNet net) {
        net.exec(net.server(), "sysctl", "-q", "-w", "net.ipv6.bindv6only=1").ok();
        try {
            Nginx.start(net, net.server(), true, "server { listen [::]:" + DUAL + " ipv6only=off; }");
            net.probeFrom(net.inside(), SERVER_IP, DUAL).expect("open");
            PortdocRun r = diagnose(net, DUAL, CLIENT_IP);
            assertEquals("PASS", r.verdict("listening"), r.toString());
            assertTrue(r.said("listening").contains("v6only:0"), r.said("listening"));
        } finally {
            net.exec(net.server(), "sysctl", "-q", "-w", "net.ipv6.bindv6only=0")
                    .ok();
        }
    }

    /** ss present but failing (a private mount of a stand-in over it): the flag is unknown, so WARN, not PASS. */
    @Test
    void anUnreadFlagIsNoPass(LabNet net) throws IOException {
        LabNet.requireTool("unshare");
        LabNet.requireTool("mount");
        Path ss = net.dir().resolve("ss");
        Files.writeString(ss, "#!/bin/sh\necho 'Cannot open netlink socket: Protocol not supported' >&2\nexit 1\n");
        ss.toFile().setExecutable(true, false);
        ss.toFile().setReadable(true, false);
        Path real = Path.of(Exec.which("ss")).toRealPath();
        List<String> wrapper = List.of(
                Exec.which("unshare"),
                "-m",
                "--propagation",
                "private",
                "/bin/sh",
                "-c",
                "mount --bind \"$1\" \"$2\" && shift 2 && exec \"$@\"",
                "sh",
                ss.toString(),
                real.toString());
        Nginx.start(net, net.server(), true, "server { listen [::]:" + DUAL + " ipv6only=off; }");
        net.probeFrom(net.inside(), SERVER_IP, DUAL).expect("open");

        PortdocRun r = diagnose(net, wrapper, DUAL, CLIENT_IP);
        assertEquals("WARN", r.verdict("listening"), r.toString());
        assertTrue(r.said("listening").contains("Protocol not supported"), r.said("listening"));
        assertTrue(r.said("listening").contains("ss -tlne sport = :" + DUAL), r.said("listening"));
    }

    @Test
    void aLocalClientReachesALoopbackListener(LabNet net) {
        Proc daemon = net.startDaemon(net.server(), "loc", "127.0.0.1", 8098);
        net.probeFrom(net.server(), "127.0.0.1", 8098).expect("open");
        net.probeFrom(net.inside(), SERVER_IP, 8098).expect("refused");

        PortdocRun local = diagnose(net, 8098, "127.0.0.1", "--host", "127.0.0.1", "--service", daemon.processName());
        assertEquals("PASS", local.verdict("listening"), local.toString());
        assertEquals("PASS", local.verdict("probe"), local.toString());
        assertEquals(0, local.exit(), local.toString());

        PortdocRun remote = diagnose(net, 8098, CLIENT_IP, "--service", daemon.processName());
        assertEquals("FAIL", remote.verdict("listening"), remote.toString());
        assertTrue(remote.said("listening").contains("other hosts cannot connect"), remote.said("listening"));
    }

    @Test
    void aLocalIpv6ClientReachesAnIpv6LoopbackListenerOnly(LabNet net) {
        Proc daemon = net.startDaemon(net.server(), "loc6", "::1", 8099);
        net.probeFrom(net.server(), "::1", 8099).expect("open");
        net.probeFrom(net.server(), "127.0.0.1", 8099).expect("refused");

        PortdocRun local = diagnose(net, 8099, "::1", "--host", "::1", "--service", daemon.processName());
        assertEquals("PASS", local.verdict("listening"), local.toString());
        assertEquals("PASS", local.verdict("probe"), local.toString());
        assertEquals(0, local.exit(), local.toString());

        PortdocRun v4 = diagnose(net, 8099, "127.0.0.1", "--service", daemon.processName());
        assertEquals("FAIL", v4.verdict("listening"), v4.toString());
        assertTrue(v4.said("listening").contains("local client 127.0.0.1"), v4.said("listening"));
    }
}
