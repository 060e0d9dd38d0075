package io.portdoc.core.listing;

import io.portdoc.core.host.SystemView;
import java.util.ServiceLoader;

/**
 * Reads the listening sockets of a host for {@code portdoc listening}. Core only knows the
 * document; the reading of the kernel tables lives with the checks, which provide this
 * interface through {@link ServiceLoader}, as they provide the {@code Check}s.
 */
public interface ListingSource {
    /** {@code port} null: every listening socket; else those on that port. */
    Listing read(SystemView system, Integer port);

    /** The first source on the class path. */
    static ListingSource installed(ClassLoader loader) {
        return ServiceLoader.load(ListingSource.class, loader)
                .findFirst()
                .orElseThrow(
                        () -> new IllegalStateException("no " + ListingSource.class.getName() + " on the class path"));
    }
}
