package io.portdoc.checks.config.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.checks.config.dbconf.Where;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Option lines as mysys/my_default.c reads them, and booleans as my_getopt takes them. */
class OptionFileReaderTest {
    static MyOption opt(String line) {
        return OptionFileReader.option("mysqld", line, new Where("f", 1));
    }

    @Test
    void namesAndValues() {
        assertEquals("bind-address", opt("bind_address=1.2.3.4").name());
        assertEquals("1.2.3.4", opt("bind-address   =   1.2.3.4").value());
        assertEquals("skip-networking", opt("loose-skip-networking").name());
        assertNull(opt("skip-networking").value());
        assertEquals("a#b", opt("x = 'a#b'").value());
        assertEquals("0.0.0.0", opt("x = 0.0.0.0 # everything").value());
    }

    @Test
    void booleans() {
        assertTrue(opt("skip-networking").on());
        assertTrue(opt("skip-networking = ON").on());
        assertTrue(opt("skip-networking=1").on());
        assertFalse(opt("skip-networking=0").on());
        assertFalse(opt("skip-networking = off").on());
    }

    @Test
    void groupsPerVersion() {
        ServerVersion maria = ServerVersion.parse("mariadbd  Ver 10.11.19-MariaDB-0+deb12u1 for debian-linux-gnu");
        assertEquals(
                List.of(
                        "mysqld",
                        "server",
                        "mysqld-10.11",
                        "mariadb",
                        "mariadb-10.11",
                        "mariadbd",
                        "mariadbd-10.11",
                        "client-server",
                        "galera"),
                ServerVersion.groups(maria));
        ServerVersion mysql = ServerVersion.parse("/usr/sbin/mysqld  Ver 8.0.36 for Linux on x86_64 (MySQL)");
        assertEquals(List.of("mysqld", "server", "mysqld-8.0"), ServerVersion.groups(mysql));
        assertTrue(mysql.bindList());
        assertFalse(ServerVersion.parse("mysqld  Ver 10.6.1-MariaDB").bindList());
    }
}
