package io.portdoc.core;

import io.portdoc.core.net.Addresses;
import io.portdoc.core.profile.ServiceProfile;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What to diagnose. {@code client} (may be null) is the source address whose access the config
 * and firewall steps judge, canonical (IPv4-mapped IPv6 as IPv4); {@code host} (may be null) is
 * {@code --host} as given, the address the probe connects to, by default this host's own
 * addresses; {@code configFile} (may be null) is {@code --config}: the config step reads it after
 * the running daemon's own -f/-d and hints when they differ. {@code resolution} is what
 * {@link TargetResolver} found on the diagnosed host (null until then; a {@link CheckContext}
 * always holds a resolved target). {@code vantage} (may be null) says where a diagnosis over SSH
 * looks from ({@code --ssh}).
 */
public record Target(
        String service,
        int port,
        String protocol,
        InetAddress client,
        String host,
        Path configFile,
        Duration timeout,
        boolean probe,
        ServiceProfile profile,
        Resolution resolution,
        DbLogin dbLogin,
        Vantage vantage) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    /** The port's /etc/services name (may be null) and the addresses {@code --host} stands for. */
    public record Resolution(String portName, List<HostAddress> hostAddresses) {
        public Resolution {
            hostAddresses = List.copyOf(hostAddresses);
        }
    }

    /** One address of {@code --host}; {@code local} when it is configured on the diagnosed host. */
    public record HostAddress(InetAddress address, boolean local) {}

    public Target {
        dbLogin = dbLogin == null ? DbLogin.ANY : dbLogin;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1-65535");
        }
        protocol = protocol == null ? "tcp" : protocol;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        client = client == null ? null : Addresses.unmap(client);
        if (profile == null) {
            profile = ServiceProfile.adHoc(service, List.of(new ServiceProfile.PortSpec(port, protocol)));
        }
    }

    /** A target not resolved yet. */
    public Target(
            String service,
            int port,
            String protocol,
            InetAddress client,
            String host,
            Path configFile,
            Duration timeout,
            boolean probe,
            ServiceProfile profile) {
        this(service, port, protocol, client, host, configFile, timeout, probe, profile, null, DbLogin.ANY, null);
    }

    public static Target of(String service, int port) {
        return new Target(service, port, "tcp", null, null, null, DEFAULT_TIMEOUT, true, null);
    }

    public Target withClient(InetAddress c) {
        return new Target(
                service, port, protocol, c, host, configFile, timeout, probe, profile, resolution, dbLogin, vantage);
    }

    /** A new {@code --host} undoes the resolution: its addresses are not known yet. */
    public Target withHost(String h) {
        return new Target(
                service, port, protocol, client, h, configFile, timeout, probe, profile, null, dbLogin, vantage);
    }

    /** The database login a client would use ({@code --db-user}, {@code --db-name}). */
    public Target withDbLogin(DbLogin login) {
        return new Target(
                service, port, protocol, client, host, configFile, timeout, probe, profile, resolution, login, vantage);
    }

    public Target withConfigFile(Path p) {
        return new Target(
                service, port, protocol, client, host, p, timeout, probe, profile, resolution, dbLogin, vantage);
    }

    public Target withProbe(boolean enabled, Duration t) {
        return new Target(
                service, port, protocol, client, host, configFile, t, enabled, profile, resolution, dbLogin, vantage);
    }

    public Target withProfile(ServiceProfile p) {
        return new Target(
                service, port, protocol, client, host, configFile, timeout, probe, p, resolution, dbLogin, vantage);
    }

    Target withResolution(Resolution r) {
        return new Target(
                service, port, protocol, client, host, configFile, timeout, probe, profile, r, dbLogin, vantage);
    }

    /** Diagnosed over SSH from a client ({@code --ssh}); without it (null) the server looks at itself. */
    public Target withVantage(Vantage v) {
        return new Target(
                service, port, protocol, client, host, configFile, timeout, probe, profile, resolution, dbLogin, v);
    }

    public Exposure exposure() {
        return profile.exposure();
    }

    /** The port's /etc/services name ({@code http}), null when it has none or before resolution. */
    public String portName() {
        return resolution == null ? null : resolution.portName();
    }

    /** The addresses {@code --host} stands for; empty without {@code --host} or when it does not resolve. */
    public List<HostAddress> hostAddresses() {
        return resolution == null ? List.of() : resolution.hostAddresses();
    }

    /** Those of {@link #hostAddresses()} configured on the diagnosed host. */
    public List<InetAddress> localHostAddresses() {
        return hostAddresses().stream()
                .filter(HostAddress::local)
                .map(HostAddress::address)
                .toList();
    }
}
