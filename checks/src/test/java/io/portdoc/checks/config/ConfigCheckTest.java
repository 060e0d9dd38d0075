package io.portdoc.checks.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.core.CheckContext;
import io.portdoc.core.Evidence;
import io.portdoc.core.Exposure;
import io.portdoc.core.Msg;
import io.portdoc.core.Outcome;
import io.portdoc.core.Target;
import io.portdoc.core.Verdict;
import io.portdoc.core.host.RecordedSystem;
import io.portdoc.core.profile.ServiceProfile;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check on recorded hosts: Debian's /etc/apache2 as apt installed it here, Red Hat and
 * SUSE layouts, the cupsd.conf shipped by Debian's cups-daemon package, and variants of them.
 */
class ConfigCheckTest {
    static final Path HOSTS = Path.of("src/test/resources/hosts");

    @TempDir
    Path tmp;

    static Outcome run(Path host, Target target) {
        return new ConfigCheck().run(new CheckContext(new RecordedSystem(host), target));
    }

    static Target apache(int port, String client) throws IOException {
        Target t = Target.of("apache2", port);
        return client == null ? t : t.withClient(InetAddress.getByName(client));
    }

    /** A writable copy of a fixture host (symbolic links kept). */
    Path copy(String name) throws IOException {
        Path from = HOSTS.resolve(name);
        Path to = tmp.resolve(name);
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path dst = to.resolve(from.relativize(p).toString());
                if (Files.isSymbolicLink(p)) {
                    Files.createSymbolicLink(dst, Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(dst);
                } else {
                    Files.copy(p, dst, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }

    static String evidence(Outcome o) {
        return String.join(
                "\n",
                o.evidence().stream()
                        .map(e -> (e.location() == null ? "" : e.location() + " ") + e.text())
                        .toList());
    }

    static String hints(Outcome o) {
        return String.join("\n", Msg.texts(o.hints()));
    }

    static final String SEED = "<VirtualHost *:80>\n\tDocumentRoot /var/www/html\n\t<Directory /var/www/html>\n"
            + "\t\tDeny from all\n\t\tAllow from 10.0.0\n\t\tAllow from localhost\n\t</Directory>\n</VirtualHost>\n";

    @Test
    void debianDefaultLetsEveryoneIn() throws IOException {
        Outcome o = run(HOSTS.resolve("debian"), apache(80, null));
        assertEquals(Verdict.PASS, o.verdict(), o.summary() + "\n" + evidence(o));
        assertEquals("everyone is let in for /", o.summary().text());
        String ev = evidence(o);
        assertTrue(
                ev.contains(
                        "/etc/apache2/apache2.conf: the running apache2 (pid 812) uses its compiled-in default (debian layout)"),
                ev);
        assertTrue(ev.contains("variables from the daemon's environment (/proc/812/environ)"), ev);
        assertTrue(ev.contains("/etc/apache2/ports.conf:5 Listen 80"), ev);
        assertTrue(ev.contains("/etc/apache2/sites-enabled/000-default.conf:1 serves port 80: <VirtualHost *:80>"), ev);
        assertTrue(ev.contains("/etc/apache2/apache2.conf:170 applies to <Directory /var/www/>"), ev);
    }

    @Test
    void debianDefaultForAClient() throws IOException {
        Outcome o = run(HOSTS.resolve("debian"), apache(80, "192.0.2.10"));
        assertEquals(Verdict.PASS, o.verdict(), o.summary().text());
        assertTrue(
                o.summary()
                        .text()
                        .startsWith("client 192.0.2.10 is let in for / (decided at /etc/apache2/apache2.conf:17"),
                o.summary().text());
    }

    @Test
    void debianServerStatusIsLocalOnly() throws IOException {
        Target t = apache(80, "192.0.2.10")
                .withProfile(new ServiceProfile(
                        "apache2",
                        null,
                        List.of("apache2"),
                        List.of(),
                        List.of(),
                        Exposure.LAN,
                        new ServiceProfile.ConfigSpec("apache", List.of(), "/server-status"),
                        null));
        Outcome o = run(HOSTS.resolve("debian"), t);
        assertEquals(Verdict.FAIL, o.verdict(), o.summary().text());
        assertEquals(
                "192.0.2.10 is denied for /server-status by /etc/apache2/mods-enabled/status.conf:7: Require local",
                o.summary().text());
        assertTrue(
                hints(o).contains("add 192.0.2.10 to \"Require local\" at /etc/apache2/mods-enabled/status.conf:7"),
                hints(o));
    }

    @Test
    void seedRulesWithoutClientListWhoIsLetIn() throws IOException {
        Path host = copy("debian");
        Files.writeString(host.resolve("fs/etc/apache2/sites-enabled/000-default.conf"), SEED);
        Outcome o = run(host, apache(80, null));
        assertEquals(Verdict.WARN, o.verdict());
        assertEquals(
                "only some clients can get in for /: allowed: 10.0.0.0/24, localhost; everything else denied",
                o.summary().text());
        assertTrue(hints(o).contains("depends on DNS"), hints(o));
    }

    @Test
    void seedRulesForClientsInAndOut() throws IOException {
        Path host = copy("debian");
        Files.writeString(host.resolve("fs/etc/apache2/sites-enabled/000-default.conf"), SEED);
        Outcome in = run(host, apache(80, "10.0.0.156"));
        assertEquals(Verdict.PASS, in.verdict(), in.summary().text());
        assertTrue(
                evidence(in)
                        .contains("/etc/apache2/sites-enabled/000-default.conf:5 Allow from 10.0.0  [Allow matches]"),
                evidence(in));
        Outcome out = run(host, apache(80, "192.168.1.5"));
        assertEquals(Verdict.FAIL, out.verdict());
        assertEquals(
                "192.168.1.5 is denied for / by /etc/apache2/sites-enabled/000-default.conf:4: Deny from all",
                out.summary().text());
        assertTrue(
                hints(out)
                        .contains(
                                "add \"Allow from 192.168.1.5\" to the section at /etc/apache2/sites-enabled/000-default.conf:4"),
                hints(out));
    }

    @Test
    void domainRulesAndRequestVariablesAreConditions() throws IOException {
        Path host = copy("debian");
        Files.writeString(
                host.resolve("fs/etc/apache2/sites-enabled/000-default.conf"),
                "BrowserMatch curl tool\n"
                        + "<VirtualHost *:80>\n<Directory /var/www/html>\nOrder Allow,Deny\nAllow from 10.0.0 example.org env=tool\n"
                        + "</Directory>\n</VirtualHost>\n");
        Outcome o = run(host, apache(80, null));
        assertEquals(Verdict.WARN, o.verdict());
        assertEquals(
                "only some clients can get in for /: allowed: 10.0.0.0/24; also, depending on example.org, env=tool "
                        + "(BrowserMatch curl tool at /etc/apache2/sites-enabled/000-default.conf:1): any other client; "
                        + "everything else denied",
                o.summary().text());
        Outcome c = run(host, apache(80, "192.168.1.5"));
        assertEquals(Verdict.WARN, c.verdict());
        assertEquals(
                "whether 192.168.1.5 is let in for / depends on the request: env=tool",
                c.summary().text());
    }

    @Test
    void nobodyRemoteIsAFailureUnlessTheProfileSaysLocal() throws IOException {
        Path host = copy("debian");
        Files.writeString(
                host.resolve("fs/etc/apache2/sites-enabled/000-default.conf"),
                "<VirtualHost *:80>\n<Location />\nRequire local\n</Location>\n</VirtualHost>\n");
        Outcome o = run(host, apache(80, null));
        assertEquals(Verdict.FAIL, o.verdict(), o.summary().text());
        assertTrue(
                o.summary().text().startsWith("no remote client can get in for /: allowed: local"),
                o.summary().text());
        Target local = apache(80, null)
                .withProfile(new ServiceProfile(
                        "apache2", null, List.of("apache2"), List.of(), List.of(), Exposure.LOCAL, null, null));
        assertEquals(Verdict.PASS, run(host, local).verdict());
    }

    @Test
    void refusedConfigurationSaysApacheWillNotStart() throws IOException {
        Path host = copy("debian");
        Files.writeString(
                host.resolve("fs/etc/apache2/sites-enabled/000-default.conf"),
                "<VirtualHost *:80>\n<Directory /var/www/html>\nAllow from 10.1/16\n</Directory>\n</VirtualHost>\n");
        Outcome o = run(host, apache(80, "10.1.0.1"));
        assertEquals(Verdict.FAIL, o.verdict());
        assertEquals(
                "Apache will not start with this configuration: /etc/apache2/sites-enabled/000-default.conf:3: "
                        + "The specified IP address is invalid. (10.1/16)",
                o.summary().text());
    }

    @Test
    void otherPortIsAFailure() throws IOException {
        Outcome o = run(HOSTS.resolve("debian"), apache(8080, null));
        assertEquals(Verdict.FAIL, o.verdict());
        assertEquals("Apache listens on 80, you asked about 8080", o.summary().text());
        assertTrue(hints(o).contains("add \"Listen 8080\" next to /etc/apache2/ports.conf:5"), hints(o));
    }

    @Test
    void unreadableFilesAsNonRootAreUnknown() throws IOException {
        Path host = copy("debian");
        Files.writeString(host.resolve("host.properties"), "hostname=boven\nuser=henk\nprivileged=false\n");
        Files.writeString(host.resolve("denied.txt"), "/etc/apache2/sites-enabled/000-default.conf\n");
        Outcome o = run(host, apache(80, "10.0.0.156"));
        assertEquals(Verdict.UNKNOWN, o.verdict());
        assertEquals(
                "cannot read /etc/apache2/sites-enabled/000-default.conf: the access rules there are unknown",
                o.summary().text());
        assertTrue(hints(o).contains("run portdoc as root"), hints(o));
        assertTrue(evidence(o).contains("variables from /etc/apache2/envvars"), evidence(o)); // environ needs root
    }

    @Test
    void notApacheOrCupsIsSkipped() {
        Outcome o = run(HOSTS.resolve("debian"), Target.of("postfix", 25));
        assertEquals(Verdict.SKIP, o.verdict());
        assertTrue(o.summary().text().startsWith("no access-rule engine for this service (postfix)"));
    }

    @Test
    void redHatLayout() throws IOException {
        Target t = Target.of("httpd", 80).withClient(InetAddress.getByName("192.0.2.10"));
        Outcome o = run(HOSTS.resolve("redhat"), t);
        assertEquals(Verdict.PASS, o.verdict(), o.summary().text());
        assertTrue(
                evidence(o)
                        .contains(
                                "/etc/httpd/conf/httpd.conf: the running httpd (pid 1470) uses its compiled-in default (redhat layout)"));
        Target intranet = t.withProfile(new ServiceProfile(
                "httpd",
                null,
                List.of("httpd"),
                List.of(),
                List.of(),
                Exposure.LAN,
                new ServiceProfile.ConfigSpec("apache", List.of(), "/intranet/"),
                null));
        Outcome denied = run(HOSTS.resolve("redhat"), intranet);
        assertEquals(Verdict.FAIL, denied.verdict(), denied.summary().text());
        Outcome who = run(HOSTS.resolve("redhat"), intranet.withClient(null));
        assertEquals(
                "only some clients can get in for /intranet/: allowed: 10.0.0.0/24, local; everything else denied",
                who.summary().text());
    }

    @Test
    void redHatListenOnLoopbackOnly() throws IOException {
        Path host = copy("redhat");
        Path conf = host.resolve("fs/etc/httpd/conf/httpd.conf");
        Files.writeString(conf, Files.readString(conf).replace("\nListen 80\n", "\nListen 127.0.0.1:80\n"));
        Outcome o = run(host, Target.of("httpd", 80));
        assertEquals(Verdict.FAIL, o.verdict());
        assertEquals(
                "/etc/httpd/conf/httpd.conf:14 says \"Listen 127.0.0.1:80\": only local clients can ever connect",
                o.summary().text());
        Outcome local = run(host, Target.of("httpd", 80).withClient(InetAddress.getByName("127.0.0.1")));
        assertEquals(Verdict.PASS, local.verdict(), local.summary().text());
    }

    @Test
    void suseLayoutWithIntranetVhostFromTheCommandLine() throws IOException {
        Outcome o = run(HOSTS.resolve("suse"), Target.of("httpd-prefork", 80));
        String ev = evidence(o);
        assertTrue(
                ev.contains("/etc/apache2/httpd.conf: the running httpd-prefork (pid 1470) was started with -f"), ev);
        assertEquals(Verdict.WARN, o.verdict(), o.summary().text());
        assertEquals(
                "only some clients can get in for /: allowed: 10.0.0.0/24, localhost; everything else denied",
                o.summary().text());
        assertTrue(ev.contains("/etc/apache2/vhosts.d/intranet.conf:1 serves port 80: <VirtualHost *:80>"), ev);
    }

    @Test
    void suseListensElsewhere() throws IOException {
        Path host = copy("suse");
        Files.writeString(host.resolve("fs/etc/apache2/listen.conf"), "Listen 8080\n");
        Outcome o = run(host, Target.of("httpd-prefork", 80));
        assertEquals(Verdict.FAIL, o.verdict());
        assertEquals("Apache listens on 8080, you asked about 80", o.summary().text());
    }

    @Test
    void configOptionWhenNoDaemonRuns() throws IOException {
        Path host = copy("debian");
        Files.delete(host.resolve("processes.json"));
        Outcome o = run(host, apache(80, null).withConfigFile(Path.of("/etc/apache2/apache2.conf")));
        assertTrue(evidence(o).startsWith("/etc/apache2/apache2.conf: given with --config"), evidence(o));
        assertTrue(evidence(o).contains("variables from /etc/apache2/envvars"), evidence(o));
        assertEquals(Verdict.PASS, o.verdict());
    }

    @Test
    void cupsDefaultListensOnLocalhostOnly() throws IOException {
        Outcome o = run(HOSTS.resolve("cups"), Target.of("cups", 631));
        assertEquals(Verdict.FAIL, o.verdict(), o.summary().text());
        assertEquals(
                "/etc/cups/cupsd.conf:18 says \"Listen localhost:631\": only local clients can ever connect",
                o.summary().text());
        Outcome local =
                run(HOSTS.resolve("cups"), Target.of("cups", 631).withClient(InetAddress.getByName("127.0.0.1")));
        assertEquals(Verdict.PASS, local.verdict(), local.summary().text());
    }

    @Test
    void cupsSharedWithTheLocalNetwork() throws IOException {
        Path host = copy("cups");
        Path conf = host.resolve("fs/etc/cups/cupsd.conf");
        Files.writeString(
                conf,
                Files.readString(conf)
                        .replace("Listen localhost:631", "Port 631")
                        .replace(
                                "<Location />\n  Order allow,deny\n",
                                "<Location />\n  Order allow,deny\n  Allow @LOCAL\n"));
        Outcome o = run(host, Target.of("cups", 631));
        assertEquals(Verdict.WARN, o.verdict(), o.summary().text());
        assertEquals(
                "only some clients can get in for /: allowed: @LOCAL, localhost; everything else denied",
                o.summary().text());
        Outcome lan = run(host, Target.of("cups", 631).withClient(InetAddress.getByName("192.0.2.77")));
        assertEquals(Verdict.PASS, lan.verdict(), lan.summary().text());
        Outcome far = run(host, Target.of("cups", 631).withClient(InetAddress.getByName("198.51.100.7")));
        assertEquals(Verdict.FAIL, far.verdict(), far.summary().text());
        assertTrue(hints(far).contains("add \"Allow from 198.51.100.7\" next to /etc/cups/cupsd.conf:"), hints(far));
    }

    @Test
    void evidenceCarriesLocations() throws IOException {
        Outcome o = run(HOSTS.resolve("debian"), apache(80, "10.0.0.1"));
        for (Evidence e : o.evidence()) {
            if (e.text().contains("Require")) {
                assertTrue(e.location() != null && e.location().matches("/etc/apache2/.+:\\d+"), e.toString());
            }
        }
    }
}
