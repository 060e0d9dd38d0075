package io.portdoc.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PortClassTest {
    @Test
    void seedGroups() {
        assertEquals(PortClass.WELL_KNOWN, PortClass.of(1023));
        assertEquals(PortClass.REGISTERED, PortClass.of(1024));
        assertEquals(PortClass.REGISTERED, PortClass.of(49151));
        assertEquals(PortClass.DYNAMIC, PortClass.of(49152));
        assertEquals(PortClass.DYNAMIC, PortClass.of(65432)); // the seed's Firefox client port
    }

    @Test
    void servicesByNameAndPort() {
        ServicesDb db = new ServicesDb("""
                # comment
                http		80/tcp		www		# WorldWideWeb HTTP
                ipp		631/tcp				# Internet Printing Protocol
                smtp		25/tcp		mail
                syslog		514/udp
                """, "tcp");
        assertEquals(80, db.port("www").orElseThrow());
        assertEquals(80, db.port("HTTP").orElseThrow());
        assertEquals("ipp", db.name(631).orElseThrow());
        assertEquals(25, db.port("mail").orElseThrow());
        assertEquals(Optional.empty(), db.port("syslog")); // udp only
    }
}
