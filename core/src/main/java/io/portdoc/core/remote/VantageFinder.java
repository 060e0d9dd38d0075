package io.portdoc.core.remote;

import io.portdoc.core.Vantage;
import io.portdoc.core.host.CommandResult;
import io.portdoc.core.host.SystemView;
import io.portdoc.core.net.Addresses;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the two ends of an SSH diagnosis, never asking the user: the server address the
 * client connects to (the {@code hostname} {@code ssh -G} makes of the destination, resolved on
 * the client; else the server's own address of the connection), the source address of the
 * client's route to it ({@code ip route get}), and the client address the server sees
 * ({@code SSH_CONNECTION}).
 */
public final class VantageFinder {
    private static final Pattern SRC = Pattern.compile("\\bsrc (\\S+)");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private VantageFinder() {}

    public static Vantage find(SshAddress address, List<String> sshOptions, String sshConnection, SystemView client) {
        String[] conn = sshConnection.strip().split("\\s+");
        InetAddress seen = conn.length == 4 ? literal(conn[0]).orElse(null) : null;
        InetAddress server = configuredHost(address, sshOptions, client)
                .flatMap(h -> literal(h).or(() -> client.resolve(h).stream().findFirst()))
                .or(() -> conn.length == 4 ? literal(conn[2]) : Optional.empty())
                .orElse(null);
        InetAddress source = server == null ? null : routeSource(server, client).orElse(null);
        return new Vantage(address.toString(), server, source, seen);
    }

    /** The host name ssh really connects to after ~/.ssh/config ({@code HostName}). */
    private static Optional<String> configuredHost(SshAddress address, List<String> options, SystemView client) {
        List<String> argv = new ArrayList<>(List.of(SshSession.SSH.toString()));
        argv.addAll(options);
        argv.add("-G");
        argv.addAll(address.sshArgs());
        CommandResult r = client.run(argv, TIMEOUT);
        for (String line : r.stdout().split("\n")) {
            if (line.startsWith("hostname ")) {
                return Optional.of(line.substring(9).strip());
            }
        }
        return Optional.empty();
    }

    /** "10.0.0.154 via 10.0.1.1 dev eth0 src 10.0.1.2 uid 0": the source the client's kernel picks. */
    static Optional<InetAddress> routeSource(InetAddress server, SystemView client) {
        Optional<Path> ip = client.program("ip");
        if (ip.isEmpty()) {
            return Optional.empty();
        }
        CommandResult r = client.run(List.of(ip.get().toString(), "route", "get", Addresses.text(server)), TIMEOUT);
        Matcher m = SRC.matcher(r.stdout());
        return r.ok() && m.find() ? literal(m.group(1)) : Optional.empty();
    }

    private static Optional<InetAddress> literal(String s) {
        return Addresses.looksLiteral(s) ? Optional.of(Addresses.unmap(Addresses.literal(s))) : Optional.empty();
    }
}
