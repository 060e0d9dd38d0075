package io.portdoc.lab;

import static io.portdoc.lab.LabNet.CLIENT_IP;
import static io.portdoc.lab.LabNet.CLIENT_IP6;
import static io.portdoc.lab.LabNet.SERVER_IP;
import static io.portdoc.lab.LabNet.SERVER_IP6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An IPv6 client. Apache matches {@code SetEnvIf Remote_Addr} against the client's address as
 * APR writes it, which is RFC 5952's compressed text ({@code fd42:0:0:1::156}, where Java writes
 * {@code fd42:0:0:1:0:0:0:156}), so a rule anchored on that text lets the client in; curl -6 from
 * the client is the ground truth. portdoc writes the address the same way in every format and
 * every step.
 */
@ExtendWith(Lab.class)
class Ipv6ClientLabTest {
    /** RFC 5952 section 4.2.3: the longest run of zero groups (the three at 5-7) becomes "::". */
    private static final String CLIENT_RFC5952 = "fd42:0:0:1::156";
    /** What {@link InetAddress#getHostAddress()} writes for it. */
    private static final String CLIENT_JAVA = "fd42:0:0:1:0:0:0:156";
    /** Hex groups and colons: every IPv6 text in a report (and some times of day, which do not parse). */
    private static final Pattern V6_TEXT = Pattern.compile("[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}");

    private static String rules(String style) {
        String allow = style.equals("2.2") ? """
                  Order Deny,Allow
                  Deny from all
                  Allow from env=let_in""" : """
                  Require env let_in""";
        return "Listen 80\nSetEnvIf Remote_Addr \"^" + CLIENT_RFC5952 + "$\" let_in\n" + "<Directory \"@DOCROOT@\">\n"
                + allow + "\n</Directory>\n";
    }

    // today the config step writes the client as Java does, and matches Remote_Addr against that text
    @ParameterizedTest(name = "{0} style")
    @ValueSource(strings = {"2.2", "2.4"})
    void setEnvIfOnTheRfc5952TextLetsTheIpv6ClientIn(String style, LabNet net) {
        assertEquals(CLIENT_RFC5952, CLIENT_IP6);
        assertEquals(CLIENT_JAVA, javaText(CLIENT_IP6), "Java writes it uncompressed");
        Apache apache = net.startApache(net.server(), rules(style), "apache2");
        assertEquals(200, net.httpStatus(net.inside(), "http://[" + SERVER_IP6 + "]/"), "curl -6 from the client");
        assertEquals(403, net.httpStatus(net.inside(), "http://" + SERVER_IP + "/"), "the same client over IPv4");

        for (String given : List.of(CLIENT_RFC5952, CLIENT_JAVA)) {
            PortdocRun json = diagnose(net, apache, given, "json");
            assertEquals("PASS", json.verdict("config"), "client " + given + ": " + json);
            assertEquals(
                    CLIENT_RFC5952, json.json().path("target").path("client").asText(), json.toString());
            assertTrue(json.said("config").contains(CLIENT_RFC5952), json.said("config"));
            for (JsonNode step : json.json().path("steps")) {
                assertOnlyRfc5952(
                        step.toString(), "step " + step.path("id").asText() + " (json, --client " + given + ")");
            }
            assertOnlyRfc5952(json.out(), "json");
            for (String format : List.of("text", "markdown")) {
                PortdocRun r = diagnose(net, apache, given, format);
                assertTrue(r.out().contains(CLIENT_RFC5952), format + ":\n" + r.out());
                assertOnlyRfc5952(r.out(), format + " (--client " + given + ")");
            }
        }
        PortdocRun v4 = diagnose(net, apache, CLIENT_IP, "json");
        assertEquals("FAIL", v4.verdict("config"), "over IPv4 the rule does not match: " + v4);
    }

    private static PortdocRun diagnose(LabNet net, Apache apache, String client, String format) {
        return net.portdoc(
                net.server(),
                "diagnose",
                "--service",
                "httpd",
                "--port",
                "80",
                "--client",
                client,
                "--timeout",
                "1s",
                "--verbose",
                "--format",
                format);
    }

    /** Every spelling of the client's address in {@code text} is the RFC 5952 one. */
    private static void assertOnlyRfc5952(String text, String where) {
        List<String> wrong = new ArrayList<>();
        Matcher m = V6_TEXT.matcher(text);
        while (m.find()) {
            String t = m.group();
            if (!t.equals(CLIENT_RFC5952) && t.indexOf(':') >= 0 && sameAddress(t, CLIENT_RFC5952)) {
                wrong.add(t);
            }
        }
        assertEquals(List.of(), wrong, where + " writes the client differently:\n" + text);
    }

    private static boolean sameAddress(String literal, String address) {
        try {
            return InetAddress.getByName(literal).equals(InetAddress.getByName(address)); // literals: no lookup
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String javaText(String address) {
        try {
            return InetAddress.getByName(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
