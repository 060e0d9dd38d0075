package io.portdoc.checks.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.checks.testing.Hosts;
import io.portdoc.core.host.RecordedSystem;
import io.portdoc.core.net.Addresses;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The parser on /proc/net/tcp{,6} captured on this machine with real listeners (see Hosts). */
class ProcNetTcpTest {
    private static String read(String host, Family f) throws Exception {
        return Hosts.host(host).readFile(f.file);
    }

    private static TcpSocket find(List<TcpSocket> sockets, String endpoint) {
        return sockets.stream()
                .filter(s -> s.endpoint().equals(endpoint))
                .findFirst()
                .orElseThrow(() -> new AssertionError(endpoint + " not in " + sockets));
    }

    @Test
    void seedListingIPv4() throws Exception {
        List<TcpSocket> v4 = ProcNetTcp.listening(read(Hosts.BOVEN, Family.IPV4), Family.IPV4);
        Set<String> endpoints = v4.stream().map(TcpSocket::endpoint).collect(Collectors.toSet());
        assertEquals(
                Set.of(
                        "127.0.0.1:25",
                        "0.0.0.0:3306",
                        "0.0.0.0:20048",
                        "0.0.0.0:2049",
                        "0.0.0.0:50387",
                        "0.0.0.0:34487",
                        "0.0.0.0:21",
                        "0.0.0.0:631",
                        "0.0.0.0:873"),
                endpoints);
        TcpSocket smtp = find(v4, "127.0.0.1:25");
        assertEquals(InetAddress.getByName("127.0.0.1"), smtp.address());
        assertEquals(Family.IPV4, smtp.family());
        assertEquals(BindScope.LOOPBACK, smtp.scope());
        assertEquals(0, smtp.uid());
        assertTrue(smtp.inode() > 0);
        assertEquals(BindScope.ALL, find(v4, "0.0.0.0:631").scope());
    }

    @Test
    void seedListingIPv6() throws Exception {
        List<TcpSocket> v6 = ProcNetTcp.listening(read(Hosts.BOVEN, Family.IPV6), Family.IPV6);
        assertEquals(7, v6.size());
        TcpSocket smtp = find(v6, "[::1]:25");
        assertInstanceOf(Inet6Address.class, smtp.address());
        assertTrue(smtp.loopback());
        TcpSocket www = find(v6, "[::]:80");
        assertTrue(www.wildcard());
        assertEquals(Family.IPV6, www.clientFamily());
    }

    @Test
    void specificAndMappedAddresses() throws Exception {
        List<TcpSocket> v4 = ProcNetTcp.listening(read("other-program", Family.IPV4), Family.IPV4);
        assertEquals(BindScope.SPECIFIC, find(v4, "10.0.0.154:3306").scope());
        List<TcpSocket> v6 = ProcNetTcp.listening(read("other-program", Family.IPV6), Family.IPV6);
        TcpSocket pg = find(v6, "[2001:db8::154]:5432");
        assertEquals(InetAddress.getByName("2001:db8::154"), pg.address());
        assertEquals(BindScope.SPECIFIC, pg.scope());
        // the JDK binds 127.0.0.2 on an IPv6 socket: ::ffff:127.0.0.2 in tcp6, an IPv4 loopback
        TcpSocket jdk = find(v6, "[::ffff:127.0.0.2]:8080");
        assertInstanceOf(Inet4Address.class, jdk.address());
        assertEquals(Family.IPV4, jdk.clientFamily());
        assertEquals(BindScope.LOOPBACK, jdk.scope());
    }

    @Test
    void otherStatesAreSkippedUnlessAsked() throws Exception {
        String table = read("other-program", Family.IPV4);
        List<TcpSocket> all = ProcNetTcp.all(table, Family.IPV4);
        List<TcpSocket> listening = ProcNetTcp.listening(table, Family.IPV4);
        assertEquals(6, all.size());
        assertEquals(4, listening.size());
        List<TcpSocket> established =
                all.stream().filter(s -> s.state() == 0x01).toList();
        assertEquals(2, established.size());
        // the accepted side still waits in mysqld's accept queue: no inode yet
        assertTrue(established.stream().anyMatch(s -> s.inode() == 0 && s.port() == 3306));
        assertTrue(established.stream().anyMatch(s -> s.inode() > 0 && s.port() != 3306));
    }

    @Test
    void emptyTableAndGarbage() {
        String header =
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
        assertTrue(ProcNetTcp.all(header, Family.IPV4).isEmpty());
        assertTrue(ProcNetTcp.all("", Family.IPV4).isEmpty());
        // a truncated last line (read while the kernel was writing) is skipped, the rest kept
        String lines = header
                + "   0: 0100007F:0019 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 23406 1 0 100 0 0 10 0\n"
                + "   1: 0100007F:00\n"
                + "   2: ZZ00007F:0019 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1\n";
        List<TcpSocket> s = ProcNetTcp.all(lines, Family.IPV4);
        assertEquals(1, s.size());
        assertEquals(23406, s.get(0).inode());
    }

    @Test
    void tableOfARecordedHost() {
        SocketTable t = SocketTable.read(Hosts.host(Hosts.BOVEN));
        assertTrue(t.readable());
        assertFalse(t.bindV6Only());
        assertEquals(2, t.onPort(631).size());
        assertTrue(SocketTable.read(Hosts.host("v6only")).bindV6Only());
        SocketTable none = SocketTable.read(new RecordedSystem(Path.of("src/test/resources/no-such-host")));
        assertFalse(none.readable());
        assertEquals(Set.of(Family.IPV4, Family.IPV6), none.unreadable().keySet());
    }

    @Test
    void ipv6Printing() {
        assertEquals("2001:db8::154", Addresses.text(Addresses.literal("2001:db8:0:0:0:0:0:154")));
        assertEquals("fe80::1:0:0:1", Addresses.text(Addresses.literal("fe80:0:0:0:1:0:0:1")));
        assertEquals("1:2:3:4:5:6:7:8", Addresses.text(Addresses.literal("1:2:3:4:5:6:7:8")));
        assertEquals("10.0.0.1", Addresses.text(Addresses.literal("10.0.0.1")));
    }
}
