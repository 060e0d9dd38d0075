package io.portdoc.checks.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.portdoc.core.host.RecordedSystem;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ss's {@code v6only:} field read by inode (iproute2 misc/ss.c prints it with -e after ino:, from inet_diag). */
class V6OnlyFlagsTest {
    /** Captured here: python3 on [::]:48112 (IPV6_V6ONLY 0) and [::]:48111 (1); uid: as ss adds it for non-root. */
    private static final String REAL = """
            State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess
            LISTEN 0      128       *:48112    *:* ino:10726108 sk:61 cgroup:/ v6only:0 <->
            LISTEN 0      128    [::]:48111 [::]:* uid:1000 ino:10726107 sk:62 cgroup:/ v6only:1 <->
            LISTEN 0      128    [::]:48113 [::]:* ino:10726109 sk:63 cgroup:/ <->
            """;

    @Test
    void inodeToFlag() {
        assertEquals(Map.of(10726108L, false, 10726107L, true), V6OnlyFlags.parse(REAL));
        assertEquals(Map.of(), V6OnlyFlags.parse("v6only:1\nino:5\nino:x v6only:1\nino:7 v6only:2\n"));
    }

    @Test
    void readOnceFromARecordedSs(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("commands"));
        Files.writeString(tmp.resolve("commands/ss -tlne -6.out"), REAL);
        V6OnlyFlags flags = V6OnlyFlags.read(new RecordedSystem(tmp));
        assertEquals(Optional.of(true), flags.of(socket(10726107L)));
        assertEquals(Optional.of(false), flags.of(socket(10726108L)));
        assertNull(flags.whyUnknown(socket(10726107L)));
        assertEquals(Optional.empty(), flags.of(socket(10726109L)));
        assertEquals(V6OnlyFlags.Unread.NOT_PRINTED, flags.whyUnknown(socket(10726109L)));
    }

    @Test
    void whyNoFlag(@TempDir Path tmp) throws Exception {
        assertEquals(
                V6OnlyFlags.Unread.NOT_INSTALLED,
                V6OnlyFlags.read(new RecordedSystem(tmp)).whyUnknown(socket(1)));
        Files.createDirectories(tmp.resolve("commands"));
        Files.writeString(tmp.resolve("commands/ss -tlne -6.out"), "");
        Files.writeString(tmp.resolve("commands/ss -tlne -6.rc"), "1");
        Files.writeString(tmp.resolve("commands/ss -tlne -6.err"), "Cannot open netlink socket: Permission denied\n");
        V6OnlyFlags failed = V6OnlyFlags.read(new RecordedSystem(tmp));
        assertEquals(V6OnlyFlags.Unread.FAILED, failed.whyUnknown(socket(1)));
        assertEquals("Cannot open netlink socket: Permission denied", failed.detail());
        Files.writeString(tmp.resolve("commands/ss -tlne -6.timeout"), "");
        assertEquals(
                V6OnlyFlags.Unread.TIMED_OUT,
                V6OnlyFlags.read(new RecordedSystem(tmp)).whyUnknown(socket(1)));
    }

    @Test
    void theFlagDecidesTheBind() throws Exception {
        TcpSocket any6 = socket(9);
        TcpSocket any4 = new TcpSocket(Family.IPV4, InetAddress.getByName("0.0.0.0"), 80, TcpSocket.LISTEN, 0, 8);
        assertEquals(Bind.ALL_V6_V6ONLY, Bind.of(any6, List.of(any6), false, Optional.of(true)));
        assertEquals(Bind.ALL_V6_MAPPED, Bind.of(any6, List.of(any6), true, Optional.of(false)));
        assertEquals(Bind.ALL_V6_PAIRED, Bind.of(any6, List.of(any6, any4), false, Optional.of(true)));
        assertEquals(Bind.ALL_V6_DUAL, Bind.of(any6, List.of(any6), false, Optional.empty()));
        assertEquals(Bind.ALL_V6_ONLY, Bind.of(any6, List.of(any6), true, Optional.empty()));
    }

    private static TcpSocket socket(long inode) throws Exception {
        return new TcpSocket(Family.IPV6, InetAddress.getByName("::"), 80, TcpSocket.LISTEN, 0, inode);
    }
}
