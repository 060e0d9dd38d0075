package io.portdoc.checks.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.core.CheckContext;
import io.portdoc.core.Target;
import io.portdoc.core.host.ProcessInfo;
import io.portdoc.core.host.RecordedSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which process is the daemon: the instance holding the target port, whatever the PID order;
 * the lowest-PID tree when none holds it; never a process of another network namespace. The host
 * is two Apache instances (A on :80, B on :8080, each a parent and a worker) and a third Apache
 * in a container's network namespace, laid out as {@link RecordedSystem} replays /proc.
 */
class DaemonTest {
    @TempDir
    Path tmp;

    /** One Apache tree: a parent started with -f, a worker, and the socket the parent holds. */
    private record Instance(long pid, String conf, int port, long inode, String netns) {}

    private RecordedSystem host(List<Instance> instances) throws IOException {
        StringBuilder json = new StringBuilder("[");
        StringBuilder tcp = new StringBuilder("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when "
                + "retrnsmt   uid  timeout inode\n");
        int sl = 0;
        for (Instance i : instances) {
            for (long pid : List.of(i.pid(), i.pid() + 1)) {
                json.append(json.length() > 1 ? "," : "")
                        .append("{\"pid\":")
                        .append(pid)
                        .append(",\"ppid\":")
                        .append(pid == i.pid() ? 1 : i.pid())
                        .append(",\"user\":\"root\",\"comm\":\"apache2\",")
                        .append("\"executable\":\"/usr/sbin/apache2\",\"argv\":[\"/usr/sbin/apache2\",\"-f\",\"")
                        .append(i.conf())
                        .append("\"]}");
                Path proc = tmp.resolve("fs/proc/" + pid);
                Files.createDirectories(proc.resolve("fd"));
                Files.createDirectories(proc.resolve("ns"));
                Files.createSymbolicLink(proc.resolve("ns/net"), Path.of("net:[" + i.netns() + "]"));
                Files.createSymbolicLink(proc.resolve("fd/3"), Path.of("socket:[" + i.inode() + "]"));
            }
            if (i.netns().equals("1")) { // a container's socket is not in this namespace's table
                tcp.append(String.format(
                        "%4d: 00000000:%04X 00000000:0000 0A 00000000:00000000 00:00000000 "
                                + "00000000     0        0 %d 1 0000000000000000 100 0 0 10 0%n",
                        sl++, i.port(), i.inode()));
            }
        }
        Files.writeString(tmp.resolve("processes.json"), json.append("]").toString());
        Files.createDirectories(tmp.resolve("fs/proc/net"));
        Files.createDirectories(tmp.resolve("fs/proc/self/ns"));
        Files.createSymbolicLink(tmp.resolve("fs/proc/self/ns/net"), Path.of("net:[1]"));
        Files.writeString(tmp.resolve("fs/proc/net/tcp"), tcp.toString());
        Files.writeString(tmp.resolve("host.properties"), "privileged=true\n");
        return new RecordedSystem(tmp);
    }

    private static Daemon daemon(RecordedSystem host, int port) {
        return Daemon.of(new CheckContext(host, Target.of("apache2", port)));
    }

    @ParameterizedTest(name = "A (pid {0}) on :80, B (pid {1}) on :8080")
    @CsvSource({"100, 200", "200, 100"})
    void theInstanceHoldingThePortIsTheDaemon(long a, long b) throws IOException {
        RecordedSystem host = host(List.of(
                new Instance(a, "/srv/a/apache2.conf", 80, 1111, "1"),
                new Instance(b, "/srv/b/apache2.conf", 8080, 2222, "1")));
        assertEquals(a, daemon(host, 80).main().pid());
        assertEquals(
                List.of("/usr/sbin/apache2", "-f", "/srv/a/apache2.conf"),
                daemon(host, 80).main().argv());
        assertEquals(b, daemon(host, 8080).main().pid());
        assertEquals(4, daemon(host, 80).processes().size()); // both instances are this service
    }

    @ParameterizedTest(name = "nobody on :{0}: the lowest-PID tree")
    @CsvSource({"443"})
    void withoutAHolderTheLowestTreeCounts(int port) throws IOException {
        RecordedSystem host = host(List.of(
                new Instance(300, "/srv/a/apache2.conf", 80, 1111, "1"),
                new Instance(200, "/srv/b/apache2.conf", 8080, 2222, "1")));
        assertEquals(200, daemon(host, port).main().pid());
    }

    @ParameterizedTest(name = "container Apache pid {0}, host Apache pid {1}")
    @CsvSource({"100, 200", "200, 100"})
    void aProcessInAnotherNetworkNamespaceIsNeverTheDaemon(long container, long own) throws IOException {
        RecordedSystem host = host(List.of(
                new Instance(container, "/srv/c/apache2.conf", 80, 3333, "2"),
                new Instance(own, "/srv/a/apache2.conf", 80, 1111, "1")));
        Daemon d = daemon(host, 80);
        assertEquals(own, d.main().pid());
        assertEquals(List.of(own, own + 1), d.pids());
        assertEquals(
                List.of(container, container + 1),
                d.elsewhere().stream().map(ProcessInfo::pid).toList());
    }

    @ParameterizedTest(name = "only a container runs it")
    @CsvSource({"100"})
    void onlyInAContainerIsNotRunningHere(long container) throws IOException {
        Daemon d = daemon(
                host(new ArrayList<>(List.of(new Instance(container, "/srv/c/apache2.conf", 80, 3333, "2")))), 80);
        assertFalse(d.running());
        assertEquals(null, d.main());
        assertTrue(d.known());
        assertEquals(2, d.elsewhere().size());
    }
}
