package io.portdoc.core.vantage;

import io.portdoc.core.Target;
import io.portdoc.core.host.SystemView;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Reads the client-side facts on the machine portdoc runs on (the client), for a server whose
 * own addresses are {@code serverAddresses}. Core knows the facts; reading them needs the
 * firewall engine, which lives with the checks: they provide this through {@link ServiceLoader}.
 */
public interface ClientFactsSource {
    /**
     * {@code server} is the name or address the client uses ({@code --host}); {@code seenByServer}
     * the client address the server sees, or null when not known.
     */
    ClientFacts read(
            SystemView client,
            Target target,
            String server,
            List<InetAddress> serverAddresses,
            InetAddress seenByServer);

    /** The first source on the class path, if any. */
    static Optional<ClientFactsSource> installed(ClassLoader loader) {
        return ServiceLoader.load(ClientFactsSource.class, loader).findFirst();
    }
}
