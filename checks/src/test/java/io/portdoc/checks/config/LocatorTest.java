package io.portdoc.checks.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.portdoc.core.Target;
import io.portdoc.core.host.RecordedSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocatorTest {
    @TempDir
    Path tmp;

    private ConfigLocator.Located locate(String argvJson, boolean privileged) throws IOException {
        Files.writeString(
                tmp.resolve("processes.json"),
                "[{\"pid\":50,\"ppid\":1,\"comm\":\"apache2\",\"argv\":" + argvJson + "}]");
        Files.writeString(tmp.resolve("host.properties"), "privileged=" + privileged + "\n");
        Files.createDirectories(tmp.resolve("fs/proc/50"));
        Files.writeString(
                tmp.resolve("fs/proc/50/environ"),
                "APACHE_CONFDIR=/etc/apache2-web\0APACHE_LOG_DIR=/var/log/apache2-web\0");
        RecordedSystem sys = new RecordedSystem(tmp);
        return ConfigLocator.locate(sys, sys.processes().stream().findFirst(), Target.of("apache2", 80), false)
                .orElseThrow();
    }

    @Test
    void commandLineOptionsSeparateAndAttached() throws IOException {
        ConfigLocator.Located l = locate(
                "[\"/usr/sbin/apache2\",\"-d\",\"/srv/web\",\"-fconf/main.conf\",\"-DSSL\",\"-D\",\"PROD\",\"-k\",\"start\"]",
                false);
        assertEquals("/srv/web", l.serverRoot());
        assertEquals("/srv/web/conf/main.conf", l.file());
        assertEquals(Set.of("SSL", "PROD"), l.defines());
        assertEquals(ConfigLocator.Source.DAEMON_ARG, l.source());
    }

    @Test
    void asRootTheEnvironmentGivesDebiansConfDir() throws IOException {
        ConfigLocator.Located l = locate("[\"/usr/sbin/apache2\",\"-k\",\"start\"]", true);
        assertEquals("/etc/apache2-web", l.serverRoot());
        assertEquals("/etc/apache2-web/apache2.conf", l.file());
        assertEquals("/var/log/apache2-web", l.env().get("APACHE_LOG_DIR"));
        assertEquals(ConfigLocator.Source.DAEMON_DEFAULT, l.source());
    }

    private ConfigLocator.Located locateAs(String user, String exe) throws IOException {
        return locateAs(user, exe, "/root/secret.conf");
    }

    /**
     * A host with Debian's envvars (APACHE_RUN_USER=www-data), /etc/passwd, a root-only /root
     * and a world-readable /etc/apache2/other.conf; the process names {@code -f conf}.
     */
    private ConfigLocator.Located locateAs(String user, String exe, String conf) throws IOException {
        Files.createDirectories(tmp.resolve("fs/etc/apache2"));
        Files.createDirectories(tmp.resolve("fs/root"));
        Files.writeString(
                tmp.resolve("fs/etc/passwd"),
                "root:x:0:0::/root:/bin/sh\nwww-data:x:33:33::/var/www:/bin/false\nmallory:x:1000:1000::/h:/bin/sh\n");
        Files.writeString(tmp.resolve("fs/etc/group"), "root:x:0:\nwww-data:x:33:\n");
        Files.writeString(
                tmp.resolve("fs/etc/apache2/envvars"),
                "export APACHE_RUN_USER=www-data\nexport APACHE_RUN_GROUP=www-data\n");
        Files.writeString(tmp.resolve("fs/etc/apache2/other.conf"), "Listen 80\n");
        Files.writeString(tmp.resolve("fs/root/secret.conf"), "Listen 80\n");
        Files.writeString(tmp.resolve("stat.txt"), "/root 0 0 700\n/etc/apache2/other.conf 0 0 644\n");
        Files.writeString(
                tmp.resolve("processes.json"),
                "[{\"pid\":50,\"ppid\":1,\"comm\":\"apache2\",\"user\":\"" + user + "\",\"executable\":\"" + exe
                        + "\",\"argv\":[\"apache2\",\"-f\",\"" + conf + "\"]}]");
        Files.writeString(tmp.resolve("host.properties"), "privileged=true\nuser=root\n");
        Files.createDirectories(tmp.resolve("fs/proc/50"));
        Files.writeString(tmp.resolve("fs/proc/50/environ"), "APACHE_CONFDIR=/root\0");
        RecordedSystem sys = new RecordedSystem(tmp);
        return ConfigLocator.locate(sys, sys.processes().stream().findFirst(), Target.of("apache2", 80), false)
                .orElseThrow();
    }

    @Test
    void asRootAnotherUsersProcessIsNotFollowed() throws IOException {
        ConfigLocator.Located l = locateAs("mallory", "/usr/sbin/apache2");
        assertEquals("/etc/apache2/apache2.conf", l.file());
        assertEquals(false, l.envFromProcess(), "its APACHE_CONFDIR=/root is not taken");
        assertEquals("/etc/apache2", l.serverRoot());
        assertEquals("it runs as mallory, not as root or www-data", l.distrusted());
    }

    @Test
    void asRootTheRootDaemonIsFollowed() throws IOException {
        ConfigLocator.Located l = locateAs("root", "/usr/sbin/apache2");
        assertEquals("/root/secret.conf", l.file());
        assertEquals(null, l.distrusted());
    }

    @Test
    void theDaemonsOwnUserWithTheInstalledBinaryIsFollowed() throws IOException {
        ConfigLocator.Located l = locateAs("www-data", "/usr/sbin/apache2", "/etc/apache2/other.conf");
        assertEquals("/etc/apache2/other.conf", l.file());
        assertEquals(null, l.distrusted());
    }

    @Test
    void anotherProgramCalledApache2IsNotFollowed() throws IOException {
        // exec -a apache2 from a copy in /tmp: the daemon's user, but not the package's binary
        ConfigLocator.Located l = locateAs("www-data", "/tmp/x/apache2", "/etc/apache2/other.conf");
        assertEquals("/etc/apache2/apache2.conf", l.file());
        assertEquals("its program is /tmp/x/apache2, not an installed apache2", l.distrusted());
        ConfigLocator.Located sleep = locateAs("www-data", "/usr/bin/sleep", "/etc/apache2/other.conf");
        assertEquals("its program is /usr/bin/sleep, not an installed apache2", sleep.distrusted());
    }

    @Test
    void aFileTheDaemonsUserCannotReadIsNotFollowed() throws IOException {
        ConfigLocator.Located l = locateAs("www-data", "/usr/sbin/apache2");
        assertEquals("/etc/apache2/apache2.conf", l.file());
        assertEquals("www-data could not read /root/secret.conf", l.distrusted());
    }

    @Test
    void withoutRootTheCompiledInDefault() throws IOException {
        ConfigLocator.Located l = locate("[\"/usr/sbin/apache2\",\"-k\",\"start\"]", false);
        assertEquals("/etc/apache2/apache2.conf", l.file());
        assertEquals(Map.of(), l.env());
    }

    @Test
    void debianEnvvarsAsInstalled() throws IOException {
        String script = Files.readString(Path.of("src/test/resources/hosts/debian/fs/etc/apache2/envvars"));
        Map<String, String> env = Envvars.parse(script, "/etc/apache2");
        assertEquals("www-data", env.get("APACHE_RUN_USER"));
        assertEquals("/var/run/apache2/apache2.pid", env.get("APACHE_PID_FILE"));
        assertEquals("/var/log/apache2", env.get("APACHE_LOG_DIR"));
        assertEquals(
                "/var/log/apache2-two",
                Envvars.parse(script, "/etc/apache2-two").get("APACHE_LOG_DIR"));
    }
}
