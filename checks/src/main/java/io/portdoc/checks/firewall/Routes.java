package io.portdoc.checks.firewall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portdoc.core.CheckContext;
import io.portdoc.core.host.CommandResult;
import io.portdoc.core.host.SystemView;
import io.portdoc.core.net.AddressSet;
import io.portdoc.core.net.Addresses;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The routing facts the packet model needs, from {@code ip -j route get ADDR} and {@code ip -j
 * addr show}: the interface the route to the client uses (the packet arrives there), the
 * local address it uses, which interfaces carry addresses.
 */
final class Routes implements Engine.Router {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code local}: the address is this host's own (route type local, dev lo); {@code gateway} null: on-link. */
    record Route(String dev, InetAddress prefsrc, boolean local, InetAddress gateway) {}

    /**
     * What {@code ip route get} answered: a route, or {@code error} (its message, e.g. "Network is
     * unreachable") when it found none; neither when {@code ip} is missing or failed otherwise.
     */
    record Answer(Route route, String error) {}

    /** An interface that is up, with its addresses. */
    record Iface(String name, List<InetAddress> addresses) {}

    private final SystemView system;
    private List<Iface> ifaces;

    Routes(SystemView system) {
        this.system = system;
    }

    /** One per diagnosis: the firewall step and the nat translation ask the same routes. */
    static Routes of(CheckContext context) {
        return context.fact(Routes.class, () -> new Routes(context.system()));
    }

    static List<String> routeGet(InetAddress a) {
        return List.of("ip", "-j", "route", "get", Addresses.text(a));
    }

    static final List<String> ADDR_SHOW = List.of("ip", "-j", "addr", "show");

    static List<String> routeShow(int family) {
        return family == 4 ? List.of("ip", "-j", "route", "show") : List.of("ip", "-j", "-6", "route", "show");
    }

    /**
     * Which interface sources arrive on, from the main routing table (replies go back the way
     * the route points, and rp_filter expects requests there): the address space of one family
     * split by longest prefix. Empty when the table cannot be read.
     */
    Map<String, AddressSet> arrivalInterfaces(int family) {
        Map<String, AddressSet> out = new LinkedHashMap<>();
        CommandResult r = FirewallSources.tool(system, routeShow(family));
        if (!r.ok()) {
            return out;
        }
        record Entry(AddressSet prefix, int len, String dev) {}
        List<Entry> entries = new ArrayList<>();
        try {
            for (JsonNode n : JSON.readTree(r.stdout())) {
                String dst = n.path("dst").asText("");
                String dev = n.path("dev").asText("");
                if (dev.isEmpty() || !n.path("type").asText("unicast").equals("unicast")) {
                    continue;
                }
                String cidr = dst.equals("default")
                        ? (family == 4 ? "0.0.0.0/0" : "::/0")
                        : dst.contains("/") ? dst : dst + (family == 4 ? "/32" : "/128");
                int len = Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
                entries.add(new Entry(AddressSet.parseCidr(cidr), len, dev));
            }
        } catch (IOException | IllegalArgumentException e) {
            return new LinkedHashMap<>();
        }
        entries.sort((a, b) -> Integer.compare(b.len, a.len));
        AddressSet rest = family == 4 ? AddressSet.allV4() : AddressSet.allV6();
        for (Entry e : entries) {
            AddressSet part = rest.intersect(e.prefix);
            if (!part.isEmpty()) {
                out.merge(e.dev, part, AddressSet::union);
                rest = rest.minus(part);
            }
        }
        return out;
    }

    Optional<Route> route(InetAddress a) {
        return Optional.ofNullable(answer(a).route());
    }

    /** {@code ip route get ADDR}, asked once per address (the firewall step and the route back share it). */
    Answer answer(InetAddress a) {
        return answers.computeIfAbsent(Addresses.unmap(a), this::ask);
    }

    private final Map<InetAddress, Answer> answers =
            new ConcurrentHashMap<>(); // shared: the nat fact may ask from another thread

    /** Messages of {@code ip route get} when the kernel has no usable route (RTNETLINK answers: ...). */
    private static final List<String> NO_ROUTE =
            List.of("Network is unreachable", "No route to host", "Permission denied", "Invalid argument");

    private Answer ask(InetAddress a) {
        CommandResult r = FirewallSources.tool(system, routeGet(a));
        if (!r.ok()) {
            String err = r.stderr() == null ? "" : r.stderr().strip();
            return NO_ROUTE.stream().anyMatch(err::contains) && !r.timedOut() && !r.notFound()
                    ? new Answer(null, err.replace("RTNETLINK answers: ", ""))
                    : new Answer(null, null);
        }
        try {
            JsonNode arr = JSON.readTree(r.stdout());
            if (!arr.isArray() || arr.isEmpty()) {
                return new Answer(null, null);
            }
            JsonNode n = arr.get(0);
            InetAddress src =
                    n.hasNonNull("prefsrc") ? Addresses.literal(n.get("prefsrc").asText()) : null;
            InetAddress gw =
                    n.hasNonNull("gateway") ? Addresses.literal(n.get("gateway").asText()) : null;
            String type = n.path("type").asText("");
            if (type.equals("unreachable") || type.equals("prohibit") || type.equals("blackhole")) {
                return new Answer(null, type);
            }
            return new Answer(new Route(n.path("dev").asText(null), src, type.equals("local"), gw), null);
        } catch (IOException | IllegalArgumentException e) {
            return new Answer(null, null);
        }
    }

    /** Interfaces that are up, loopback included; empty when {@code ip} is not available. */
    List<Iface> interfaces() {
        if (ifaces != null) {
            return ifaces;
        }
        ifaces = new ArrayList<>();
        CommandResult r = FirewallSources.tool(system, ADDR_SHOW);
        if (r.ok()) {
            try {
                for (JsonNode n : JSON.readTree(r.stdout())) {
                    boolean up = false;
                    for (JsonNode f : n.path("flags")) {
                        up |= f.asText().equals("UP");
                    }
                    if (!up) {
                        continue;
                    }
                    List<InetAddress> addrs = new ArrayList<>();
                    for (JsonNode a : n.path("addr_info")) {
                        if (a.hasNonNull("local")) {
                            addrs.add(Addresses.literal(a.get("local").asText()));
                        }
                    }
                    ifaces.add(new Iface(n.path("ifname").asText(), addrs));
                }
            } catch (IOException | IllegalArgumentException e) {
                ifaces.clear();
            }
        }
        return ifaces;
    }

    /** This host's addresses: from {@code ip addr}, else from the SystemView. */
    List<InetAddress> localAddresses() {
        List<InetAddress> out = new ArrayList<>();
        interfaces().forEach(i -> out.addAll(i.addresses()));
        if (out.isEmpty()) {
            system.localAddresses().forEach(a -> out.add(Addresses.unmap(stripScope(a))));
        }
        return out;
    }

    private static InetAddress stripScope(InetAddress a) {
        try {
            return InetAddress.getByAddress(a.getAddress());
        } catch (UnknownHostException e) {
            return a;
        }
    }

    @Override
    public boolean isLocal(InetAddress a) {
        InetAddress x = Addresses.unmap(a);
        return x.isLoopbackAddress() || localAddresses().contains(x);
    }

    @Override
    public String outInterface(InetAddress a) {
        return route(a).map(Route::dev).orElse(null);
    }
}
