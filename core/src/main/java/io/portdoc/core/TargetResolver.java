package io.portdoc.core;

import io.portdoc.core.Target.HostAddress;
import io.portdoc.core.host.SystemView;
import io.portdoc.core.net.Addresses;
import io.portdoc.core.net.ServicesDb;
import io.portdoc.core.profile.ProfileCatalog;
import io.portdoc.core.profile.ServiceProfile;
import io.portdoc.core.profile.ServiceProfile.PortSpec;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The one place a diagnosis target is made from what the user typed and then resolved on the
 * diagnosed host: {@code --service} (a profile name, an /etc/services name or a process name) and
 * {@code --port} (a number or an /etc/services name), either implying the other; the canonical
 * client address; {@code --host} resolved to addresses, each marked local or not; the port's
 * /etc/services name. Steps read the result from {@link CheckContext#target()} and resolve
 * nothing themselves. /etc/services is read at most once per resolver.
 */
public final class TargetResolver {
    private static final String PROTOCOL = "tcp";
    private final ProfileCatalog catalog;
    private final SystemView system;
    private ServicesDb services;

    public TargetResolver(ProfileCatalog catalog, SystemView system) {
        this.catalog = catalog;
        this.system = system;
    }

    /** A target that may not be resolved yet, resolved on {@code system} (a resolved one as it is). */
    public static Target resolved(SystemView system, Target target) {
        return target.resolution() != null
                ? target
                : new TargetResolver(ProfileCatalog.empty(), system).resolve(target);
    }

    private ServicesDb services() {
        if (services == null) {
            services = ServicesDb.load(system, PROTOCOL);
        }
        return services;
    }

    /** A port given as number or service name; bad input throws {@link BadInputException}. */
    public int port(String text) {
        String t = text.trim();
        if (t.matches("-?\\d+")) {
            long n = Long.parseLong(t.length() > 7 ? "999999" : t);
            if (n < 1 || n > 65535) {
                throw new BadInputException("port " + t + " is outside 1-65535");
            }
            return (int) n;
        }
        return services()
                .port(t)
                .orElseThrow(() ->
                        new BadInputException("'" + t + "' is neither a port number nor a name in /etc/services"));
    }

    /**
     * The target for {@code --service} / {@code --port} (either may be null). A service that names
     * no profile but is an /etc/services name gets the profile of that port ({@code ipp} is cups).
     */
    public Target target(String service, String portText, Duration timeout) {
        printable("--service", service);
        printable("--port", portText);
        if (service != null && service.isBlank()) {
            throw new BadInputException("--service must not be empty");
        }
        if (service == null && portText == null) {
            throw new BadInputException("give --service NAME, --port N or both");
        }
        Optional<ServiceProfile> profile = service == null ? Optional.empty() : catalog.find(service);
        if (profile.isEmpty() && service != null) {
            // an /etc/services name (ipp, smtp, sunrpc): the profile of that port (cups, postfix, rpcbind)
            profile = services().port(service).flatMap(p -> catalog.findByPort(p, PROTOCOL));
        }
        int port;
        if (portText != null) {
            port = port(portText);
        } else if (profile.isPresent() && !profile.get().ports().isEmpty()) {
            port = profile.get().ports().get(0).port();
        } else {
            port = services()
                    .port(service)
                    .orElseThrow(() -> new BadInputException("no port for '" + service
                            + "': it names no profile and no /etc/services entry; give --port"));
        }
        if (profile.isEmpty() && service == null) {
            profile = catalog.findByPort(port, PROTOCOL);
        }
        String name =
                service != null ? service : profile.map(ServiceProfile::name).orElse(null);
        ServiceProfile p = profile.orElseGet(() -> ServiceProfile.adHoc(name, List.of(new PortSpec(port, PROTOCOL))));
        Duration t = timeout != null ? timeout : p.probeTimeout();
        return new Target(name, port, PROTOCOL, null, null, null, t, true, p);
    }

    /**
     * {@code --client}: an IPv4 or IPv6 literal, IPv4-mapped IPv6 taken as IPv4. Refused: a
     * leading zero in an IPv4 part (inet_aton reads {@code 010} as octal 8, Java as decimal 10:
     * the two would judge different clients), and addresses no TCP client can have as its source
     * (unspecified {@code 0.0.0.0} / {@code ::}, broadcast {@code 255.255.255.255}, multicast).
     */
    public static InetAddress client(String text) {
        printable("--client", text);
        InetAddress a;
        try {
            a = Addresses.unmap(Addresses.literal(text));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--client must be an IPv4 or IPv6 address, not '" + text + "'");
        }
        String t = text.trim();
        if (!t.contains(":") && Arrays.stream(t.split("\\.")).anyMatch(p -> p.length() > 1 && p.startsWith("0"))) {
            throw new BadInputException("--client " + t + " is ambiguous: a part with a leading zero is octal to "
                    + "inet_aton (010 = 8) and decimal to others; write it without leading zeros");
        }
        if (a.isAnyLocalAddress() || a.isMulticastAddress() || Addresses.text(a).equals("255.255.255.255")) {
            throw new BadInputException("--client " + Addresses.text(a) + " cannot be the source of a TCP connection "
                    + "(unspecified, broadcast or multicast address); give the client's own address");
        }
        return a;
    }

    /** {@code --host}: checked for control characters; resolved later, on the diagnosed host. */
    public static String host(String text) {
        printable("--host", text);
        if (text.isBlank()) {
            throw new BadInputException("--host must not be empty (an address or a name)");
        }
        return text.strip();
    }

    /** Control characters (a newline forging a report line, terminal escapes) are bad input. */
    public static void printable(String option, String value) {
        if (value != null && value.chars().anyMatch(c -> c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))) {
            throw new BadInputException(option + " must not contain control characters (newline, tab, escape)");
        }
    }

    /**
     * The target with what only the host can tell: the port's /etc/services name and the
     * addresses {@code --host} stands for (a literal as it is, a name through the system
     * resolver), each marked local when it is one of this host's addresses.
     */
    public Target resolve(Target t) {
        List<HostAddress> hosts = new ArrayList<>();
        if (t.host() != null) {
            List<InetAddress> local =
                    system.localAddresses().stream().map(Addresses::unmap).toList();
            List<InetAddress> found =
                    Addresses.looksLiteral(t.host()) ? List.of(Addresses.literal(t.host())) : system.resolve(t.host());
            found.stream()
                    .map(Addresses::unmap)
                    .distinct()
                    .forEach(a -> hosts.add(new HostAddress(a, local.contains(a))));
        }
        return t.withResolution(new Target.Resolution(services().name(t.port()).orElse(null), hosts));
    }
}
