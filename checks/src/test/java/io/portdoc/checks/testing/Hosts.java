package io.portdoc.checks.testing;

import io.portdoc.core.CheckContext;
import io.portdoc.core.Exposure;
import io.portdoc.core.Target;
import io.portdoc.core.host.ProcessInfo;
import io.portdoc.core.host.RecordedSystem;
import io.portdoc.core.host.SystemView;
import io.portdoc.core.profile.ServiceProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The recorded hosts under src/test/resources/hosts (captured by scripts/capture-fixtures.sh),
 * and the seed's server {@value #BOVEN}, which is recorded once for everything: examples/hosts/boven.
 * They are read from the source tree, not the class path: Maven does not copy the dangling
 * {@code fd/N -> socket:[INODE]} symlinks.
 */
public final class Hosts {
    /** The seed article's server, the public example host. */
    public static final String BOVEN = "boven";

    private Hosts() {}

    public static Path dir(String name) {
        Path p = name.equals(BOVEN) ? Path.of("../examples/hosts/boven") : Path.of("src/test/resources/hosts", name);
        if (!Files.isDirectory(p)) {
            throw new IllegalArgumentException("no recorded host " + p.toAbsolutePath());
        }
        return p;
    }

    public static RecordedSystem host(String name) {
        return new RecordedSystem(dir(name));
    }

    /**
     * A copy of a recorded host in {@code into} whose listed {@code paths} raise
     * AccessDeniedException, e.g. fd links that even root cannot read in some sandboxes.
     */
    public static RecordedSystem withDenied(String name, Path into, List<String> paths) throws IOException {
        Path from = dir(name);
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path to = into.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
        Files.write(into.resolve("denied.txt"), paths, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return new RecordedSystem(into);
    }

    /** The PID of the first process named {@code comm} (fixtures keep their real PIDs). */
    public static long pid(SystemView system, String comm) {
        return system.processes().stream()
                .filter(p -> comm.equals(p.comm()))
                .mapToLong(ProcessInfo::pid)
                .min()
                .orElseThrow(() -> new AssertionError("no process " + comm));
    }

    public static CheckContext context(SystemView system, Target target) {
        return new CheckContext(system, target);
    }

    /** A profile: process names, units, port, exposure. */
    public static Target target(
            String service, int port, List<String> processes, List<String> units, Exposure exposure) {
        ServiceProfile p = new ServiceProfile(
                service,
                null,
                processes,
                units,
                List.of(new ServiceProfile.PortSpec(port, "tcp")),
                exposure,
                null,
                null);
        return Target.of(service, port).withProfile(p);
    }
}
