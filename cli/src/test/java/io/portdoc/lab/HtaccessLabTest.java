package io.portdoc.lab;

import static io.portdoc.lab.LabNet.CLIENT_IP;
import static io.portdoc.lab.LabNet.SERVER_IP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A .htaccess as Apache's children read it: a real Apache (its preamble runs the children as
 * {@code daemon}) and curl in the inside client's namespace give the status; portdoc's config
 * step must agree (200 is PASS; 403 and 500 are FAIL naming the status) although portdoc runs
 * as root and could read what the run user cannot.
 */
@ExtendWith(Lab.class)
class HtaccessLabTest {
    private static final String CONF =
            "Listen 80\n<Directory \"@DOCROOT@\">\nAllowOverride All\n" + "Require all granted\n</Directory>\n";

    private record Case(Apache apache, int status, PortdocRun run) {}

    private static Case run(LabNet net, String htaccess, String mode) throws IOException {
        Apache apache = net.startApache(net.server(), CONF);
        Path file = apache.root().resolve("htdocs/.htaccess");
        Files.writeString(file, htaccess.replace("@ROOT@", apache.root().toString()));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return judge(net, apache, "json");
    }

    private static Case judge(LabNet net, Apache apache, String format) {
        int status = net.httpStatus(net.inside(), "http://" + SERVER_IP + "/");
        PortdocRun r = net.portdoc(
                net.server(),
                "diagnose",
                "--service",
                apache.processName(),
                "--port",
                "80",
                "--client",
                CLIENT_IP,
                "--config",
                apache.conf().toString(),
                "--no-probe",
                "--format",
                format);
        return new Case(apache, status, r);
    }

    @Test
    void modeZeroIsForbidden(LabNet net) throws IOException {
        Case c = run(net, "Require all granted\n", "---------");
        assertEquals(403, c.status());
        assertEquals("FAIL", c.run().verdict("config"), c.run().toString());
        assertTrue(c.run().said("config").contains("403"), c.run().said("config"));
    }

    @Test
    void includeIsServerError(LabNet net) throws IOException {
        Case c = run(net, "Include /etc/hostname\n", "rw-r--r--");
        assertEquals(500, c.status());
        assertEquals("FAIL", c.run().verdict("config"), c.run().toString());
        assertTrue(c.run().said("config").contains("500"), c.run().said("config"));
    }

    @Test
    void misspelledDirectiveIsServerError(LabNet net) throws IOException {
        Case c = run(net, "Requre all granted\n", "rw-r--r--");
        assertEquals(500, c.status());
        assertEquals("FAIL", c.run().verdict("config"), c.run().toString());
        assertTrue(c.run().said("config").contains("500"), c.run().said("config"));
    }

    @Test
    void ifFileIsDecidedAsTheRunUser(LabNet net) throws IOException {
        // root sees @ROOT@/private/flag; the children (user daemon) cannot search private/
        Apache apache = net.startApache(net.server(), CONF);
        Path priv = Files.createDirectory(apache.root().resolve("private"));
        Files.setPosixFilePermissions(priv, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(priv.resolve("flag"), "");
        Path file = apache.root().resolve("htdocs/.htaccess");
        Files.writeString(file, "<IfFile " + priv.resolve("flag") + ">\nRequire all denied\n</IfFile>\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Case c = judge(net, apache, "json");
        assertEquals(200, c.status());
        assertEquals("PASS", c.run().verdict("config"), c.run().toString());
    }

    @Test
    void readableAllowedHtaccessPasses(LabNet net) throws IOException {
        Case c = run(net, "Require all granted\n", "rw-r--r--");
        assertEquals(200, c.status());
        assertEquals("PASS", c.run().verdict("config"), c.run().toString());
    }

    /**
     * One diagnosis with three planted secrets: a {@code --password=} on the daemon's command
     * line, a token in a configuration line, and a .htaccess symlinked to a root-only file
     * holding a deploy token. No output format may show any of them.
     */
    @Test
    void plantedSecretsAppearInNoFormat(LabNet net) throws IOException {
        String cmdSecret = "hunter2";
        String confSecret = "cfgT0ken-9f3a";
        String deploySecret = "ghp_DeployT0ken-71c2";
        Apache apache = net.startApache(
                net.server(),
                CONF + "Define DEPLOY_TOKEN " + confSecret + "\n",
                net.uniqueName("httpd"),
                List.of("-D", "--password=" + cmdSecret));
        Path priv = Files.createDirectory(apache.root().resolve("private"));
        Files.setPosixFilePermissions(priv, PosixFilePermissions.fromString("rwx------"));
        Path token = priv.resolve("deploy.env");
        Files.writeString(token, "DEPLOY_TOKEN=" + deploySecret + "\n");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
        Files.createSymbolicLink(apache.root().resolve("htdocs/.htaccess"), token);
        for (String format : List.of("text", "json", "markdown")) {
            Case c = judge(net, apache, format);
            assertEquals(403, c.status());
            String all = c.run().out() + c.run().err();
            assertTrue(all.contains("403"), format + ": " + all);
            if (!format.equals("text")) { // these show matched command lines, masked
                assertTrue(all.contains("--password=***"), format + ":\n" + all);
            }
            for (String secret : List.of(cmdSecret, confSecret, deploySecret)) {
                assertFalse(all.contains(secret), format + " shows " + secret + ":\n" + all);
            }
        }
    }
}
