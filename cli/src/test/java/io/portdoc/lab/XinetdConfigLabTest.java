package io.portdoc.lab;

import static io.portdoc.lab.LabNet.CLIENT_IP;
import static io.portdoc.lab.LabNet.OUTSIDE_CLIENT_IP;
import static io.portdoc.lab.LabNet.SERVER_IP;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.portdoc.checks.config.ConfigRequest;
import io.portdoc.checks.config.wrappers.XinetdJudge;
import io.portdoc.core.Outcome;
import io.portdoc.core.Target;
import io.portdoc.core.profile.ServiceProfile;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The xinetd engine against Debian's real xinetd (linked with libwrap): per rule set, xinetd in
 * the server namespace with its own config ({@code -f}, {@code -dontfork}, pid file in the lab
 * directory) serving its internal echo service on port 7007, in a mount namespace whose
 * /etc/hosts.allow and /etc/hosts.deny are the rule set's (the host's files are never touched).
 * Whether a real client's line comes back ({@code nc}) is the ground truth; the engine (in the
 * test JVM) and {@code portdoc diagnose} (in the same mount namespace) must agree.
 */
@ExtendWith(Lab.class)
class XinetdConfigLabTest {
    static final int PORT = 7007;

    static Stream<Arguments> ruleSets() {
        return Stream.of(
                Arguments.of("no rules", "", "", "", true, true),
                Arguments.of("only_from a subnet", "only_from = 10.0.0.0/24\n", "", "", true, false),
                Arguments.of("no_access a subnet", "no_access = 172.16.5.0/24\n", "", "", true, false),
                Arguments.of("trailing zeros are wildcards", "only_from = 172.16.0.0\n", "", "", false, true),
                Arguments.of(
                        "on both lists",
                        "only_from = 10.0.0.156 172.16.5.20\nno_access = 10.0.0.0/24\n",
                        "",
                        "",
                        false,
                        true),
                Arguments.of("empty only_from", "only_from =\n", "", "", false, false),
                Arguments.of("hosts.deny ALL, hosts.allow the LAN", "", "echo: 10.0.0.\n", "ALL: ALL\n", true, false),
                Arguments.of("hosts.deny by net/mask", "", "", "echo: 172.16.0.0/255.255.0.0\n", true, false),
                Arguments.of("hosts.allow EXCEPT", "", "echo: ALL EXCEPT 10.0.0.156\n", "ALL: ALL\n", false, true),
                Arguments.of("NOLIBWRAP ignores hosts.deny", "flags = NOLIBWRAP\n", "", "ALL: ALL\n", true, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ruleSets")
    void engineAndPortdocAgreeWithAClient(
            String name, String attrs, String allow, String deny, boolean inside, boolean outside, LabNet net)
            throws IOException {
        LabNet.requireTool("xinetd");
        HostsFilesMount.require();
        Path dir = Files.createDirectories(net.dir().resolve("xinetd-" + net.uniqueName("x")));
        HostsFilesMount hosts = HostsFilesMount.write(dir, allow, deny);
        Path conf = dir.resolve("xinetd.conf");
        Files.writeString(conf, """
                defaults
                {
                }
                service echo
                {
                	type		= INTERNAL UNLISTED
                	id		= echo-stream
                	socket_type	= stream
                	protocol	= tcp
                	port		= 7007
                	user		= root
                	wait		= no
                """ + attrs.lines().map(l -> "\t" + l + "\n").reduce("", String::concat) + "}\n");
        Proc xinetd = net.start(
                net.server(),
                hosts.wrap(
                        Exec.which("xinetd"),
                        "-f",
                        conf.toString(),
                        "-dontfork",
                        "-filelog",
                        dir.resolve("xinetd.log").toString(),
                        "-pidfile",
                        dir.resolve("xinetd.pid").toString()));
        net.awaitListening(xinetd, PORT);
        Object[][] clients = {{net.inside(), CLIENT_IP, inside}, {net.outside(), OUTSIDE_CLIENT_IP, outside}};
        for (Object[] c : clients) {
            boolean got = echoed(net, (String) c[0]);
            String what = name + ", client " + c[1] + ", echo came back: " + got;
            assertEquals(c[2], got, what + " (the table's expectation)");
            String truth = got ? "PASS" : "FAIL";
            Outcome o = new XinetdJudge()
                    .judge(new ConfigRequest(
                            hosts.system(), target((String) c[1]).withConfigFile(conf), Optional.empty()));
            assertEquals(truth, o.verdict().name(), what + "; engine said " + o);
            PortdocRun r = net.portdoc(
                    net.server(),
                    hosts.wrapper(),
                    "diagnose",
                    "--service",
                    "xinetd",
                    "--port",
                    Integer.toString(PORT),
                    "--client",
                    (String) c[1],
                    "--config",
                    conf.toString(),
                    "--no-probe",
                    "--format",
                    "json");
            assertEquals(truth, r.verdict("config"), what + "; portdoc said " + r.said("config") + "\n" + r);
        }
    }

    /** A line sent to the echo service comes back only when xinetd let the client in. */
    private static boolean echoed(LabNet net, String ns) {
        Exec.Result r = net.execInput(ns, "portdoc-lab\n", "nc", "-N", "-w", "3", SERVER_IP, Integer.toString(PORT));
        return r.out().contains("portdoc-lab");
    }

    private static Target target(String client) throws IOException {
        ServiceProfile p = new ServiceProfile(
                "xinetd",
                null,
                List.of("xinetd"),
                List.of(),
                List.of(new ServiceProfile.PortSpec(PORT, "tcp")),
                null,
                new ServiceProfile.ConfigSpec("xinetd", List.of("/etc/xinetd.conf"), "/"),
                null);
        return Target.of("xinetd", PORT).withProfile(p).withClient(InetAddress.getByName(client));
    }
}
