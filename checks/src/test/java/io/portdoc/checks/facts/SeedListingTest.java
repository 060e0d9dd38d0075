package io.portdoc.checks.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.checks.testing.Hosts;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The seed article's {@code netstat -tlpn} on host "boven", reproduced with real listeners
 * (recorded host seed-boven, see scripts/capture-fixtures.sh): the same addresses, ports and
 * programs, nfs and lockd without a PID. Only 111 is left out: it belongs to init (PID 1).
 */
class SeedListingTest {
    private static final String NETSTAT = """
            tcp      0      0 0.0.0.0:2049      0.0.0.0:*          LISTEN      -
            tcp      0      0 0.0.0.0:873      0.0.0.0:*          LISTEN      1464/xinetd
            tcp      0      0 0.0.0.0:3306     0.0.0.0:*          LISTEN      1822/mysqld
            tcp      0      0 0.0.0.0:111      0.0.0.0:*          LISTEN      1/init
            tcp      0      0 0.0.0.0:20048    0.0.0.0:*          LISTEN      1572/rpc.mountd
            tcp      0      0 0.0.0.0:50387    0.0.0.0:*          LISTEN      1576/rpc.statd
            tcp      0      0 0.0.0.0:21       0.0.0.0:*          LISTEN      1464/xinetd
            tcp      0      0 0.0.0.0:34487    0.0.0.0:*          LISTEN      -
            tcp      0      0 0.0.0.0:631      0.0.0.0:*          LISTEN      1462/cupsd
            tcp      0      0 127.0.0.1:25     0.0.0.0:*          LISTEN      1994/master
            tcp      0      0 :::2049          :::*                LISTEN      -
            tcp      0      0 :::111           :::*                LISTEN      1/init
            tcp      0      0 :::80            :::*                LISTEN      1470/httpd2-prefork
            tcp      0      0 :::20048         :::*                LISTEN      1572/rpc.mountd
            tcp      0      0 :::36630         :::*                LISTEN      1576/rpc.statd
            tcp      0      0 :::42807         :::*                LISTEN      -
            tcp      0      0 :::631           :::*                LISTEN      1462/cupsd
            tcp      0      0 :::1:25         :::*                LISTEN      1994/master
            """;

    /** "0.0.0.0:631 cupsd", ":::80 httpd2-prefork", "0.0.0.0:2049 -" in netstat's address notation. */
    private static List<String> seedRows() {
        List<String> rows = new ArrayList<>();
        for (String line : NETSTAT.strip().split("\n")) {
            String[] f = line.trim().split("\\s+");
            String program = f[6].equals("-") ? "-" : f[6].substring(f[6].indexOf('/') + 1);
            String address = f[3].equals(":::1:25") ? "::1:25" : f[3]; // the article's typo
            if (!program.equals("init")) {
                rows.add(address + " " + program);
            }
        }
        return rows.stream().sorted().toList();
    }

    @Test
    void recordedHostShowsTheSeedsListing() {
        SocketListing listing = SocketListing.read(Hosts.host(Hosts.BOVEN), 0);
        List<String> ours = listing.entries().stream()
                .map(e -> {
                    TcpSocket s = e.socket();
                    String address = s.family() == Family.IPV6 ? s.host() + ":" + s.port() : s.endpoint();
                    return address + " " + (e.program() == null ? "-" : e.program());
                })
                .sorted()
                .collect(Collectors.toList());
        assertEquals(seedRows(), ours);
        assertEquals(0, listing.hidden());
        assertTrue(listing.privileged());
    }

    @Test
    void servicesNamesLikeNetstatWithoutN() {
        SocketListing listing = SocketListing.read(Hosts.host(Hosts.BOVEN), 0);
        // netstat -tlp shows *:ipp, localhost:smtp, *:www-http ... (Debian's /etc/services says http for 80)
        assertEquals("ipp", service(listing, 631));
        assertEquals("smtp", service(listing, 25));
        assertEquals("nfs", service(listing, 2049));
        assertEquals("rsync", service(listing, 873));
        assertEquals("mysql", service(listing, 3306));
        assertEquals(null, service(listing, 50387));
    }

    private static String service(SocketListing l, int port) {
        return l.entries().stream()
                .filter(e -> e.socket().port() == port)
                .findFirst()
                .orElseThrow()
                .service();
    }
}
