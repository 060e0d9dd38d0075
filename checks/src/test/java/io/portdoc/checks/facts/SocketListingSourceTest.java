package io.portdoc.checks.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.checks.testing.Hosts;
import io.portdoc.core.host.RecordedSystem;
import io.portdoc.core.listing.Listing;
import io.portdoc.core.listing.ListingSource;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The CLI renders the core {@link Listing}; the adapter must carry every field of the socket listing over. */
class SocketListingSourceTest {
    private final RecordedSystem boven = Hosts.host(Hosts.BOVEN);

    @Test
    void isFoundThroughServiceLoader() {
        assertInstanceOf(
                SocketListingSource.class, ListingSource.installed(getClass().getClassLoader()));
    }

    @Test
    void carriesEveryEntryOver() {
        SocketListing sockets = SocketListing.read(boven, 0);
        Listing listing = new SocketListingSource().read(boven, null);
        assertEquals(sockets.entries().size(), listing.entries().size());
        assertEquals(sockets.privileged(), listing.privileged());
        assertEquals(sockets.hidden(), listing.hiddenOwners());
        for (int i = 0; i < sockets.entries().size(); i++) {
            SocketListing.Entry s = sockets.entries().get(i);
            Listing.Entry e = listing.entries().get(i);
            assertEquals(s.socket().family().proto, e.protocol());
            assertEquals(s.socket().host(), e.address());
            assertEquals(s.socket().port(), e.port());
            assertEquals(s.bind().scope.name().toLowerCase(Locale.ROOT), e.scope());
            assertEquals(s.bind().id(), e.bind());
            assertEquals(s.bind() == Bind.ALL_V6_DUAL, e.dualStack());
            assertEquals(s.pids().isEmpty() ? null : s.pids().get(0), e.pid());
            assertEquals(s.pids().isEmpty() ? null : s.program(), e.program());
            assertEquals(s.service(), e.service());
            assertEquals(s.socket().uid(), e.uid());
            assertEquals(s.socket().inode(), e.inode());
        }
    }

    @Test
    void clientsAreTheFamiliesTheBindServes() {
        for (Listing.Entry e : new SocketListingSource().read(boven, null).entries()) {
            List<String> expected = switch (e.bind()) {
                case "all-v4", "loopback-v4", "specific-v4" -> List.of("ipv4");
                case "all-v6-dual", "all-v6-mapped" -> List.of("ipv4", "ipv6");
                default -> List.of("ipv6");
            };
            assertEquals(expected, e.clients(), e.toString());
        }
    }

    @Test
    void aPortKeepsOnlyItsSockets() {
        Listing ipp = new SocketListingSource().read(boven, 631);
        assertTrue(!ipp.entries().isEmpty());
        assertTrue(ipp.entries().stream().allMatch(e -> e.port() == 631), ipp.toString());
        assertEquals(
                SocketListing.read(boven, 631).entries().size(), ipp.entries().size());
    }
}
