package io.portdoc.cli;

import io.portdoc.core.BadInputException;
import io.portdoc.core.Target;
import io.portdoc.core.host.SystemView;
import io.portdoc.core.net.ServicesDb;
import io.portdoc.core.profile.ProfileCatalog;
import io.portdoc.core.profile.ServiceProfile;
import io.portdoc.core.profile.ServiceProfile.PortSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Turns {@code --service} / {@code --port} into a {@link Target}: a profile name, an
 * /etc/services name or a process name for the service; a number or an /etc/services name for
 * the port; either may be left out when the other implies it. A service that names no profile
 * but is an /etc/services name gets the profile of that port ({@code ipp} is cups).
 */
final class TargetResolver {
    private final ProfileCatalog catalog;
    private final ServicesDb services;

    TargetResolver(ProfileCatalog catalog, SystemView system, String protocol) {
        this.catalog = catalog;
        this.services = ServicesDb.load(system, protocol);
    }

    /** A port given as number or service name; bad input throws {@link BadInputException}. */
    int port(String text) {
        String t = text.trim();
        if (t.matches("-?\\d+")) {
            long n = Long.parseLong(t.length() > 7 ? "999999" : t);
            if (n < 1 || n > 65535) {
                throw new BadInputException("port " + t + " is outside 1-65535");
            }
            return (int) n;
        }
        return services.port(t).orElseThrow(() ->
                new BadInputException("'" + t + "' is neither a port number nor a name in /etc/services"));
    }

    Target resolve(String service, String portText, String protocol, Duration timeout) {
        if (service != null && service.isBlank()) {
            throw new BadInputException("--service must not be empty");
        }
        if (service == null && portText == null) {
            throw new BadInputException("give --service NAME, --port N or both");
        }
        Optional<ServiceProfile> profile = service == null ? Optional.empty() : catalog.find(service);
        if (profile.isEmpty() && service != null) {
            // an /etc/services name (ipp, smtp, sunrpc): the profile of that port (cups, postfix, rpcbind)
            profile = services.port(service).flatMap(p -> catalog.findByPort(p, protocol));
        }
        int port;
        if (portText != null) {
            port = port(portText);
        } else if (profile.isPresent() && !profile.get().ports().isEmpty()) {
            port = profile.get().ports().get(0).port();
        } else {
            port = services.port(service).orElseThrow(() -> new BadInputException(
                    "no port for '" + service + "': it names no profile and no /etc/services entry; give --port"));
        }
        if (profile.isEmpty() && service == null) {
            profile = catalog.findByPort(port, protocol);
        }
        String name = service != null ? service : profile.map(ServiceProfile::name).orElse(null);
        ServiceProfile p = profile.orElseGet(() -> ServiceProfile.adHoc(name, List.of(new PortSpec(port, protocol))));
        Duration t = timeout != null ? timeout : p.probeTimeout();
        return new Target(name, port, protocol, null, null, null, t, true, p);
    }
}
