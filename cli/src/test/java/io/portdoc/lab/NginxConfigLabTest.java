package io.portdoc.lab;

import static io.portdoc.lab.LabNet.CLIENT_IP;
import static io.portdoc.lab.LabNet.CLIENT_IP6;
import static io.portdoc.lab.LabNet.OUTSIDE_CLIENT_IP;
import static io.portdoc.lab.LabNet.OUTSIDE_CLIENT_IP6;
import static io.portdoc.lab.LabNet.SERVER_IP;
import static io.portdoc.lab.LabNet.SERVER_IP6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.checks.config.ConfigRequest;
import io.portdoc.checks.config.nginx.NginxJudge;
import io.portdoc.core.Outcome;
import io.portdoc.core.Target;
import io.portdoc.core.host.RealSystem;
import io.portdoc.core.profile.ProfileCatalog;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The nginx engine against a real nginx: for each rule set, nginx runs in the server namespace
 * and curl in the client namespaces (10.0.0.156 and 172.16.5.20 over IPv4, fd42:0:0:1::156 and
 * fd42:0:0:2::20 over IPv6) is the ground truth: 200 must be PASS, 403 FAIL, 401 (credentials
 * asked) WARN, and a closed connection (return 444) or a {@code return} portdoc does not evaluate
 * WARN. A few cases run the real {@code portdoc diagnose} and compare its config step.
 */
@ExtendWith(Lab.class)
class NginxConfigLabTest {
    private static final String LISTEN = "listen 80; listen [::]:80;\n";

    static Stream<Arguments> ruleSets() {
        return Stream.of(
                Arguments.of("a LAN allowed, the rest denied", server("location / { allow 10.0.0.0/24; deny all; }")),
                Arguments.of("first match wins", server("location / { deny 10.0.0.156; allow all; }")),
                Arguments.of(
                        "a location with rules of its own inherits none",
                        server("deny all;\nlocation / { allow 10.0.0.0/24; }")),
                Arguments.of(
                        "a location without rules inherits the server's",
                        server("allow 172.16.0.0/12; deny all;\nlocation / { index index.html; }")),
                Arguments.of(
                        "http-level rules reach every server",
                        "allow fd42:0:0:2::/64; allow 10.0.0.0/24; deny all;\n" + server("location / { }")),
                Arguments.of(
                        "satisfy any: an allow suffices, others are asked for credentials",
                        server("location / { satisfy any; allow 10.0.0.0/24; deny all;\n"
                                + "auth_basic \"lab\"; auth_basic_user_file @DIR@/htpasswd; }")),
                Arguments.of(
                        "satisfy all: denied stays denied, allowed must log in",
                        server("location / { allow 10.0.0.0/24; deny all;\n"
                                + "auth_basic \"lab\"; auth_basic_user_file @DIR@/htpasswd; }")),
                Arguments.of("IPv6 rules", server("location / { allow fd42:0:0:1::/64; deny all; }")),
                Arguments.of("only IPv6 rules: IPv4 clients pass", server("location / { deny fd42::/16; }")),
                Arguments.of("rules from an included file", server("location / { include rules/*.conf; }")),
                Arguments.of(
                        "a regex location beats the prefix",
                        server("location / { allow all; }\nlocation ~ ^/$ { deny 172.16.5.20; deny fd42:0:0:2::20; }")),
                Arguments.of(
                        "limit_except without GET applies to GET",
                        server("location / { limit_except POST { allow 10.0.0.0/24; deny all; } }")),
                Arguments.of(
                        "return 444 for one address: not evaluated",
                        server("location / { if ($remote_addr = 10.0.0.156) { return 444; } }")));
    }

    private static String server(String inside) {
        return "server {\n" + LISTEN + inside + "\n}";
    }

    private static final String[] INCLUDED = {
        "rules/10-lan.conf", "deny 172.16.5.20;\n", "rules/20-v6.conf", "deny fd42:0:0:2::/64;\n"
    };

    @ParameterizedTest(name = "{0}")
    @MethodSource("ruleSets")
    void engineAgreesWithCurl(String name, String body, LabNet net) throws IOException {
        Nginx nginx = Nginx.start(net, net.server(), true, body, INCLUDED);
        String[][] clients = {
            {net.inside(), CLIENT_IP, "http://" + SERVER_IP + "/"},
            {net.outside(), OUTSIDE_CLIENT_IP, "http://" + SERVER_IP + "/"},
            {net.inside(), CLIENT_IP6, "http://[" + SERVER_IP6 + "]/"},
            {net.outside(), OUTSIDE_CLIENT_IP6, "http://[" + SERVER_IP6 + "]/"}
        };
        StringBuilder statuses = new StringBuilder();
        for (String[] c : clients) {
            int status = net.httpStatus(c[0], c[2]);
            Outcome o = judge(nginx.conf(), c[1]);
            if (name.contains("not evaluated")) {
                statuses.append(status).append(' ');
                assertEquals(
                        "WARN", o.verdict().name(), name + ": " + o.summary().text());
                continue;
            }
            assertEquals(
                    expected(status),
                    o.verdict().name(),
                    name + ": client " + c[1] + " got " + status + " from nginx; the engine said "
                            + o.summary().text() + "\n" + o.evidence());
        }
        if (name.contains("not evaluated")) { // the real answers the WARN stands for: 444 closes, others get 200
            assertEquals("0 200 200 200 ", statuses.toString(), name);
        }
    }

    static String expected(int status) {
        return switch (status) {
            case 200 -> "PASS";
            case 403 -> "FAIL";
            case 401, 0 -> "WARN";
            default -> throw new AssertionError("unexpected HTTP status " + status);
        };
    }

    private static Outcome judge(Path conf, String client) throws IOException {
        Target t = Target.of("nginx", 80)
                .withProfile(ProfileCatalog.builtIn().find("nginx").orElseThrow())
                .withConfigFile(conf)
                .withClient(InetAddress.getByName(client));
        return new NginxJudge().judge(new ConfigRequest(new RealSystem(), t, Optional.empty()));
    }

    /** nginx -t is the ground truth for a refused config: the engine repeats its [emerg] line. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusalInNginxsOwnWords(String name, String body, LabNet net) throws IOException {
        Path dir = net.dir().resolve("refused-" + net.uniqueName("t"));
        Path conf = Nginx.write(dir, body);
        Exec.Result t = Nginx.test(net, net.server(), dir, conf);
        assertTrue(t.exit() != 0, name + ": nginx -t accepted it:\n" + t.err());
        // "nginx: [emerg] TEXT" before the error_log line is read, "DATE [emerg] PID#TID: TEXT" after
        String emerg = t.err()
                .lines()
                .filter(l -> l.contains("[emerg]"))
                .findFirst()
                .orElseThrow()
                .replaceFirst("^.*\\[emerg\\] (\\d+#\\d+: )?", "");
        Outcome o = judge(conf, CLIENT_IP);
        assertEquals("FAIL", o.verdict().name(), o.summary().text());
        assertEquals(
                "nginx will not start with this configuration: [emerg] " + emerg,
                o.summary().text());
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("unbalanced", "server { " + LISTEN + " location / { }\n"),
                Arguments.of("allow with a netmask", server("allow 10.0.0.0/255.255.255.0;")),
                Arguments.of("deny inside if", server("location / { if ($x) { deny all; } }")),
                Arguments.of("missing include", server("include @DIR@/none.conf;")),
                Arguments.of(
                        "two default servers",
                        server("listen 8080 default_server;") + server("listen 8080 default_server;")),
                Arguments.of("text after a quote", server("listen \"81\"x;")),
                Arguments.of("the earlier of two errors", server("allow 10.0.0.0/33;") + "\nserver {\n"),
                Arguments.of("an unknown satisfy value", server("satisfy some;")),
                Arguments.of("a location inside an exact one", server("location = /a { location /a/b { } }")));
    }

    /** The real entry point with a profile of the copied binary's name: -c is found on the running master. */
    @Test
    void portdocFindsTheMastersConfigAndAgreesWithCurl(LabNet net) throws IOException {
        Nginx nginx = Nginx.start(net, net.server(), true, server("location / { allow 10.0.0.0/24; deny all; }"));
        Path profile = nginx.dir().resolve("profile.yaml");
        Files.writeString(
                profile,
                "schema: portdoc/profile/v1\nservices:\n  - name: labnginx\n    processes: [" + nginx.processName()
                        + "]\n    ports: [80/tcp]\n    config: {format: nginx, path: /}\n");
        profile.toFile().setReadable(true, false);
        List<String[]> clients =
                List.of(new String[] {net.inside(), CLIENT_IP}, new String[] {net.outside(), OUTSIDE_CLIENT_IP});
        for (String[] c : clients) {
            int status = net.httpStatus(c[0], "http://" + SERVER_IP + "/");
            PortdocRun r = net.portdoc(
                    net.server(),
                    "diagnose",
                    "--profile",
                    profile.toString(),
                    "--service",
                    "labnginx",
                    "--port",
                    "80",
                    "--client",
                    c[1],
                    "--no-probe",
                    "--format",
                    "json");
            assertEquals(expected(status), r.verdict("config"), "client " + c[1] + " got " + status + "\n" + r);
            assertTrue(r.said("config").contains(nginx.conf() + ": the running nginx master"), r.said("config"));
        }
    }

    /** The built-in profile out of the box: --service nginx --port 80 --client IP against /usr/sbin/nginx. */
    @Test
    void builtInProfileOutOfTheBox(LabNet net) {
        Nginx nginx = Nginx.start(net, net.server(), false, server("location / { deny 172.16.5.20; }"));
        assertEquals("nginx", nginx.processName());
        assertEquals(403, net.httpStatus(net.outside(), "http://" + SERVER_IP + "/"));
        assertEquals(200, net.httpStatus(net.inside(), "http://" + SERVER_IP + "/"));
        PortdocRun out = net.portdoc(
                net.server(),
                "diagnose",
                "--service",
                "nginx",
                "--port",
                "80",
                "--client",
                OUTSIDE_CLIENT_IP,
                "--no-probe",
                "--format",
                "json");
        assertEquals("FAIL", out.verdict("config"), out.toString());
        assertEquals("config", out.blockingStep(), out.toString());
        assertTrue(out.said("config").contains(nginx.conf() + ":"), out.said("config"));
        PortdocRun in = net.portdoc(
                net.server(),
                "diagnose",
                "--service",
                "nginx",
                "--port",
                "80",
                "--client",
                CLIENT_IP,
                "--no-probe",
                "--format",
                "json");
        assertEquals("PASS", in.verdict("config"), in.toString());
    }
}
