package io.portdoc.lab;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * What a busy machine has outside the lab, set up before the first lab case and removed after
 * the last, so every lab run shows its verdicts do not depend on it: a listener on loopback in
 * the machine's own network namespace on every port the lab uses ({@link #PORTS}: a developer's
 * {@code python3 -m http.server 8080}), and a foreign {@code apache2} with its own config on
 * 127.0.0.1:{@link #APACHE_PORT} (like the system instance apt starts). Ports someone else
 * already holds are left to them: then that port is busy anyway. Off with
 * {@code -Dportdoc.lab.hostDecoys=false}.
 */
final class HostDecoys implements AutoCloseable {
    /** Every port a lab case listens on or connects to (LabNetTest checks the lab sources against it). */
    static final List<Integer> PORTS = Stream.of(
                    IntStream.of(22, 25, 80, 443, 631, 5432, 8631), IntStream.rangeClosed(8080, 8119))
            .flatMapToInt(s -> s)
            .boxed()
            .toList();

    static final int APACHE_PORT = 80;

    private final List<ServerSocket> sockets = new ArrayList<>();
    private final List<Integer> held = new ArrayList<>();
    private Process apache;
    private Path apacheDir;

    static boolean enabled() {
        return Boolean.parseBoolean(System.getProperty("portdoc.lab.hostDecoys", "true"));
    }

    static HostDecoys start() {
        HostDecoys d = new HostDecoys();
        Runtime.getRuntime().addShutdownHook(new Thread(d::close, "lab-host-decoys"));
        d.startApache();
        for (int port : PORTS) {
            boolean any = false;
            for (String address : List.of("127.0.0.1", "::1")) {
                any |= d.listen(address, port);
            }
            if (any) {
                d.held.add(port);
            }
        }
        return d;
    }

    private boolean listen(String address, int port) {
        try {
            ServerSocket s = new ServerSocket();
            try {
                s.bind(new InetSocketAddress(InetAddress.getByName(address), port), 50);
            } catch (IOException e) {
                s.close(); // taken (the foreign apache2, or someone else's): busy either way
                return false;
            }
            sockets.add(s); // never accepted: the kernel completes connections up to the backlog
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A foreign apache2 in the machine's namespace, its own config in a temp directory, on loopback only. */
    private void startApache() {
        if (!Exec.installed("apache2") || !Files.isDirectory(Path.of("/usr/lib/apache2/modules"))) {
            return;
        }
        try {
            // a name cleanStale knows: removed (and its apache2 stopped) after a crash of this JVM
            apacheDir = Files.createDirectory(Path.of(
                    System.getProperty("java.io.tmpdir"),
                    LabNet.PREFIX + ProcessHandle.current().pid() + "-0-decoy"));
            Files.createDirectories(apacheDir.resolve("run"));
            Files.writeString(apacheDir.resolve("apache2.conf"), """
                    ServerRoot "%1$s"
                    PidFile "%1$s/run/apache2.pid"
                    ErrorLog "%1$s/error.log"
                    DefaultRuntimeDir "%1$s/run"
                    Mutex file:%1$s/run default
                    LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so
                    LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
                    User daemon
                    Group daemon
                    ServerName decoy
                    Listen 127.0.0.1:%2$d
                    DocumentRoot "%1$s"
                    <Directory "%1$s">
                      Require all denied
                    </Directory>
                    """.formatted(apacheDir, APACHE_PORT));
            apache = new ProcessBuilder(
                            Exec.which("apache2"),
                            "-f",
                            apacheDir.resolve("apache2.conf").toString(),
                            "-DFOREGROUND")
                    .redirectErrorStream(true)
                    .redirectOutput(apacheDir.resolve("out.log").toFile())
                    .redirectInput(new File("/dev/null"))
                    .start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline && apache.isAlive() && !connects(APACHE_PORT)) {
                LabNet.sleep(20);
            }
        } catch (IOException e) {
            apache = null;
        }
    }

    /** True when a client on this machine connects to 127.0.0.1:port. */
    static boolean connects(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The ports on which this run holds a loopback listener itself. */
    List<Integer> held() {
        return List.copyOf(held);
    }

    /** The foreign apache2's PID, or -1 when it is not running. */
    long apachePid() {
        return apache != null && apache.isAlive() ? apache.pid() : -1;
    }

    @Override
    public String toString() {
        return "loopback listeners on " + held.size() + " lab ports, apache2 "
                + (apachePid() > 0 ? "pid " + apachePid() + " on 127.0.0.1:" + APACHE_PORT : "not started");
    }

    @Override
    public synchronized void close() {
        for (ServerSocket s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                // closing a listener: nothing left to do
            }
        }
        if (apache != null) {
            apache.destroy();
            try {
                if (!apache.waitFor(5, TimeUnit.SECONDS)) {
                    apache.descendants().forEach(ProcessHandle::destroyForcibly);
                    apache.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (apacheDir != null) {
            deleteTree(apacheDir);
        }
        sockets.clear();
        apache = null;
        apacheDir = null;
    }

    /** Stops the apache2 of a decoy directory left by a JVM that was killed, and removes the directory. */
    static void cleanStale(Path dir) {
        try {
            long pid = Long.parseLong(
                    Files.readString(dir.resolve("run/apache2.pid")).strip());
            ProcessHandle.of(pid)
                    .filter(h -> h.info().commandLine().orElse("").contains(dir.toString()))
                    .ifPresent(ProcessHandle::destroyForcibly);
        } catch (IOException | NumberFormatException e) {
            // no pid file: it did not start, or stopped
        }
        deleteTree(dir);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
