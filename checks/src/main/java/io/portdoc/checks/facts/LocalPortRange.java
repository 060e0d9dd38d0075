package io.portdoc.checks.facts;

import io.portdoc.core.host.SystemView;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code /proc/sys/net/ipv4/ip_local_port_range} ("32768\t60999"): where outgoing connections
 * take their local port. A server port inside it can be taken by a client socket first.
 */
public record LocalPortRange(int low, int high) {
    public static final Path FILE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    public static Optional<LocalPortRange> read(SystemView system) {
        String[] f = system.readFileOrEmpty(FILE).strip().split("\\s+");
        if (f.length != 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LocalPortRange(Integer.parseInt(f[0]), Integer.parseInt(f[1])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public boolean contains(int port) {
        return port >= low && port <= high;
    }
}
