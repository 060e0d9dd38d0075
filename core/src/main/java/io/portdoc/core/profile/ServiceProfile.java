package io.portdoc.core.profile;

import io.portdoc.core.Exposure;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What portdoc knows about a service (schema portdoc/profile/v1): its process names, systemd
 * units, ports, who should reach it, where its access rules live.
 */
public record ServiceProfile(
        String name,
        String description,
        List<String> processes,
        List<String> systemdUnits,
        List<PortSpec> ports,
        Exposure exposure,
        ConfigSpec config,
        Duration probeTimeout) {
    public ServiceProfile {
        processes = processes == null ? List.of() : List.copyOf(processes);
        systemdUnits = systemdUnits == null ? List.of() : List.copyOf(systemdUnits);
        ports = ports == null ? List.of() : List.copyOf(ports);
        exposure = exposure == null ? Exposure.LAN : exposure;
    }

    /** A profile for a bare process name, as {@code --service NAME} without a known profile. */
    public static ServiceProfile adHoc(String name, List<PortSpec> ports) {
        return new ServiceProfile(
                name, null, name == null ? List.of() : List.of(name), List.of(), ports, Exposure.LAN, null, null);
    }

    /** Where the daemon's own access rules are ({@code format}: apache, cups, nginx, sshd, tcpwrappers, xinetd, postgresql, mysql, redis). */
    public record ConfigSpec(String format, List<String> files, String path) {
        public ConfigSpec {
            files = files == null ? List.of() : List.copyOf(files);
            path = path == null ? "/" : path;
        }
    }

    /** {@code 80/tcp}. */
    public record PortSpec(int port, String protocol) {
        public static PortSpec parse(String s) {
            String[] parts = s.trim().split("/", 2);
            int port = Integer.parseInt(parts[0].trim());
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is outside 1-65535");
            }
            return new PortSpec(port, parts.length > 1 ? parts[1].trim().toLowerCase(Locale.ROOT) : "tcp");
        }

        @Override
        public String toString() {
            return port + "/" + protocol;
        }
    }
}
