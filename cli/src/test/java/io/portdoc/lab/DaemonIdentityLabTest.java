package io.portdoc.lab;

import static io.portdoc.lab.LabNet.CLIENT_IP;
import static io.portdoc.lab.LabNet.SERVER_IP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Which Apache is "the daemon" when several run under the same program name ({@code --service
 * httpd}, the built-in profile, so the config step knows the format): the one that holds
 * the target port, among the processes of the diagnosed network namespace, and the config step
 * judges that instance's own configuration (found from its {@code -f}, no {@code --config}).
 * curl from the inside client is the ground truth; portdoc must name the deciding
 * {@code file:line} of the right instance whatever order they started in (the first one started
 * has the lower PID).
 */
@ExtendWith(Lab.class)
class DaemonIdentityLabTest {
    /** Instance A: port 80, denies the inside client (2.2 style, as in the seed). */
    private static final String DENIES_INSIDE = """
            Listen 80
            <Directory "@DOCROOT@">
              Order Deny,Allow
              Deny from all
              Allow from 172.16
            </Directory>
            """;
    /** Instance B: port 8080, lets everyone in (2.4 style). */
    private static final String ALLOWS_ALL = """
            Listen 8080
            <Directory "@DOCROOT@">
              Require all granted
            </Directory>
            """;

    private record Pair(Apache a, Apache b) {}

    /** Both run as apache2, the Debian name in the httpd profile; only the lab's processes are visible there. */
    private static Pair twoInstances(LabNet net, boolean aFirst) {
        String name = "apache2";
        Apache first = net.startApache(net.server(), aFirst ? DENIES_INSIDE : ALLOWS_ALL, name);
        Apache second = net.startApache(net.server(), aFirst ? ALLOWS_ALL : DENIES_INSIDE, name);
        Pair p = aFirst ? new Pair(first, second) : new Pair(second, first);
        assertEquals(403, net.httpStatus(net.inside(), "http://" + SERVER_IP + "/"), "A denies the inside client");
        assertEquals(200, net.httpStatus(net.inside(), "http://" + SERVER_IP + ":8080/"), "B lets it in");
        return p;
    }

    private static PortdocRun diagnose(LabNet net, Apache apache, int port) {
        return net.portdoc(
                net.server(),
                "diagnose",
                "--service",
                "httpd",
                "--port",
                Integer.toString(port),
                "--client",
                CLIENT_IP,
                "--no-probe",
                "--format",
                "json");
    }

    /** Port 80 is A's: config FAIL at A's "Deny from all". */
    private static void port80JudgesA(LabNet net, Pair p) {
        PortdocRun r = diagnose(net, p.a(), 80);
        assertEquals("FAIL", r.verdict("config"), r.toString());
        String at = location(p.a().conf(), "Deny from all");
        assertTrue(r.said("config").contains(at), "expected " + at + " in " + r.said("config"));
        assertFalse(r.said("config").contains(p.b().conf().toString()), r.said("config"));
    }

    /** Port 8080 is B's: config PASS, decided at B's "Require all granted". */
    private static void port8080JudgesB(LabNet net, Pair p) {
        PortdocRun r = diagnose(net, p.b(), 8080);
        assertEquals("PASS", r.verdict("config"), r.toString());
        String at = location(p.b().conf(), "Require all granted");
        assertTrue(r.said("config").contains(at), "expected " + at + " in " + r.said("config"));
        assertFalse(r.said("config").contains(p.a().conf().toString()), r.said("config"));
    }

    @Test
    void port80JudgesInstanceAWhenAStartedFirst(LabNet net) {
        port80JudgesA(net, twoInstances(net, true));
    }

    @Test
    void port80JudgesInstanceAWhenBStartedFirst(LabNet net) {
        port80JudgesA(net, twoInstances(net, false));
    }

    @Test
    void port8080JudgesInstanceBWhenAStartedFirst(LabNet net) {
        port8080JudgesB(net, twoInstances(net, true));
    }

    @Test
    void port8080JudgesInstanceBWhenBStartedFirst(LabNet net) {
        port8080JudgesB(net, twoInstances(net, false));
    }

    /**
     * An Apache of the same name in another network namespace (another server on this machine)
     * that denies everyone: portdoc sees its process (the machine's PID namespace) but it does
     * not serve the server's port 80, so the server's own Apache, which lets the client in, decides.
     */
    private static void anotherNamespacesApacheDoesNotCount(LabNet net, boolean otherFirst) {
        // httpd (Red Hat's name, in the httpd profile too), so the machine's apache2 processes stay out of it
        String name = "httpd";
        String deniesAll = """
                Listen 80
                <Directory "@DOCROOT@">
                  Require all denied
                </Directory>
                """;
        String letsIn = """
                Listen 80
                <Directory "@DOCROOT@">
                  Order Deny,Allow
                  Deny from all
                  Allow from 10.0.0
                </Directory>
                """;
        Apache other = null;
        if (otherFirst) {
            other = net.startApache(net.other(), deniesAll, name);
        }
        Apache own = net.startApache(net.server(), letsIn, name);
        if (!otherFirst) {
            other = net.startApache(net.other(), deniesAll, name);
        }
        assertEquals(200, net.httpStatus(net.inside(), "http://" + SERVER_IP + "/"), "the server's Apache lets it in");
        assertEquals(403, net.httpStatus(net.other(), "http://127.0.0.1/"), "the other namespace's Apache denies all");
        PortdocRun r = net.portdocSeeingHostProcesses(
                net.server(),
                "diagnose",
                "--service",
                "httpd",
                "--port",
                "80",
                "--client",
                CLIENT_IP,
                "--no-probe",
                "--format",
                "json");
        assertEquals("PASS", r.verdict("config"), r.toString());
        String at = location(own.conf(), "Allow from 10.0.0");
        assertTrue(r.said("config").contains(at), "expected " + at + " in " + r.said("config"));
        assertFalse(r.said("config").contains(other.conf().toString()), r.said("config"));
    }

    @Test
    void anApacheInAnotherNetworkNamespaceStartedFirstDoesNotCount(LabNet net) {
        anotherNamespacesApacheDoesNotCount(net, true);
    }

    @Test
    void anApacheInAnotherNetworkNamespaceStartedLaterDoesNotCount(LabNet net) {
        anotherNamespacesApacheDoesNotCount(net, false);
    }

    /** {@code FILE:LINE} of the first line of {@code conf} that contains {@code text}. */
    static String location(Path conf, String text) {
        try {
            List<String> lines = Files.readAllLines(conf);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(text)) {
                    return conf + ":" + (i + 1);
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read " + conf, e);
        }
        throw new AssertionError("no \"" + text + "\" in " + conf);
    }
}
