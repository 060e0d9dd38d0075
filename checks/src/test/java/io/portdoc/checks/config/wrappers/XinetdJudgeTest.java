package io.portdoc.checks.config.wrappers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.checks.config.ConfigCheck;
import io.portdoc.checks.config.ConfigRequest;
import io.portdoc.core.CheckContext;
import io.portdoc.core.Evidence;
import io.portdoc.core.Exposure;
import io.portdoc.core.Outcome;
import io.portdoc.core.Target;
import io.portdoc.core.Verdict;
import io.portdoc.core.host.ProcessInfo;
import io.portdoc.core.host.RecordedSystem;
import io.portdoc.core.host.SystemView;
import io.portdoc.core.profile.ServiceProfile;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The xinetd and TCP wrappers engines on Debian 12's stock xinetd configuration (every internal
 * service shipped with {@code disable = yes}) and stock hosts.allow / hosts.deny, and variants:
 * xinetd.conf(5) only_from / no_access / bind / flags, access.c (a client on both lists is refused),
 * and hosts_access(5) under the name xinetd passes to libwrap.
 */
class XinetdJudgeTest {
    static final Path HOSTS = Path.of("src/test/resources/hosts");

    @TempDir
    Path tmp;

    static Target target(String format, int port, String client) throws IOException {
        ServiceProfile p = new ServiceProfile(
                "xinetd",
                null,
                List.of("xinetd"),
                List.of(),
                List.of(new ServiceProfile.PortSpec(port, "tcp")),
                Exposure.LAN,
                new ServiceProfile.ConfigSpec(format, List.of("/etc/xinetd.conf"), "/"),
                null);
        Target t = Target.of("xinetd", port).withProfile(p);
        return client == null ? t : t.withClient(InetAddress.getByName(client));
    }

    static Outcome judge(SystemView sys, Target t) {
        Optional<ProcessInfo> daemon =
                sys.processes().stream().filter(p -> "xinetd".equals(p.comm())).findFirst();
        return new XinetdJudge().judge(new ConfigRequest(sys, t, daemon));
    }

    static String said(Outcome o) {
        StringBuilder s = new StringBuilder(o.summary().text());
        for (Evidence e : o.evidence()) {
            s.append("\n  ")
                    .append(e.location() == null ? "" : e.location() + ": ")
                    .append(e.text());
        }
        o.hints().forEach(h -> s.append("\n  hint: ").append(h.text()));
        return s.toString();
    }

    /** A copy of the stock host with an echo service on 7007 (these attributes) and these hosts.allow / deny. */
    Path host(String attrs, String allow, String deny) throws IOException {
        Path from = HOSTS.resolve("xinetd-debian");
        Path to = tmp.resolve("h" + System.nanoTime());
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path dst = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(dst);
                } else {
                    Files.copy(p, dst);
                }
            }
        }
        Files.writeString(to.resolve("fs/etc/xinetd.d/lab"), """
                service echo
                {
                	type		= INTERNAL UNLISTED
                	id		= echo-stream
                	socket_type	= stream
                	protocol	= tcp
                	port		= 7007
                	user		= root
                	wait		= no
                """ + attrs + "}\n");
        Files.writeString(to.resolve("fs/etc/hosts.allow"), allow);
        Files.writeString(to.resolve("fs/etc/hosts.deny"), deny);
        return to;
    }

    Outcome variant(String attrs, String allow, String deny, String client) throws IOException {
        return judge(new RecordedSystem(host(attrs, allow, deny)), target("xinetd", 7007, client));
    }

    @Test
    void stockDebianShipsEveryInternalServiceDisabled() throws IOException {
        Outcome o = judge(new RecordedSystem(HOSTS.resolve("xinetd-debian")), target("xinetd", 13, "10.0.0.156"));
        assertEquals(Verdict.FAIL, o.verdict(), said(o));
        assertEquals(
                "xinetd service daytime-stream is disabled (/etc/xinetd.d/daytime:7): xinetd does not listen on "
                        + "port 13",
                o.summary().text());
        assertTrue(said(o).contains("13 files, "), said(o));
    }

    @Test
    void aPortNoServiceHasIsUnknown() throws IOException {
        Outcome o = judge(new RecordedSystem(HOSTS.resolve("xinetd-debian")), target("xinetd", 2222, "10.0.0.156"));
        assertEquals(Verdict.UNKNOWN, o.verdict(), said(o));
    }

    @Test
    void noListsAndStockWrappersLetEveryoneIn() throws IOException {
        Outcome o = variant("", "", "", "172.16.5.20");
        assertEquals(Verdict.PASS, o.verdict(), said(o));
        assertEquals("pass.client.default", o.summary().key(), said(o));
        assertTrue(said(o).contains("xinetd asks hosts.allow and hosts.deny as \"echo\""), said(o));
        assertEquals(Verdict.PASS, variant("", "", "", null).verdict());
    }

    @Test
    void onlyFromAdmitsItsNetworkOnly() throws IOException {
        String attrs = "\tonly_from\t= 10.0.0.0/24 127.0.0.1\n";
        assertEquals(Verdict.PASS, variant(attrs, "", "", "10.0.0.156").verdict());
        Outcome out = variant(attrs, "", "", "172.16.5.20");
        assertEquals(Verdict.FAIL, out.verdict(), said(out));
        assertEquals(
                "172.16.5.20 is denied for xinetd service echo-stream by /etc/xinetd.d/lab:10: not in only_from "
                        + "10.0.0.0/24 127.0.0.1",
                out.summary().text());
        Outcome who = variant(attrs, "", "", null);
        assertEquals(Verdict.WARN, who.verdict(), said(who));
        assertEquals(
                "only some clients can get in for echo-stream: allowed: 10.0.0.0/24, 127.0.0.1/32; "
                        + "everything else denied",
                who.summary().text());
    }

    @Test
    void trailingZerosAreWildcards() throws IOException {
        // xinetd.conf(5): "If the rightmost components are 0, they are treated as wildcards"
        assertEquals(
                Verdict.PASS,
                variant("\tonly_from = 172.16.0.0\n", "", "", "172.16.5.20").verdict());
        assertEquals(
                Verdict.FAIL,
                variant("\tonly_from = 172.16.0.0\n", "", "", "10.0.0.156").verdict());
        assertEquals(
                Verdict.PASS,
                variant("\tonly_from = 10.0.0.{7,156}\n", "", "", "10.0.0.156").verdict());
    }

    @Test
    void onBothListsIsRefused() throws IOException {
        // access.c remote_address_check: a match in both lists fails
        String attrs = "\tonly_from = 10.0.0.156\n\tno_access = 10.0.0.0/24\n";
        Outcome o = variant(attrs, "", "", "10.0.0.156");
        assertEquals(Verdict.FAIL, o.verdict(), said(o));
        assertTrue(o.summary().text().contains("matches both only_from and no_access"), said(o));
    }

    @Test
    void anEmptyOnlyFromLetsNobodyIn() throws IOException {
        Outcome o = variant("\tonly_from =\n", "", "", "10.0.0.156");
        assertEquals(Verdict.FAIL, o.verdict(), said(o));
        assertTrue(o.summary().text().contains("only_from is empty: nobody"), said(o));
        assertEquals(Verdict.FAIL, variant("\tonly_from =\n", "", "", null).verdict());
    }

    @Test
    void bindOnLoopback() throws IOException {
        Outcome o = variant("\tbind = 127.0.0.1\n", "", "", "10.0.0.156");
        assertEquals(Verdict.FAIL, o.verdict(), said(o));
        assertEquals("fail.xinetd.bind", o.summary().key());
    }

    @Test
    void wrappersAreAskedUnderTheServiceNameOfAnInternalService() throws IOException {
        Outcome o = variant("", "echo: 10.0.0.\n", "ALL: ALL\n", "172.16.5.20");
        assertEquals(Verdict.FAIL, o.verdict(), said(o));
        assertEquals(
                "172.16.5.20 is denied for echo by /etc/hosts.deny:1: ALL: ALL",
                o.summary().text());
        assertEquals(
                Verdict.PASS,
                variant("", "echo: 10.0.0.\n", "ALL: ALL\n", "10.0.0.156").verdict());
        Outcome who = variant("", "echo: 10.0.0.\n", "ALL: ALL\n", null);
        assertEquals(
                "only some clients can get in for echo-stream: allowed: 10.0.0.0/24; everything else denied",
                who.summary().text(),
                said(who));
    }

    @Test
    void noLibwrapSkipsTheWrappers() throws IOException {
        Outcome o = variant("\tflags = NOLIBWRAP\n", "", "ALL: ALL\n", "172.16.5.20");
        assertEquals(Verdict.PASS, o.verdict(), said(o));
    }

    @Test
    void aConfigIncludingItselfIsUnknown() throws IOException {
        Path h = host("", "", "");
        Files.writeString(h.resolve("fs/etc/xinetd.conf"), "include /etc/xinetd.conf\n");
        Outcome o = judge(new RecordedSystem(h), target("xinetd", 7007, "10.0.0.156"));
        assertEquals(Verdict.UNKNOWN, o.verdict(), said(o));
        assertTrue(o.summary().text().contains("include loop"), said(o));
    }

    @Test
    void binaryAndUnreadableFilesAreUnknown() throws IOException {
        Path h = host("", "", "");
        Files.writeString(h.resolve("fs/etc/hosts.allow"), "sshd: ALL\0\0\0");
        Outcome o = variant("", "sshd: ALL\0\0", "", "10.0.0.156");
        assertEquals(Verdict.UNKNOWN, o.verdict(), said(o));
        assertTrue(o.summary().text().contains("binary content"), said(o));
        Path d = host("", "", "");
        Files.writeString(d.resolve("denied.txt"), "/etc/hosts.deny\n");
        Outcome denied = judge(new RecordedSystem(d), target("xinetd", 7007, "10.0.0.156"));
        assertEquals(Verdict.UNKNOWN, denied.verdict(), said(denied));
        assertEquals("hint.run.as.root", denied.hints().get(0).key());
    }

    @Test
    void tcpWrappersFormatForALibwrapDaemon() throws IOException {
        Path h = host("", "in.tftpd: 10.0.0.0/255.255.255.0\n", "ALL: ALL\n");
        ServiceProfile p = new ServiceProfile(
                "tftp",
                null,
                List.of("in.tftpd"),
                List.of(),
                List.of(new ServiceProfile.PortSpec(69, "tcp")),
                Exposure.LAN,
                new ServiceProfile.ConfigSpec("tcpwrappers", List.of(), "/"),
                null);
        Target t = Target.of("tftp", 69).withProfile(p);
        Outcome in = new ConfigCheck()
                .run(new CheckContext(new RecordedSystem(h), t.withClient(InetAddress.getByName("10.0.0.156"))));
        assertEquals(Verdict.PASS, in.verdict(), said(in));
        Outcome out = new ConfigCheck()
                .run(new CheckContext(new RecordedSystem(h), t.withClient(InetAddress.getByName("172.16.5.20"))));
        assertEquals(Verdict.FAIL, out.verdict(), said(out));
        assertEquals(
                "172.16.5.20 is denied for in.tftpd by /etc/hosts.deny:1: ALL: ALL",
                out.summary().text());
    }

    @Test
    void theConfigStepDispatchesToXinetd() throws IOException {
        RecordedSystem sys = new RecordedSystem(host("\tonly_from = 10.0.0.0/24\n", "", ""));
        Outcome o = new ConfigCheck().run(new CheckContext(sys, target("xinetd", 7007, "172.16.5.20")));
        assertEquals(Verdict.FAIL, o.verdict(), said(o));
    }
}
