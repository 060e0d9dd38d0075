package io.portdoc.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An IPv6 client is written one way, RFC 5952, in every format and every step: given zero-padded
 * on the command line, it comes out compressed in the header, the JSON target, the config and
 * firewall verdicts and the hints alike.
 */
class AddressTextTest {
    @ParameterizedTest
    @ValueSource(strings = {"text", "json", "markdown"})
    void anIpv6ClientIsWrittenInRfc5952FormEverywhere(String format) {
        CliTest.Run r = CliTest.run(
                "--recorded-host",
                SamplesTest.HOST.toString(),
                "diagnose",
                "--service",
                "httpd",
                "--client",
                "fd00:0:0:0:0:0:0:156",
                "--format",
                format,
                "--verbose",
                "--no-probe");
        assertTrue(r.code() == 0 || r.code() == 1 || r.code() == 3, "exit " + r.code() + ": " + r.err());
        assertTrue(r.out().contains("fd00::156"), r.out());
        assertFalse(r.out().contains("fd00:0:0:0:0:0:0:156"), r.out());
        assertFalse(r.out().matches("(?s).*\\bfd00:0:.*"), "a zero-padded form of the client: " + r.out());
    }
}
