package io.portdoc.checks.firewall;

import io.portdoc.core.Target;
import io.portdoc.core.host.SystemView;
import io.portdoc.core.net.AddressSet;
import io.portdoc.core.net.Addresses;
import io.portdoc.core.probe.ProbeResult;
import io.portdoc.core.probe.Prober;
import io.portdoc.core.vantage.ClientFacts;
import io.portdoc.core.vantage.ClientFactsSource;
import io.portdoc.core.vantage.ClientRoute;
import io.portdoc.core.vantage.NameLookup;
import io.portdoc.core.vantage.OutputFilter;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The client's side of the way to the server, read on the client: its name lookup (the system
 * resolver; {@code /etc/hosts} named as the origin when the name is there, as glibc's default
 * {@code hosts: files dns} reads it first), its route ({@code ip route get}), its own firewall on
 * the output hook (the same engine as the server's firewall step), the proxy variables of
 * portdoc's environment, and its own probe.
 */
public final class ClientFactsReader implements ClientFactsSource {
    /** The variables curl, wget and browsers read; lower case wins in curl, both are listed. */
    static final List<String> PROXY_VARS = List.of(
            "http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY");

    private static final Path HOSTS = Path.of("/etc/hosts");
    /** user:password@ in a proxy URL: never echoed. */
    private static final Pattern CREDENTIALS = Pattern.compile("(?<=://)[^/@\\s]+@");

    private final Map<String, String> env;

    public ClientFactsReader() {
        this(System.getenv());
    }

    ClientFactsReader(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public ClientFacts read(
            SystemView client,
            Target target,
            String server,
            List<InetAddress> serverAddresses,
            InetAddress seenByServer) {
        NameLookup lookup = lookup(client, server);
        InetAddress to =
                lookup.addresses().isEmpty() ? null : lookup.addresses().get(0);
        Routes routes = new Routes(client);
        ClientRoute route = to == null ? null : route(routes, to);
        OutputFilter filter = to == null || route == null || !route.exists()
                ? null
                : output(client, routes, route, target.port(), Protocols.number(target.protocol()));
        ProbeResult probe = target.probe()
                ? new Prober(client).probe(server, lookup.addresses(), target.port(), target.timeout())
                : null;
        return new ClientFacts(
                client.hostname(), lookup, serverAddresses, route, filter, proxies(), probe, seenByServer);
    }

    static NameLookup lookup(SystemView client, String name) {
        if (Addresses.looksLiteral(name)) {
            return new NameLookup(name, List.of(Addresses.literal(name)), NameLookup.Origin.LITERAL, null);
        }
        List<InetAddress> addresses =
                client.resolve(name).stream().map(Addresses::unmap).distinct().toList();
        if (addresses.isEmpty()) {
            return new NameLookup(name, List.of(), NameLookup.Origin.UNRESOLVED, null);
        }
        String line = hostsLine(client, name);
        return line != null
                ? new NameLookup(name, addresses, NameLookup.Origin.HOSTS_FILE, line)
                : new NameLookup(name, addresses, NameLookup.Origin.DNS, null);
    }

    /** {@code /etc/hosts:N} of the first line naming {@code name} (canonical name or alias), or null. */
    static String hostsLine(SystemView client, String name) {
        String text;
        try {
            text = client.readFile(HOSTS);
        } catch (IOException e) {
            return null;
        }
        String want = name.toLowerCase(Locale.ROOT);
        int n = 0;
        for (String raw : text.split("\n", -1)) {
            n++;
            int hash = raw.indexOf('#');
            String[] words = (hash >= 0 ? raw.substring(0, hash) : raw).trim().split("\\s+");
            for (int i = 1; i < words.length; i++) {
                if (words[i].toLowerCase(Locale.ROOT).equals(want)) {
                    return HOSTS + ":" + n;
                }
            }
        }
        return null;
    }

    static ClientRoute route(Routes routes, InetAddress to) {
        Routes.Answer a = routes.answer(to);
        if (a.route() != null) {
            Routes.Route r = a.route();
            return new ClientRoute(to, r.gateway(), r.dev(), r.prefsrc(), null);
        }
        return a.error() != null ? new ClientRoute(to, null, null, null, a.error()) : null;
    }

    /** The SYN from the route's source to the server through the client's output chains. */
    static OutputFilter output(SystemView client, Routes routes, ClientRoute route, int port, int proto) {
        FirewallSources.Loaded loaded;
        try {
            loaded = FirewallSources.load(client);
        } catch (IOException | RuntimeException e) {
            return OutputFilter.of(OutputFilter.Kind.UNKNOWN);
        }
        if (!loaded.needRoot().isEmpty() || !loaded.failed().isEmpty()) {
            return OutputFilter.of(OutputFilter.Kind.UNKNOWN);
        }
        if (loaded.sources() == 0 || !loaded.anyRules() || !loaded.ruleset().hasOutbound()) {
            return OutputFilter.of(OutputFilter.Kind.NONE);
        }
        InetAddress src = route.source() != null ? route.source() : route.destination();
        Packet p = new Packet(
                Packet.family(route.destination()),
                Addresses.unmap(src),
                List.of(Addresses.unmap(route.destination())),
                proto,
                port,
                "",
                false,
                route.dev(),
                false,
                false);
        List<Engine.Path> paths;
        try {
            paths = new Engine(routes).evaluateOutput(loaded.ruleset(), p, AddressSet.of(Addresses.unmap(src)));
        } catch (Engine.TooComplex e) {
            return OutputFilter.of(OutputFilter.Kind.UNKNOWN);
        }
        FirewallDecision d = paths.get(0).decision();
        if (paths.stream().anyMatch(x -> !x.decision().sameOutcome(d))) {
            return OutputFilter.of(OutputFilter.Kind.UNKNOWN);
        }
        String rule = d.rule() == null ? null : new FirewallCheck.Shown(client).describe(d.rule());
        return switch (d.kind()) {
            case ACCEPT -> OutputFilter.of(OutputFilter.Kind.ACCEPT);
            // a SYN dropped in output is retransmitted until connect() times out (tried in the lab)
            case DROP -> new OutputFilter(OutputFilter.Kind.DROP, rule, d.sees().id);
            case REJECT -> new OutputFilter(OutputFilter.Kind.REJECT, rule, d.sees().id);
            case OPAQUE -> new OutputFilter(OutputFilter.Kind.UNKNOWN, rule, null);
        };
    }

    /** The proxy variables set in portdoc's environment, credentials masked. */
    Map<String, String> proxies() {
        Map<String, String> out = new TreeMap<>();
        for (String v : PROXY_VARS) {
            String value = env.get(v);
            if (value != null && !value.isBlank()) {
                out.put(v, CREDENTIALS.matcher(value.strip()).replaceAll("***@"));
            }
        }
        return out;
    }
}
