package io.portdoc.checks.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.portdoc.checks.facts.V6OnlyFlags;
import io.portdoc.core.host.CommandResult;
import io.portdoc.core.host.ProcessInfo;
import io.portdoc.core.host.RealSystem;
import io.portdoc.core.host.RecordedSystem;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Captures this host (the network namespace it runs in) into a {@link RecordedSystem}
 * directory: the TCP tables, the sysctls the listening step reads, /etc/services, the
 * interface addresses, and for the given PIDs (and their children) processes.json, comm and
 * the fd links, and {@code ss -tlne -6} (the sockets' IPV6_V6ONLY). Run by scripts/capture-fixtures.sh inside a namespace it creates; run as a
 * non-root user, unreadable fd directories go to denied.txt, as RecordedSystem replays them.
 * <pre>java -cp cli/target/portdoc.jar:checks/target/test-classes io.portdoc.checks.testing.HostCapture DIR HOSTNAME PID...</pre>
 */
public final class HostCapture {
    private static final List<String> FILES = List.of(
            "/proc/net/tcp",
            "/proc/net/tcp6",
            "/proc/sys/net/ipv6/bindv6only",
            "/proc/sys/net/ipv4/ip_local_port_range",
            "/etc/services");

    private HostCapture() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: HostCapture DIR HOSTNAME [PID...]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Set<Long> pids = new LinkedHashSet<>();
        for (int i = 2; i < args.length; i++) {
            pids.add(Long.parseLong(args[i]));
        }
        capture(dir, args[1], pids);
    }

    public static void capture(Path dir, String hostname, Set<Long> roots) throws IOException {
        RealSystem real = new RealSystem();
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve("host.properties"),
                "hostname=" + hostname + "\nuser=" + real.user() + "\nprivileged=" + real.privileged() + "\n");
        for (String f : FILES) {
            Path to = fs(dir, f);
            Files.createDirectories(to.getParent());
            Files.writeString(to, real.readFile(Path.of(f)), StandardCharsets.ISO_8859_1);
        }
        Optional<Path> ss = real.program(V6OnlyFlags.ARGV.get(0));
        if (ss.isPresent()) { // the sockets' IPV6_V6ONLY, which only ss shows
            List<String> argv = new ArrayList<>(V6OnlyFlags.ARGV);
            argv.set(0, ss.get().toString());
            CommandResult r = real.run(argv, Duration.ofSeconds(5));
            if (r.ok()) {
                Path out = dir.resolve("commands").resolve(RecordedSystem.commandFileName(V6OnlyFlags.ARGV) + ".out");
                Files.createDirectories(out.getParent());
                Files.writeString(out, r.stdout());
            }
        }
        List<String> addresses = new ArrayList<>();
        for (InetAddress a : real.localAddresses()) {
            String s = a.getHostAddress();
            addresses.add(s.contains("%") ? s.substring(0, s.indexOf('%')) : s); // drop the zone
        }
        Files.write(dir.resolve("addresses.txt"), addresses);

        List<ProcessInfo> all = real.processes();
        Set<Long> wanted = new LinkedHashSet<>(roots);
        boolean grew = true;
        while (grew) { // children too: prefork workers share the parent's socket
            grew = false;
            for (ProcessInfo p : all) {
                if (wanted.contains(p.ppid()) && wanted.add(p.pid())) {
                    grew = true;
                }
            }
        }
        List<ProcessInfo> kept =
                all.stream().filter(p -> wanted.contains(p.pid())).toList();
        ObjectMapper json = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build();
        json.writeValue(dir.resolve("processes.json").toFile(), kept);

        List<String> denied = new ArrayList<>();
        for (ProcessInfo p : kept) {
            Path proc = Path.of("/proc", Long.toString(p.pid()));
            Path comm = fs(dir, proc.resolve("comm").toString());
            Files.createDirectories(comm.getParent());
            Files.writeString(comm, real.readFileOrEmpty(proc.resolve("comm")));
            List<String> fds;
            try {
                fds = real.list(proc.resolve("fd"));
            } catch (AccessDeniedException e) {
                denied.add(proc.resolve("fd").toString());
                continue;
            }
            Path fdDir = fs(dir, proc.resolve("fd").toString());
            Files.createDirectories(fdDir);
            for (String fd : fds) {
                Optional<String> target;
                try {
                    target = real.readLink(proc.resolve("fd").resolve(fd));
                } catch (AccessDeniedException e) { // listable but shielded: keep the name, deny the link
                    Files.createFile(fdDir.resolve(fd));
                    denied.add(proc.resolve("fd").resolve(fd).toString());
                    continue;
                }
                // sockets, pipes, /dev/null; not files of the capturing shell (paths of this machine)
                if (target.isPresent()
                        && (!target.get().startsWith("/") || target.get().equals("/dev/null"))) {
                    Files.createSymbolicLink(fdDir.resolve(fd), Path.of(target.get()));
                }
            }
        }
        if (!denied.isEmpty()) {
            Files.write(dir.resolve("denied.txt"), denied);
        }
    }

    private static Path fs(Path dir, String absolute) {
        return dir.resolve("fs").resolve(absolute.substring(1));
    }
}
