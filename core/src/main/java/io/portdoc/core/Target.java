package io.portdoc.core;

import io.portdoc.core.profile.ServiceProfile;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What to diagnose. {@code client} (may be null) is the source address whose access the config
 * and firewall steps judge; {@code host} (may be null) is the address the probe connects to,
 * by default this host's own addresses; {@code configFile} (may be null) is {@code --config}: the
 * config step reads it after the running daemon's own -f/-d (the order) and hints when they differ.
 */
public record Target(String service, int port, String protocol, InetAddress client, String host,
                     Path configFile, Duration timeout, boolean probe, ServiceProfile profile) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    public Target {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1-65535");
        }
        protocol = protocol == null ? "tcp" : protocol;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (profile == null) {
            profile = ServiceProfile.adHoc(service, java.util.List.of(new ServiceProfile.PortSpec(port, protocol)));
        }
    }

    public static Target of(String service, int port) {
        return new Target(service, port, "tcp", null, null, null, DEFAULT_TIMEOUT, true, null);
    }

    public Target withClient(InetAddress c) {
        return new Target(service, port, protocol, c, host, configFile, timeout, probe, profile);
    }

    public Target withHost(String h) {
        return new Target(service, port, protocol, client, h, configFile, timeout, probe, profile);
    }

    public Target withConfigFile(Path p) {
        return new Target(service, port, protocol, client, host, p, timeout, probe, profile);
    }

    public Target withProbe(boolean enabled, Duration t) {
        return new Target(service, port, protocol, client, host, configFile, t, enabled, profile);
    }

    public Target withProfile(ServiceProfile p) {
        return new Target(service, port, protocol, client, host, configFile, timeout, probe, p);
    }

    public Exposure exposure() {
        return profile.exposure();
    }
}
