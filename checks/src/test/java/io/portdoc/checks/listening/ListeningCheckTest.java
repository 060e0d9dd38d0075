package io.portdoc.checks.listening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.checks.daemon.DaemonCheck;
import io.portdoc.checks.facts.NatTranslation;
import io.portdoc.checks.testing.Hosts;
import io.portdoc.core.CheckContext;
import io.portdoc.core.Evidence;
import io.portdoc.core.Exposure;
import io.portdoc.core.Msg;
import io.portdoc.core.Outcome;
import io.portdoc.core.Target;
import io.portdoc.core.Verdict;
import io.portdoc.core.host.RecordedSystem;
import io.portdoc.core.host.SystemView;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The listening step after the daemon step, on hosts recorded with real listeners. */
class ListeningCheckTest {
    /** Runs daemon then listening in one context, as the pipeline does. */
    private static Outcome run(SystemView host, Target t) {
        CheckContext ctx = Hosts.context(host, t);
        new DaemonCheck().run(ctx);
        return new ListeningCheck().run(ctx);
    }

    private static Target local(String service, int port) {
        return Hosts.target(service, port, List.of(service), List.of(), Exposure.LOCAL);
    }

    private static boolean hasEvidence(Outcome o, String fragment) {
        return o.evidence().stream().map(Evidence::text).anyMatch(t -> t.contains(fragment));
    }

    @Test
    void cupsdOnAllAddresses() {
        RecordedSystem host = Hosts.host(Hosts.BOVEN);
        Outcome o = run(host, Target.of("cupsd", 631));
        long pid = Hosts.pid(host, "cupsd");
        assertEquals(Verdict.PASS, o.verdict(), o.summary().text());
        assertEquals(
                "cupsd (pid " + pid + ") listens on port 631 on all IPv4 and IPv6 addresses",
                o.summary().text());
        assertTrue(hasEvidence(o, "0.0.0.0:631 LISTEN uid 0 inode "));
        assertTrue(hasEvidence(o, "held by cupsd (pid " + pid + "): all IPv4 addresses"));
        assertTrue(hasEvidence(o, "[::]:631 LISTEN"));
        assertTrue(hasEvidence(o, "IPv6 only (0.0.0.0:631 is bound too, so this socket has IPV6_V6ONLY)"));
        assertTrue(hasEvidence(o, "port 631 is well-known (0-1023): binding it needs root or CAP_NET_BIND_SERVICE"));
        assertTrue(hasEvidence(o, "/etc/services calls 631/tcp ipp"));
        assertTrue(o.hints().isEmpty());
    }

    @Test
    void postfixOnLoopbackFailsForALanService() {
        RecordedSystem host = Hosts.host(Hosts.BOVEN);
        Outcome o = run(host, Target.of("master", 25));
        assertEquals(Verdict.FAIL, o.verdict());
        assertEquals(
                "master (pid " + Hosts.pid(host, "master") + ") listens on port 25 on loopback only "
                        + "(127.0.0.1:25, [::1]:25): other hosts cannot connect",
                o.summary().text());
        assertTrue(Msg.texts(o.hints()).get(0).startsWith("make master listen on all addresses or on the LAN address"));
        assertTrue(Msg.texts(o.hints()).get(0).contains("inet_interfaces (Postfix)"));
        assertTrue(hasEvidence(o, "/etc/services calls 25/tcp smtp"));
    }

    @Test
    void aLocalClientReachesALoopbackListener() throws Exception {
        RecordedSystem host = Hosts.host(Hosts.BOVEN);
        Outcome o = run(host, Target.of("master", 25).withClient(InetAddress.getByName("127.0.0.1")));
        assertEquals(Verdict.PASS, o.verdict(), o.summary().text());
        assertTrue(
                o.summary()
                        .text()
                        .endsWith("on loopback only (127.0.0.1:25, [::1]:25), which the local client "
                                + "127.0.0.1 reaches"),
                o.summary().text());
        Outcome remote = run(host, Target.of("master", 25).withClient(InetAddress.getByName("10.0.0.7")));
        assertEquals(Verdict.FAIL, remote.verdict());
    }

    @Test
    void postfixOnLoopbackIsRightForALocalService() {
        Outcome o = run(Hosts.host(Hosts.BOVEN), local("master", 25));
        assertEquals(Verdict.PASS, o.verdict());
        assertTrue(o.summary()
                .text()
                .endsWith("on loopback only (127.0.0.1:25, [::1]:25), as a local-only service should"));
    }

    @Test
    void apacheOnADualStackSocket() {
        RecordedSystem host = Hosts.host(Hosts.BOVEN);
        Outcome o = run(host, Target.of("httpd2-prefork", 80));
        assertEquals(Verdict.PASS, o.verdict());
        assertEquals(
                "httpd2-prefork (pid " + Hosts.pid(host, "httpd2-prefork") + ") listens on port 80 on all IPv6 "
                        + "addresses, and on all IPv4 addresses through the same socket (IPV6_V6ONLY off)",
                o.summary().text());
        assertTrue(hasEvidence(o, "all IPv6 addresses, and IPv4 as mapped addresses (IPV6_V6ONLY off: v6only:0)"));
        assertTrue(hasEvidence(o, "[::]:80 inode 208566: v6only:0, IPv4 clients are served too"));
    }

    /** boven with ss showing {@code flag} for httpd's {@code [::]:80} (inode 208566), or ss failing. */
    private static RecordedSystem bovenWithSs(Path tmp, String flag) throws Exception {
        RecordedSystem copy = Hosts.withDenied(Hosts.BOVEN, tmp, List.of());
        Path out = tmp.resolve("commands/ss -tlne -6.out");
        if (flag == null) {
            Files.writeString(out, "");
            Files.writeString(tmp.resolve("commands/ss -tlne -6.rc"), "1\n");
            Files.writeString(
                    tmp.resolve("commands/ss -tlne -6.err"), "Cannot open netlink socket: Permission denied\n");
        } else {
            Files.writeString(
                    out,
                    Files.readString(out)
                            .replace("ino:208566 sk:1061 cgroup:/ v6only:0", "ino:208566 sk:1061 v6only:" + flag));
        }
        return copy;
    }

    // ss prints v6only:1 for a socket whose program set IPV6_V6ONLY (iproute2 misc/ss.c, inet_show_sock):
    // net.ipv6.bindv6only is 0 and no 0.0.0.0:80 is bound, so only the socket's flag tells
    @Test
    void v6onlyFlagLocksOutAnIpv4Client(@TempDir Path tmp) throws Exception {
        RecordedSystem host = bovenWithSs(tmp, "1");
        Outcome o = run(host, Target.of("httpd2-prefork", 80).withClient(InetAddress.getByName("192.168.1.7")));
        assertEquals(Verdict.FAIL, o.verdict(), o.summary().text());
        assertTrue(
                o.summary()
                        .text()
                        .endsWith("on [::]:80, which does not take the address family of client 192.168.1.7: "
                                + "the kernel refuses its connections"),
                o.summary().text());
        assertTrue(hasEvidence(o, "all IPv6 addresses, IPv6 only (the socket has IPV6_V6ONLY: v6only:1)"));
        assertTrue(hasEvidence(o, "[::]:80 inode 208566: v6only:1, the program set IPV6_V6ONLY"));
        Outcome noClient = run(host, Target.of("httpd2-prefork", 80));
        assertEquals(Verdict.WARN, noClient.verdict());
        assertTrue(noClient.summary().text().contains("on IPv6 only ([::]:80): IPv4 clients cannot connect"));
        Outcome v6 = run(host, Target.of("httpd2-prefork", 80).withClient(InetAddress.getByName("fd00::7")));
        assertEquals(Verdict.PASS, v6.verdict(), v6.summary().text());
        Outcome onV4 = run(host, Target.of("httpd2-prefork", 80).withHost("10.0.0.154"));
        assertEquals(Verdict.FAIL, onV4.verdict(), onV4.summary().text());
    }

    @Test
    void unreadFlagIsAWarningNotAPass(@TempDir Path tmp) throws Exception {
        RecordedSystem host = bovenWithSs(tmp, null);
        Outcome o = run(host, Target.of("httpd2-prefork", 80).withClient(InetAddress.getByName("192.168.1.7")));
        assertEquals(Verdict.WARN, o.verdict(), o.summary().text());
        assertTrue(
                o.summary()
                        .text()
                        .endsWith("which takes IPv4 clients only if the program left IPV6_V6ONLY off, and that flag "
                                + "could not be read: ss failed: Cannot open netlink socket: Permission denied"),
                o.summary().text());
        assertTrue(Msg.texts(o.hints()).get(0).startsWith("see the flag with ss -tlne sport = :80"));
        assertTrue(hasEvidence(o, "[::]:80: IPV6_V6ONLY not read: ss failed"));
        // an IPv6 client does not depend on the flag
        Outcome v6 = run(host, Target.of("httpd2-prefork", 80).withClient(InetAddress.getByName("fd00::7")));
        assertEquals(Verdict.PASS, v6.verdict(), v6.summary().text());
    }

    @Test
    void nfsKernelSocketHasNoOwner() {
        Outcome o = run(Hosts.host(Hosts.BOVEN), Target.of("nfsd", 2049));
        assertEquals(Verdict.WARN, o.verdict());
        assertEquals(
                "no process holds the socket on port 2049 (a kernel service such as nfsd, or a socket passed "
                        + "between processes)",
                o.summary().text());
        assertTrue(hasEvidence(o, "0.0.0.0:2049 LISTEN uid 0 inode "));
        assertTrue(hasEvidence(o, "held by no process"));
        assertTrue(hasEvidence(o, "/etc/services calls 2049/tcp nfs"));
        // the daemon is a shared fact, not the daemon step's output: the step alone says the same
        Outcome alone = new ListeningCheck().run(Hosts.context(Hosts.host(Hosts.BOVEN), Target.of("nfsd", 2049)));
        assertEquals(o.verdict(), alone.verdict());
        assertEquals(o.summary(), alone.summary());
    }

    @Test
    void anotherProgramHoldsThePort() {
        RecordedSystem host = Hosts.host("other-program");
        Outcome o = run(host, Target.of("sshd", 2626));
        String nc = "nc (pid " + Hosts.pid(host, "nc") + ")";
        assertEquals(Verdict.FAIL, o.verdict());
        assertEquals("port 2626 is held by " + nc + ", not sshd", o.summary().text());
        assertEquals(
                "stop " + nc + ", or move it or sshd to another port, then start sshd",
                Msg.texts(o.hints()).get(0));
    }

    @Test
    void daemonListensOnAnotherPort() {
        RecordedSystem host = Hosts.host("other-program");
        Outcome o = run(host, Target.of("sshd", 22));
        assertEquals(Verdict.FAIL, o.verdict());
        assertEquals("sshd listens on 2222, not 22", o.summary().text());
        assertTrue(hasEvidence(o, "0.0.0.0:2222 LISTEN, held by sshd (pid " + Hosts.pid(host, "sshd") + ")"));
        assertTrue(Msg.texts(o.hints()).get(0).startsWith("make sshd listen on port 22"));
        assertTrue(Msg.texts(o.hints()).get(0).endsWith("or point the clients to port 2222"));
    }

    @Test
    void nothingListensAndTheDaemonIsDown() {
        Outcome o = run(Hosts.host("stopped"), Target.of("sshd", 22));
        assertEquals(Verdict.FAIL, o.verdict());
        assertEquals(
                "nothing listens on TCP port 22: sshd is not running",
                o.summary().text());
        assertEquals(
                "start sshd first (see the daemon step)", Msg.texts(o.hints()).get(0));
    }

    @Test
    void aServerPortInTheEphemeralRange() {
        Outcome o = run(Hosts.host("stopped"), Target.of("myapp", 50000));
        assertEquals(Verdict.FAIL, o.verdict());
        assertTrue(hasEvidence(o, "port 50000 is dynamic (49152-65535)"));
        assertTrue(hasEvidence(o, "port 50000 lies in ip_local_port_range 32768-60999"));
        assertTrue(Msg.texts(o.hints()).stream().anyMatch(h -> h.contains("net.ipv4.ip_local_reserved_ports")));
    }

    @Test
    void nonRootCannotSeeWhoHoldsRootsSocket() {
        RecordedSystem host = Hosts.host("nonroot");
        Outcome o = run(host, Target.of("cupsd", 631));
        // the daemon runs, so the socket is most likely its own: a warning, never a FAIL
        assertEquals(Verdict.WARN, o.verdict());
        assertEquals(
                "something listens on port 631, but its owner is hidden: run as root to see which program owns it",
                o.summary().text());
        assertTrue(hasEvidence(o, "held by owner hidden: all IPv4 addresses"));
        assertTrue(hasEvidence(o, "the fds of 1 processes of other users are unreadable without root"));
        assertTrue(Msg.texts(o.hints()).contains("run portdoc as root (sudo) to see which program holds the socket"));
        // a daemon that is not running: we cannot tell whose socket it is
        assertEquals(Verdict.UNKNOWN, run(host, Target.of("lpd", 631)).verdict());
    }

    @Test
    void rootThatCannotReadTheLinks(@TempDir Path tmp) throws Exception {
        // seen for real on the capture machine: root lists /proc/1/fd but readlink is denied
        long cupsd = Hosts.pid(Hosts.host(Hosts.BOVEN), "cupsd");
        List<String> links = new ArrayList<>();
        for (int fd = 0; fd < 300; fd++) {
            links.add("/proc/" + cupsd + "/fd/" + fd);
        }
        RecordedSystem host = Hosts.withDenied(Hosts.BOVEN, tmp, links);
        assertTrue(host.privileged());
        Outcome o = run(host, Target.of("cupsd", 631));
        assertEquals(Verdict.WARN, o.verdict()); // not "no process holds it": that would be a guess
        assertEquals(Verdict.UNKNOWN, run(host, Target.of("lpd", 631)).verdict());
        assertTrue(hasEvidence(o, "the fds of 1 processes are unreadable even for root"));
        assertEquals(
                "something listens on port 631, but even root cannot read the fds of 1 processes to see which "
                        + "program owns it",
                o.summary().text());
        assertTrue(Msg.texts(o.hints()).get(0).contains("CAP_SYS_PTRACE"));
    }

    @Test
    void nonRootSeesItsOwnSockets() {
        RecordedSystem host = Hosts.host("nonroot");
        Outcome o = run(host, Target.of("myapp", 8000));
        assertEquals(Verdict.PASS, o.verdict());
        assertEquals(
                "myapp (pid " + Hosts.pid(host, "myapp") + ") listens on port 8000 on all IPv4 addresses "
                        + "(0.0.0.0:8000); IPv6 clients cannot connect",
                o.summary().text());
    }

    @Test
    void ipv6OnlySocketLocksOutIPv4Clients() {
        Outcome o = run(Hosts.host("v6only"), Target.of("apache2", 80));
        assertEquals(Verdict.WARN, o.verdict());
        assertTrue(
                o.summary().text().contains("on IPv6 only ([::]:80): IPv4 clients cannot connect"),
                o.summary().text());
        assertTrue(hasEvidence(o, "IPv6 only (net.ipv6.bindv6only=1)"));
    }

    @Test
    void specificAddress() {
        RecordedSystem host = Hosts.host("other-program");
        Outcome o = run(host, Target.of("mysqld", 3306));
        assertEquals(Verdict.PASS, o.verdict());
        assertTrue(o.summary()
                .text()
                .endsWith("listens on port 3306 only on 10.0.0.154:3306: clients must connect to that address"));
        assertEquals(
                Verdict.PASS,
                run(host, Target.of("mysqld", 3306).withHost("10.0.0.154")).verdict());
        Outcome wrongHost = run(host, Target.of("mysqld", 3306).withHost("127.0.0.1"));
        assertEquals(Verdict.FAIL, wrongHost.verdict());
        assertTrue(
                wrongHost.summary().text().endsWith("listens on port 3306 on 10.0.0.154:3306 only, not on 127.0.0.1"));
    }

    @Test
    void clientOfTheOtherFamily() throws Exception {
        Outcome o = run(
                Hosts.host("other-program"),
                Target.of("mysqld", 3306).withClient(InetAddress.getByName("2001:db8::7")));
        assertEquals(Verdict.FAIL, o.verdict());
        assertTrue(o.summary()
                .text()
                .endsWith("which does not take the address family of client 2001:db8::7: the kernel refuses its "
                        + "connections"));
    }

    @Test
    void jdkOnMappedLoopbackAndOnDualStack() {
        RecordedSystem host = Hosts.host("other-program");
        Outcome loop = run(host, Target.of("java", 8080));
        assertEquals(Verdict.FAIL, loop.verdict());
        assertTrue(loop.summary()
                .text()
                .endsWith("on loopback only ([::ffff:127.0.0.2]:8080): other hosts cannot connect"));
        // the JDK's :: socket is dual-stack, but this recording has no ss to show its flag
        Outcome dual = run(host, Target.of("java", 9090));
        assertEquals(Verdict.WARN, dual.verdict());
        assertTrue(
                dual.summary().text().endsWith("that flag could not be read: ss is not installed (Debian: iproute2)"));
    }

    // a client on the host itself connects over loopback: the socket of its family on the --host address serves it
    @Test
    void aLocalClientNeedsTheLoopbackAddressAndFamilyItUses() throws Exception {
        RecordedSystem host = Hosts.host("other-program"); // java on [::ffff:127.0.0.2]:8080 only
        Target java = Target.of("java", 8080);
        InetAddress v4 = InetAddress.getByName("127.0.0.1");
        assertEquals(
                Verdict.PASS,
                run(host, java.withClient(v4).withHost("127.0.0.2")).verdict());
        Outcome other = run(host, java.withClient(v4).withHost("127.0.0.1"));
        assertEquals(Verdict.FAIL, other.verdict());
        assertTrue(
                other.summary().text().endsWith("on [::ffff:127.0.0.2]:8080 only, not on 127.0.0.1"),
                other.summary().text());
        Outcome family = run(host, java.withClient(InetAddress.getByName("::1")));
        assertEquals(Verdict.FAIL, family.verdict());
        assertTrue(
                family.summary().text().endsWith("which does not take the address family of the local client ::1"),
                family.summary().text());
    }

    @Test
    void onlyTcp() {
        Target udp = new Target("named", 53, "udp", null, null, null, null, false, null);
        assertEquals(Verdict.SKIP, run(Hosts.host(Hosts.BOVEN), udp).verdict());
    }

    @Test
    void unreadableTables() {
        Outcome o = run(new RecordedSystem(Path.of("src/test/resources/no-such-host")), Target.of("sshd", 22));
        assertEquals(Verdict.UNKNOWN, o.verdict());
    }

    private static final String RULE = "ip nat prerouting: tcp dport 8631 redirect to :631 (handle 4)";

    /** Daemon then listening, with the nat translation fact already known (the firewall's rules are not recorded). */
    private static Outcome runWithNat(Target t, NatTranslation nat) {
        CheckContext ctx = Hosts.context(Hosts.host(Hosts.BOVEN), t);
        ctx.share(NatTranslation.class, nat);
        new DaemonCheck().run(ctx);
        return new ListeningCheck().run(ctx);
    }

    @Test
    void aLocalRedirectIsJudgedOnThePortItSendsTo() {
        Outcome o = runWithNat(
                Target.of("cupsd", 8631), new NatTranslation(NatTranslation.Kind.LOCAL, RULE, null, 631, null));
        assertEquals(Verdict.PASS, o.verdict(), o.summary().text());
        assertTrue(o.summary().text().startsWith("port 8631 is redirected to port 631 by " + RULE + ": cupsd (pid "));
        assertTrue(o.summary().text().endsWith("listens on port 631 on all IPv4 and IPv6 addresses"));
        assertEquals("nat", o.evidence().get(0).source());
        assertTrue(hasEvidence(o, "0.0.0.0:631 LISTEN"));
    }

    @Test
    void aRedirectToAPortWhereNothingListensFailsNamingThatPort() {
        Outcome o = runWithNat(
                Target.of("cupsd", 631), new NatTranslation(NatTranslation.Kind.LOCAL, RULE, null, 8632, null));
        assertEquals(Verdict.FAIL, o.verdict(), o.summary().text());
        assertTrue(
                o.summary().text().contains("redirected to port 8632"),
                o.summary().text());
        assertTrue(
                o.summary().text().contains("cupsd listens on 631, not 8632"),
                o.summary().text());
    }

    @Test
    void aDnatElsewhereNeedsNoLocalListener() throws Exception {
        String rule = "iptables nat DOCKER rule 1: -A DOCKER ! -i docker0 -p tcp -m tcp --dport 8631 -j DNAT";
        Outcome o = runWithNat(
                Target.of("cupsd", 8631),
                new NatTranslation(NatTranslation.Kind.REMOTE, rule, InetAddress.getByName("172.17.0.2"), 80, null));
        assertEquals(Verdict.SKIP, o.verdict(), o.summary().text());
        assertTrue(
                o.summary().text().contains("forwarded to 172.17.0.2:80 by " + rule),
                o.summary().text());
    }

    @Test
    void aRangeOrAPartialTranslationIsAWarningNeverAPassNorAPlainFail() {
        Outcome range = runWithNat(
                Target.of("cupsd", 8631),
                new NatTranslation(NatTranslation.Kind.RANGE, RULE, null, 0, "port range 631-640"));
        assertEquals(Verdict.WARN, range.verdict(), range.summary().text());
        assertTrue(
                range.summary().text().contains("port range 631-640"),
                range.summary().text());
        Outcome partial = runWithNat(
                Target.of("cupsd", 631), new NatTranslation(NatTranslation.Kind.PARTIAL, RULE, null, 0, "IPv4"));
        assertEquals(Verdict.WARN, partial.verdict(), partial.summary().text());
        assertTrue(
                partial.summary().text().contains("for some clients only (IPv4)"),
                partial.summary().text());
    }
}
