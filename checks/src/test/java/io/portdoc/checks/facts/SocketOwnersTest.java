package io.portdoc.checks.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.checks.testing.Hosts;
import io.portdoc.core.host.RecordedSystem;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SocketOwnersTest {
    private static long inode(RecordedSystem host, String endpoint) {
        return SocketTable.read(host).listening().stream()
                .filter(s -> s.endpoint().equals(endpoint))
                .findFirst()
                .orElseThrow()
                .inode();
    }

    @Test
    void preforkSocketIsFoundAtTheParentFirst() {
        RecordedSystem host = Hosts.host(Hosts.BOVEN);
        long www = inode(host, "[::]:80");
        SocketOwners.Result r = SocketOwners.find(host, Set.of(www), List.of());
        assertEquals(List.of(Hosts.pid(host, "httpd2-prefork")), r.pids(www));
        assertTrue(r.denied().isEmpty());
    }

    @Test
    void kernelSocketsHaveNoOwner() {
        RecordedSystem host = Hosts.host(Hosts.BOVEN);
        long nfs = inode(host, "0.0.0.0:2049");
        long cups = inode(host, "0.0.0.0:631");
        SocketOwners.Result r = SocketOwners.find(host, Set.of(nfs, cups), List.of());
        assertEquals(List.of(), r.pids(nfs));
        assertEquals(List.of(Hosts.pid(host, "cupsd")), r.pids(cups));
    }

    @Test
    void preferredPidsAreScannedFirst() {
        RecordedSystem host = Hosts.host(Hosts.BOVEN);
        long www = inode(host, "[::]:80");
        long child = host.processes().stream()
                .filter(p -> "httpd2-prefork".equals(p.comm()))
                .mapToLong(p -> p.pid())
                .max()
                .orElseThrow();
        assertEquals(
                List.of(child),
                SocketOwners.find(host, Set.of(www), List.of(child)).pids(www));
    }

    @Test
    void otherUsersFdsAreDeniedWithoutRoot() {
        RecordedSystem host = Hosts.host("nonroot");
        long cups = inode(host, "0.0.0.0:631");
        long app = inode(host, "0.0.0.0:8000");
        SocketOwners.Result r = SocketOwners.find(host, Set.of(cups, app), List.of());
        assertEquals(List.of(Hosts.pid(host, "cupsd")), r.denied());
        assertEquals(List.of(), r.pids(cups));
        assertEquals(List.of(Hosts.pid(host, "myapp")), r.pids(app));
    }

    @Test
    void socketsOfAProcess() {
        RecordedSystem host = Hosts.host("other-program");
        long sshd = Hosts.pid(host, "sshd");
        SocketOwners.Result r = SocketOwners.socketsOf(host, List.of(sshd));
        assertTrue(r.owners().containsKey(inode(host, "0.0.0.0:2222")));
        assertTrue(r.owners().containsKey(inode(host, "[::]:2222")));
        assertTrue(!r.owners().containsKey(inode(host, "0.0.0.0:2626")));
    }

    @Test
    void socketLinks() {
        assertEquals(123, SocketOwners.socketInode("socket:[123]"));
        assertEquals(-1, SocketOwners.socketInode("socket:[]"));
        assertEquals(-1, SocketOwners.socketInode("pipe:[123]"));
        assertEquals(-1, SocketOwners.socketInode("/dev/null"));
        assertEquals(-1, SocketOwners.socketInode(null));
    }
}
