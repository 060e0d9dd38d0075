package io.portdoc.lab;

import static io.portdoc.lab.LabNet.CLIENT_IP;
import static io.portdoc.lab.LabNet.OUTSIDE_CLIENT_IP;
import static io.portdoc.lab.LabNet.SERVER_IP;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The config step against a real Apache: for each rule set, a real Apache httpd in the server
 * namespace, the HTTP status curl gets from both client namespaces (inside 10.0.0.156, outside
 * 172.16.5.20) is the expected answer, and {@code portdoc diagnose --client} (the real entry
 * point, run in the server namespace against the running daemon) must agree: 200 is PASS,
 * 403 is FAIL.
 */
@ExtendWith(Lab.class)
class ApacheConfigLabTest {
    static Stream<Arguments> ruleSets() {
        return Stream.of(
                Arguments.of("seed: Deny from all, Allow from 10.0.0 and localhost", dir("""
                        Order Deny,Allow
                        Deny from all
                        Allow from 10.0.0
                        Allow from localhost"""), 200, 403),
                Arguments.of("Allow,Deny: a Deny wins", dir("""
                        Order Allow,Deny
                        Allow from all
                        Deny from 172.16"""), 200, 403),
                Arguments.of("netmask", dir("""
                        Order Allow,Deny
                        Allow from 172.16.0.0/255.255.0.0"""), 403, 200),
                Arguments.of("Require all granted", dir("Require all granted"), 200, 200),
                Arguments.of("Require ip", dir("Require ip 172.16.5.0/24"), 403, 200),
                Arguments.of("RequireAll with a negation", dir("""
                        <RequireAll>
                          Require all granted
                          Require not ip 10.0.0.156
                        </RequireAll>"""), 403, 200),
                Arguments.of("RequireNone inside RequireAll", dir("""
                        <RequireAll>
                          Require ip 10.0.0.0/8 172.16.0.0/12
                          <RequireNone>
                            Require ip 172.16.5.20
                          </RequireNone>
                        </RequireAll>"""), 200, 403),
                Arguments.of("Require local", dir("Require local"), 403, 403),
                Arguments.of("Satisfy All: Deny and Require both count", dir("""
                        Order Deny,Allow
                        Deny from 10.0.0.156
                        Require ip 10.0.0.0/8 172.16.0.0/12"""), 403, 200),
                Arguments.of("Satisfy Any: the Allow suffices", dir("""
                        Order Allow,Deny
                        Allow from 10.0.0
                        Require ip 10.255.255.255
                        Satisfy Any"""), 200, 403),
                Arguments.of("AuthMerging And", """
                        <Directory "@ROOT@">
                          Require ip 10.0.0.0/24 172.16.5.0/24
                        </Directory>
                        <Directory "@DOCROOT@">
                          AuthMerging And
                          <RequireAll>
                            Require all granted
                            Require not ip 172.16.5.20
                          </RequireAll>
                        </Directory>
                        """, 200, 403),
                Arguments.of("Location is merged after Directory", dir("Require all granted") + """
                        <Location />
                          Require ip 10.0.0.156
                        </Location>
                        """, 200, 403));
    }

    private static String dir(String rules) {
        return "<Directory \"@DOCROOT@\">\n" + rules + "\n</Directory>\n";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ruleSets")
    void portdocAgreesWithApache(String name, String rules, int inside, int outside, LabNet net) {
        // the harness's preamble loads mod_mime, whose default mime.types is relative to its ServerRoot
        Apache apache = net.startApache(net.server(), "Listen 80\nTypesConfig /etc/mime.types\n" + rules);
        assertEquals(inside, net.httpStatus(net.inside(), "http://" + SERVER_IP + "/"), name + ": inside status");
        assertEquals(outside, net.httpStatus(net.outside(), "http://" + SERVER_IP + "/"), name + ": outside status");
        check(net, apache, CLIENT_IP, inside, name);
        check(net, apache, OUTSIDE_CLIENT_IP, outside, name);
    }

    private static void check(LabNet net, Apache apache, String client, int status, String name) {
        PortdocRun r = net.portdoc(
                net.server(),
                "diagnose",
                "--service",
                apache.processName(),
                "--port",
                "80",
                "--client",
                client,
                "--config",
                apache.conf().toString(),
                "--no-probe",
                "--format",
                "json");
        assertEquals(
                status == 200 ? "PASS" : "FAIL",
                r.verdict("config"),
                name + ": client " + client + " got " + status + "; portdoc said " + r.said("config") + "\n" + r);
    }
}
