package io.portdoc.checks.config.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.portdoc.checks.testing.MemoryHost;
import io.portdoc.core.net.Addresses;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The error log is searched for the client as MariaDB writes it: the address from getnameinfo
 * with NI_NUMERICHOST (vio_get_normalized_ip_string), so an IPv6 client is {@code 'fd00::5'},
 * never Java's uncompressed {@code fd00:0:0:0:0:0:0:5}.
 */
class ErrorLogTest {
    private static final String LOG = "/var/log/mysql/error.log";

    @Test
    void findsAnIpv6ClientInTheFormMariadbWrites() {
        MemoryHost host = new MemoryHost()
                .file(
                        LOG,
                        "2026-11-30 9:00:00 0 [Note] Server socket created on IP: '::'.\n"
                                + "2026-11-30 9:00:05 31 [Warning] Access denied for user 'app'@'fd00::5'"
                                + " (using password: YES)\n"
                                + "2026-11-30 9:00:06 32 [Warning] Access denied for user 'app'@'fd00::6'"
                                + " (using password: YES)\n");
        ErrorLog.Lines lines = ErrorLog.about(host, LOG, Addresses.literal("fd00::5"));
        assertEquals(1, lines.lines().size(), lines.toString());
        assertEquals(LOG + ":2", lines.where().get(0).toString());
        assertEquals(
                List.of(),
                ErrorLog.about(host, LOG, Addresses.literal("10.0.0.5")).lines());
    }
}
