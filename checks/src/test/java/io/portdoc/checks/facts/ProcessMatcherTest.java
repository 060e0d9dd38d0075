package io.portdoc.checks.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.checks.testing.Hosts;
import io.portdoc.core.host.ProcessInfo;
import io.portdoc.core.host.RecordedSystem;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessMatcherTest {
    private static ProcessInfo proc(String comm, String exe, String... argv) {
        return new ProcessInfo(100, 1, "root", null, comm, exe, List.of(argv));
    }

    private static String via(ProcessInfo p, String... names) {
        return ProcessMatcher.match(p, List.of(names))
                .map(h -> h.strength() + " " + h.via())
                .orElse("none");
    }

    @Test
    void recordedProcessesMatchByEachOfTheirNames() {
        RecordedSystem host = Hosts.host("other-program");
        ProcessInfo nc = host.processes().stream()
                .filter(p -> "nc".equals(p.comm()))
                .findFirst()
                .orElseThrow();
        assertEquals("STRONG comm", via(nc, "nc"));
        assertEquals("STRONG executable", via(nc, "nc.openbsd")); // /usr/bin/nc -> nc.openbsd
        ProcessInfo sshd = host.processes().stream()
                .filter(p -> "sshd".equals(p.comm()))
                .findFirst()
                .orElseThrow();
        assertEquals(
                "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups",
                sshd.argv().get(0));
        assertEquals("STRONG comm", via(sshd, "sshd"));
    }

    @Test
    void rewrittenArgv0CountsWhenCommAndExeAreUnknown() {
        // a non-root user sees neither the exe link nor, here, a comm: argv[0] is what is left
        ProcessInfo sshd = proc(null, null, "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups");
        assertEquals("STRONG argv[0]", via(sshd, "sshd"));
        assertEquals("STRONG argv[0]", via(proc(null, null, "postgres: checkpointer"), "postgres"));
        assertEquals("sshd", ProcessMatcher.argv0Name("sshd: root@pts/0"));
        assertEquals("bash", ProcessMatcher.argv0Name("-bash"));
    }

    @Test
    void commIsCutAt15Characters() {
        ProcessInfo p =
                proc("systemd-network", "/usr/lib/systemd/systemd-networkd", "/usr/lib/systemd/systemd-networkd");
        assertEquals("STRONG comm", via(p, "systemd-networkd-wait")); // 21 chars, comm holds the first 15
        assertEquals("STRONG executable", via(proc("x", "/usr/sbin/sshd (deleted)", "x"), "sshd")); // upgraded binary
    }

    @Test
    void weakerMatches() {
        ProcessInfo suse =
                proc("httpd2-prefork", "/usr/sbin/httpd2-prefork", "/usr/sbin/httpd2-prefork", "-DFOREGROUND");
        assertEquals("WEAK prefix", via(suse, "httpd"));
        assertEquals("STRONG comm", via(suse, "httpd", "httpd2-prefork")); // any strong name wins
        ProcessInfo script =
                proc("python3", "/usr/bin/python3.11", "/usr/bin/python3", "/usr/bin/fail2ban-server", "-xf");
        assertEquals("WEAK argument", via(script, "fail2ban-server"));
        assertEquals("WEAK argument", via(proc("java", "/usr/bin/java", "java", "-jar", "myapp.jar"), "myapp"));
    }

    @Test
    void nonMatches() {
        // portdoc's own command line mentions the service as a plain word: not a match
        ProcessInfo self =
                proc("java", "/usr/bin/java", "java", "-jar", "portdoc.jar", "diagnose", "--service", "sshd");
        assertEquals("none", via(self, "sshd"));
        assertEquals("none", via(proc("cups-browsed", "/usr/sbin/cups-browsed", "/usr/sbin/cups-browsed"), "cupsd"));
        assertEquals("none", via(proc("nc", "/usr/bin/nc.openbsd", "nc", "-l", "2626"), "sshd"));
        assertTrue(
                ProcessMatcher.match(proc("ssh", null, "ssh"), List.of("sshd")).isEmpty());
    }
}
