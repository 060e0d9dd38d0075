package io.portdoc.checks.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.checks.facts.Daemon;
import io.portdoc.checks.testing.Hosts;
import io.portdoc.core.CheckContext;
import io.portdoc.core.Evidence;
import io.portdoc.core.Exposure;
import io.portdoc.core.Msg;
import io.portdoc.core.Outcome;
import io.portdoc.core.Target;
import io.portdoc.core.Verdict;
import io.portdoc.core.host.RecordedSystem;
import java.util.List;
import org.junit.jupiter.api.Test;

class DaemonCheckTest {
    private static Outcome run(CheckContext ctx) {
        return new DaemonCheck().run(ctx);
    }

    private static boolean hasEvidence(Outcome o, String fragment) {
        return o.evidence().stream().map(Evidence::text).anyMatch(t -> t.contains(fragment));
    }

    @Test
    void cupsdRuns() {
        RecordedSystem host = Hosts.host(Hosts.BOVEN);
        CheckContext ctx = Hosts.context(host, Target.of("cupsd", 631));
        Outcome o = run(ctx);
        long pid = Hosts.pid(host, "cupsd");
        assertEquals(Verdict.PASS, o.verdict());
        assertEquals("cupsd is running (pid " + pid + ")", o.summary().text());
        assertTrue(hasEvidence(o, "pid " + pid + ", user root, started 2026-"));
        assertTrue(hasEvidence(o, ": /usr/sbin/cupsd -l"));
        assertEquals(List.of(pid), Daemon.of(ctx).pids());
        assertTrue(o.hints().isEmpty());
    }

    @Test
    void apacheWithWorkersUnderItsSuseName() {
        RecordedSystem host = Hosts.host(Hosts.BOVEN);
        Target t = Hosts.target(
                "httpd",
                80,
                List.of("httpd", "apache2", "httpd2-prefork"),
                List.of("apache2.service", "httpd.service"),
                Exposure.LAN);
        CheckContext ctx = Hosts.context(host, t);
        Outcome o = run(ctx);
        assertEquals(Verdict.PASS, o.verdict());
        assertEquals(
                "httpd2-prefork is running (pid " + Hosts.pid(host, "httpd2-prefork") + " and 2 more processes)",
                o.summary().text());
        Daemon f = Daemon.of(ctx);
        assertEquals(3, f.pids().size());
        assertEquals(Hosts.pid(host, "httpd2-prefork"), f.main().pid());
        assertFalse(f.weak());
    }

    @Test
    void prefixOnlyIsAWarning() {
        RecordedSystem host = Hosts.host(Hosts.BOVEN);
        CheckContext ctx = Hosts.context(host, Target.of("httpd", 80));
        Outcome o = run(ctx);
        assertEquals(Verdict.WARN, o.verdict());
        assertTrue(
                o.summary().text().startsWith("no process is named httpd, but httpd2-prefork (pid "),
                o.summary().text());
        assertTrue(Msg.texts(o.hints()).get(0).contains("--service httpd2-prefork"));
        assertTrue(Daemon.of(ctx).weak());
    }

    @Test
    void runningButAnotherProgramHoldsThePort() {
        RecordedSystem host = Hosts.host("other-program");
        Outcome o = run(Hosts.context(host, Target.of("sshd", 2626)));
        long nc = Hosts.pid(host, "nc");
        assertEquals(Verdict.PASS, o.verdict());
        assertEquals(
                "sshd is running (pid " + Hosts.pid(host, "sshd") + "), but port 2626 is held by nc (pid " + nc + ")",
                o.summary().text());
        assertTrue(hasEvidence(o, "sshd: /usr/sbin/sshd -D [listener]"));
        assertTrue(Msg.texts(o.hints())
                .contains("port 2626 is taken by nc (pid " + nc + "): stop it, or move it or sshd to another port"));
        // systemctl exists here but systemd does not run: skipped without a word
        assertTrue(o.evidence().stream().noneMatch(e -> e.source().startsWith("systemctl")));
    }

    @Test
    void stoppedWhileAnotherProgramHoldsThePort() {
        RecordedSystem host = Hosts.host("other-program");
        Outcome o = run(Hosts.context(host, Target.of("dropbear", 2626)));
        assertEquals(Verdict.FAIL, o.verdict());
        assertEquals(
                "no process named dropbear is running; port 2626 is held by nc (pid " + Hosts.pid(host, "nc")
                        + "), not dropbear",
                o.summary().text());
    }

    @Test
    void ncByItsExecutableName() {
        RecordedSystem host = Hosts.host("other-program");
        Outcome o = run(Hosts.context(host, Target.of("nc.openbsd", 2626)));
        assertEquals(Verdict.PASS, o.verdict());
        assertEquals(
                "nc is running (pid " + Hosts.pid(host, "nc") + ")", o.summary().text());
    }

    @Test
    void stoppedUnitWithItsJournal() {
        RecordedSystem host = Hosts.host("stopped");
        Target t = Hosts.target(
                "apache", 80, List.of("apache2", "httpd"), List.of("apache2.service", "httpd.service"), Exposure.LAN);
        Outcome o = run(Hosts.context(host, t));
        assertEquals(Verdict.FAIL, o.verdict());
        assertEquals(
                "none of the processes apache2, httpd is running", o.summary().text());
        assertTrue(o.evidence().stream()
                .anyMatch(e -> e.source().equals("systemctl show -p ActiveState,SubState,LoadState apache2.service")
                        && e.text().equals("apache2.service: LoadState=loaded ActiveState=failed SubState=failed")));
        assertTrue(o.evidence().stream()
                .anyMatch(e -> e.source().equals("journalctl -u apache2.service -n 5 --no-pager")
                        && e.text().contains("Invalid command 'Listne'")));
        assertFalse(hasEvidence(o, "httpd.service")); // not-found units are left out
        assertEquals(
                List.of(
                        "start it: systemctl start apache2.service",
                        "see why it stopped: journalctl -u apache2.service"),
                Msg.texts(o.hints()));
    }

    @Test
    void stoppedWithoutSystemd() {
        Outcome o = run(Hosts.context(Hosts.host("stopped"), Target.of("sshd", 22)));
        assertEquals(Verdict.FAIL, o.verdict());
        assertEquals("no process named sshd is running", o.summary().text());
        assertTrue(Msg.texts(o.hints()).get(0).startsWith("start sshd ("));
    }

    @Test
    void nonRootStillSeesRootsProcesses() {
        RecordedSystem host = Hosts.host("nonroot");
        assertFalse(host.privileged());
        Outcome o = run(Hosts.context(host, Target.of("cupsd", 631)));
        assertEquals(Verdict.PASS, o.verdict());
        assertTrue(o.summary().text().startsWith("cupsd is running"));
    }

    @Test
    void onlyAPortGiven() {
        RecordedSystem host = Hosts.host(Hosts.BOVEN);
        CheckContext ctx = Hosts.context(host, Target.of(null, 631));
        Outcome o = run(ctx);
        long pid = Hosts.pid(host, "cupsd");
        assertEquals(Verdict.PASS, o.verdict());
        assertEquals(
                "cupsd (pid " + pid + ") holds port 631: taken as the daemon, since no process name was given",
                o.summary().text());
        assertEquals(List.of(pid), Daemon.of(ctx).pids());
    }

    @Test
    void nothingToLookFor() {
        Outcome o = run(Hosts.context(Hosts.host("stopped"), Target.of(null, 22)));
        assertEquals(Verdict.SKIP, o.verdict());
    }
}
