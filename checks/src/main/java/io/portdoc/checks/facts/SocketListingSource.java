package io.portdoc.checks.facts;

import io.portdoc.core.host.SystemView;
import io.portdoc.core.listing.Listing;
import io.portdoc.core.listing.ListingSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@link ListingSource} over {@link SocketListing}: the kernel's view turned into the document core renders. */
public final class SocketListingSource implements ListingSource {
    @Override
    public Listing read(SystemView system, Integer port) {
        return listing(SocketListing.read(system, port == null ? 0 : port));
    }

    static Listing listing(SocketListing listing) {
        List<Listing.Entry> entries = new ArrayList<>();
        for (SocketListing.Entry e : listing.entries()) {
            TcpSocket s = e.socket();
            Bind bind = e.bind();
            List<String> clients = new ArrayList<>();
            if (bind.v4) {
                clients.add("ipv4");
            }
            if (bind.v6) {
                clients.add("ipv6");
            }
            boolean owned = !e.pids().isEmpty();
            entries.add(new Listing.Entry(
                    s.family().proto,
                    s.host(),
                    s.port(),
                    bind.scope.name().toLowerCase(Locale.ROOT),
                    bind.id(),
                    clients,
                    owned ? e.pids().get(0) : null,
                    owned ? e.program() : null,
                    e.service(),
                    s.uid(),
                    s.inode()));
        }
        return new Listing(entries, listing.privileged(), listing.hidden());
    }
}
