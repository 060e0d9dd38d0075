package io.portdoc.core.host;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordedSystemConnectTest {
    @TempDir
    Path dir;

    private static InetSocketAddress at(String ip, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), port);
    }

    @Test
    void replaysRecordedOutcomesWithoutConnecting() throws Exception {
        Files.writeString(
                dir.resolve("connect.txt"),
                String.join(
                        "\n",
                        "# comment",
                        "10.0.0.154 80 open",
                        "10.0.0.154 81 java.net.ConnectException: Connection refused",
                        "fd42::154 82 java.net.BindException: Permission denied",
                        "10.0.0.156 80 java.net.NoRouteToHostException: No route to host"));
        RecordedSystem s = new RecordedSystem(dir);
        Duration t = Duration.ofSeconds(1);
        assertDoesNotThrow(() -> s.connect(at("10.0.0.154", 80), t));
        assertEquals(
                "Connection refused",
                assertThrows(ConnectException.class, () -> s.connect(at("10.0.0.154", 81), t))
                        .getMessage());
        assertEquals(
                "Permission denied",
                assertThrows(BindException.class, () -> s.connect(at("fd42:0:0:0:0:0:0:154", 82), t))
                        .getMessage());
        assertThrows(NoRouteToHostException.class, () -> s.connect(at("10.0.0.156", 80), t));
        // not recorded: as if dropped, and nothing is sent anywhere
        assertThrows(SocketTimeoutException.class, () -> s.connect(at("10.0.0.154", 443), t));
    }
}
