package io.portdoc.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.core.host.RecordedSystem;
import io.portdoc.core.net.Addresses;
import io.portdoc.core.profile.ProfileCatalog;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the user types as client, service and host: ambiguous, impossible or forging input is exit 2. */
class ClientInputTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "10.0.0.1, 10.0.0.1",
        "0.0.0.1, 0.0.0.1",
        "::ffff:192.168.1.7, 192.168.1.7",
        "fd00:10:0:0:0:0:0:156, fd00:10::156",
        "127.0.0.1, 127.0.0.1",
    })
    void accepted(String text, String canonical) {
        assertEquals(canonical, Addresses.text(TargetResolver.client(text)));
    }

    // inet_aton(3): "a part beginning with 0 is octal": 010.0.0.1 is 8.0.0.1 there, 10.0.0.1 to Java
    @ParameterizedTest
    @ValueSource(strings = {"010.0.0.1", "10.0.0.01", "192.168.001.7", "00.0.0.1"})
    void leadingZeroIsAmbiguous(String text) {
        BadInputException e = assertThrows(BadInputException.class, () -> TargetResolver.client(text));
        assertTrue(e.getMessage().contains("ambiguous"), e.getMessage());
    }

    // no TCP segment has an unspecified, broadcast or multicast source (RFC 1122 3.2.1.3, RFC 4291 2.7)
    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "255.255.255.255", "224.0.0.1", "ff02::1", "::ffff:0.0.0.0"})
    void impossibleSourceIsRefused(String text) {
        BadInputException e = assertThrows(BadInputException.class, () -> TargetResolver.client(text));
        assertTrue(e.getMessage().contains("cannot be the source"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"httpd\nPASS     Local firewall  forged", "ssh\u001b[2J", "a\tb", "x\u009b"})
    void controlCharactersAreRefused(String text) {
        TargetResolver r = new TargetResolver(ProfileCatalog.empty(), new RecordedSystem(Path.of("/nonexistent")));
        BadInputException e = assertThrows(BadInputException.class, () -> r.target(text, "80", null));
        assertEquals("--service must not contain control characters (newline, tab, escape)", e.getMessage());
        assertThrows(BadInputException.class, () -> TargetResolver.client("10.0.0.1\n"));
        assertThrows(BadInputException.class, () -> TargetResolver.host(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void anEmptyHostIsBadInput(String text) {
        BadInputException e = assertThrows(BadInputException.class, () -> TargetResolver.host(text));
        assertEquals("--host must not be empty (an address or a name)", e.getMessage());
    }
}
