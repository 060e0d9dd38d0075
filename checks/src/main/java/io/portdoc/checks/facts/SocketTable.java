package io.portdoc.checks.facts;

import io.portdoc.core.CheckContext;
import io.portdoc.core.host.SystemView;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The host's listening TCP sockets, read once per diagnosis ({@link #of(CheckContext)}): the
 * daemon step needs it to name a program that holds the target port, the listening step to
 * judge the bind. {@code unreadable} maps a table that could not be read to the reason
 * (a missing tcp6 just means IPv6 is disabled). {@code bindV6Only} is
 * {@code /proc/sys/net/ipv6/bindv6only}: when 0, a socket bound to {@code ::} also takes IPv4
 * connections unless the program set IPV6_V6ONLY. {@code v6only} is that per-socket flag, read
 * through ss only when some socket listens on {@code ::} (the only sockets it changes).
 */
public record SocketTable(
        List<TcpSocket> listening, Map<Family, String> unreadable, boolean bindV6Only, V6OnlyFlags v6only) {
    public static final Path BINDV6ONLY = Path.of("/proc/sys/net/ipv6/bindv6only");

    public SocketTable {
        listening = List.copyOf(listening);
        // in family order: Map.copyOf's order changes from run to run, and the message prints the map
        unreadable = unreadable.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(unreadable));
    }

    /** The table of this diagnosis, parsed at most once. */
    public static SocketTable of(CheckContext context) {
        return context.fact(SocketTable.class, () -> read(context.system()));
    }

    public static SocketTable read(SystemView system) {
        List<TcpSocket> out = new ArrayList<>();
        Map<Family, String> problems = new EnumMap<>(Family.class);
        for (Family f : Family.values()) {
            try {
                ProcNetTcp.parse(system.readFile(f.file), f, true, out);
            } catch (NoSuchFileException e) {
                problems.put(f, "missing");
            } catch (IOException e) {
                problems.put(f, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        boolean v6only = system.readFileOrEmpty(BINDV6ONLY).strip().equals("1");
        boolean anyV6Wildcard = out.stream().anyMatch(s -> s.wildcard() && s.clientFamily() == Family.IPV6);
        return new SocketTable(
                out, problems, v6only, anyV6Wildcard ? V6OnlyFlags.read(system) : V6OnlyFlags.NOT_NEEDED);
    }

    /** True when at least the IPv4 or the IPv6 table could be read. */
    public boolean readable() {
        return unreadable.size() < Family.values().length;
    }

    public List<TcpSocket> onPort(int port) {
        return listening.stream().filter(s -> s.port() == port).toList();
    }
}
