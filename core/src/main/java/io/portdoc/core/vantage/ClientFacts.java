package io.portdoc.core.vantage;

import io.portdoc.core.net.Addresses;
import io.portdoc.core.probe.ProbeResult;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the client sees of the way to the server, read on the client: how it resolves the
 * server's name, the server's real addresses (read on the server) to compare, the client's route,
 * its own output firewall, proxy variables of portdoc's environment (values with credentials
 * masked), its own probe, and the address the server sees for it ({@code seenByServer}, null
 * when not known: then NAT cannot be told).
 */
public record ClientFacts(
        String hostname,
        NameLookup lookup,
        List<InetAddress> serverAddresses,
        ClientRoute route,
        OutputFilter firewall,
        Map<String, String> proxies,
        ProbeResult probe,
        InetAddress seenByServer) {
    public ClientFacts {
        serverAddresses = List.copyOf(serverAddresses);
        proxies = Map.copyOf(proxies);
    }

    /** The same facts with the client's probe made elsewhere (over SSH, step 5 probes from the client). */
    public ClientFacts withProbe(ProbeResult p) {
        return new ClientFacts(hostname, lookup, serverAddresses, route, firewall, proxies, p, seenByServer);
    }

    /**
     * The name resolves, the server's addresses are known, and none of the client's addresses is
     * one of them: the client connects to another host.
     */
    public boolean nameMismatch() {
        if (lookup == null || lookup.addresses().isEmpty() || serverAddresses.isEmpty()) {
            return false;
        }
        return lookup.addresses().stream()
                .map(Addresses::unmap)
                .noneMatch(a -> serverAddresses.stream().map(Addresses::unmap).anyMatch(a::equals));
    }

    /** The server sees another source address than the client's route uses: NAT in between. */
    public boolean natSeen() {
        return seenByServer != null
                && route != null
                && route.source() != null
                && !Objects.equals(Addresses.unmap(seenByServer), Addresses.unmap(route.source()));
    }
}
