package io.portdoc.checks.config.sshd;

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
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sshd engine on recorded hosts: Debian 12's stock sshd_config with the real sshd -T answers
 * (hosts/sshd-debian), a config sshd refuses (hosts/sshd-bad, sshd's own words), the fallback to
 * the files when sshd -T cannot run, the rule sets of the lab, and hostile files.
 */
class SshdJudgeTest {
    static final Path HOSTS = Path.of("src/test/resources/hosts");
    static final String STOCK_CONFIG = "/etc/ssh/sshd_config";

    @TempDir
    Path tmp;

    static Target target(int port, String client) throws IOException {
        ServiceProfile p = new ServiceProfile(
                "sshd",
                null,
                List.of("sshd"),
                List.of(),
                List.of(new ServiceProfile.PortSpec(port, "tcp")),
                Exposure.LAN,
                new ServiceProfile.ConfigSpec("sshd", List.of(STOCK_CONFIG), "/"),
                null);
        Target t = Target.of("sshd", port).withProfile(p);
        return client == null ? t : t.withClient(InetAddress.getByName(client));
    }

    static Outcome judge(SystemView sys, Target t) {
        Optional<ProcessInfo> daemon =
                sys.processes().stream().filter(p -> "sshd".equals(p.comm())).findFirst();
        return new SshdJudge().judge(new ConfigRequest(sys, t, daemon));
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

    /** A recorded host without sshd -T answers, with this sshd_config (and more files, path then text). */
    Path files(String config, String... more) throws IOException {
        Path root = tmp.resolve("host" + System.nanoTime());
        write(root, STOCK_CONFIG, config);
        for (int i = 0; i + 1 < more.length; i += 2) {
            write(root, more[i], more[i + 1]);
        }
        return root;
    }

    static void write(Path root, String file, String text) throws IOException {
        Path p = root.resolve("fs" + file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    Path copy(String name) throws IOException {
        Path from = HOSTS.resolve(name);
        Path to = tmp.resolve(name);
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path dst = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(dst);
                } else {
                    Files.copy(p, dst, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }

    Outcome judgeFiles(String config, String client) throws IOException {
        return judge(new RecordedSystem(files(config)), target(22, client));
    }

    // ---- Debian's stock config, answered by the real sshd -T ----------------------------------

    @Test
    void stockDebianLetsEveryoneInAsSshdItselfSays() throws IOException {
        Outcome o = judge(new RecordedSystem(HOSTS.resolve("sshd-debian")), target(22, null));
        assertEquals(Verdict.PASS, o.verdict(), said(o));
        assertTrue(said(o).contains("evaluated by sshd itself: /usr/sbin/sshd -T -f /etc/ssh/sshd_config"), said(o));
        assertTrue(said(o).contains("the running sshd (pid 612) uses its compiled-in default"), said(o));
        assertTrue(said(o).contains("listens on [::]:22"), said(o));
    }

    @Test
    void stockDebianLetsTheClientIn() throws IOException {
        for (String c : List.of("10.0.0.156", "fd42:0:0:1::156")) {
            Outcome o = judge(new RecordedSystem(HOSTS.resolve("sshd-debian")), target(22, c));
            assertEquals(Verdict.PASS, o.verdict(), said(o));
            assertEquals("pass.client", o.summary().key());
        }
    }

    @Test
    void stockDebianOnAnotherPortNamesThePortLine() throws IOException {
        Path h = copy("sshd-debian");
        try (Stream<Path> s = Files.list(h.resolve("commands"))) {
            for (Path p : s.toList()) { // same answers for lport=2222: no Match LocalPort in the stock file
                Files.copy(p, p.resolveSibling(p.getFileName().toString().replace("lport=22", "lport=2222")));
            }
        }
        Outcome o = judge(new RecordedSystem(h), target(2222, null));
        assertEquals(Verdict.FAIL, o.verdict(), said(o));
        assertEquals(
                "sshd listens on [::]:22, 0.0.0.0:22, you asked about port 2222",
                o.summary().text());
    }

    @Test
    void aConfigSshdRefusesIsReportedInSshdsWords() throws IOException {
        Outcome o = judge(new RecordedSystem(HOSTS.resolve("sshd-bad")), target(22, null));
        assertEquals(Verdict.FAIL, o.verdict(), said(o));
        assertEquals(
                "sshd will not start with this configuration: /etc/ssh/sshd_config:123: "
                        + "Bad configuration option: PermitRootLogn",
                o.summary().text());
        assertTrue(
                o.evidence().stream()
                        .anyMatch(e -> "/etc/ssh/sshd_config:125".equals(e.location())
                                && e.text().contains("not allowed within a Match block")),
                said(o));
    }

    @Test
    void withoutSshdTTheFilesAreReadAndThatIsSaid() throws IOException {
        Path h = copy("sshd-debian");
        deleteCommands(h);
        Outcome o = judge(new RecordedSystem(h), target(22, "10.0.0.156"));
        assertEquals(Verdict.PASS, o.verdict(), said(o));
        assertTrue(
                said(o).contains("sshd -T could not run (/usr/sbin/sshd is not installed): evaluated from the files"),
                said(o));
    }

    @Test
    void withoutSshdTABadOptionIsUnknownNotAGuess() throws IOException {
        Path h = copy("sshd-bad");
        deleteCommands(h);
        Outcome o = judge(new RecordedSystem(h), target(22, "10.0.0.156"));
        assertEquals(Verdict.UNKNOWN, o.verdict(), said(o));
        assertTrue(
                o.summary().text().contains("/etc/ssh/sshd_config:123: Bad configuration option: PermitRootLogn"),
                said(o));
    }

    static void deleteCommands(Path h) throws IOException {
        try (Stream<Path> s = Files.list(h.resolve("commands"))) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void theDaemonsOwnDashFComesFirst() throws IOException {
        Path h = files("Port 2222\n", "/etc/ssh/other.conf", "Port 22\nDenyUsers *\n");
        Files.writeString(h.resolve("processes.json"), """
                [{"pid":700,"ppid":1,"user":"root","comm":"sshd","executable":"/usr/sbin/sshd",
                  "argv":["sshd: /usr/sbin/sshd -f /etc/ssh/other.conf -D [listener] 0 of 10-100 startups"]}]
                """);
        Outcome o = judge(new RecordedSystem(h), target(22, "10.0.0.156"));
        assertEquals(Verdict.FAIL, o.verdict(), said(o));
        assertEquals(
                "10.0.0.156 is refused for every user by /etc/ssh/other.conf:2: DenyUsers *",
                o.summary().text());
        assertTrue(said(o).contains("/etc/ssh/other.conf: the running sshd (pid 700) was started with -f"), said(o));
    }

    // ---- the lab's rule sets, from the files (the lab checks them against a real ssh client) ---

    static final String OUTSIDE_REFUSED = "Match Address 172.16.5.0/24\n  DenyUsers *\n";

    @Test
    void matchAddressWithDenyAllRefusesTheAddress() throws IOException {
        Outcome o = judgeFiles(OUTSIDE_REFUSED, "172.16.5.20");
        assertEquals(Verdict.FAIL, o.verdict(), said(o));
        assertEquals(
                "172.16.5.20 is refused for every user by /etc/ssh/sshd_config:2: DenyUsers *",
                o.summary().text());
        assertEquals(Verdict.PASS, judgeFiles(OUTSIDE_REFUSED, "10.0.0.156").verdict());
    }

    @Test
    void withoutAClientWhoGetsInIsAnAddressSet() throws IOException {
        Outcome o = judgeFiles(OUTSIDE_REFUSED, null);
        assertEquals(Verdict.WARN, o.verdict(), said(o));
        assertEquals(
                "only some clients can log in: allowed: everyone except 172.16.5.0/24; everything else refused",
                o.summary().text());
    }

    @Test
    void allowUsersWithAHostForEveryUserRefusesOtherAddresses() throws IOException {
        String conf = "AllowUsers alice@10.0.0.* bob@10.0.0.0/24\n";
        Outcome out = judgeFiles(conf, "172.16.5.20");
        assertEquals(Verdict.FAIL, out.verdict(), said(out));
        assertTrue(out.summary().text().contains("AllowUsers alice@10.0.0.* bob@10.0.0.0/24"), said(out));
        Outcome in = judgeFiles(conf, "10.0.0.156");
        assertEquals(Verdict.WARN, in.verdict(), said(in));
        assertTrue(
                in.summary()
                        .text()
                        .startsWith("10.0.0.156 can connect, but some users are refused: "
                                + "any other user (AllowUsers alice@10.0.0.*), root"),
                said(in));
        Outcome who = judgeFiles(conf, null);
        assertEquals(
                "only some clients can log in: some users only: 10.0.0.0/24; everything else refused",
                who.summary().text(),
                said(who));
    }

    @Test
    void denyingOneUserIsAWarningNamingTheRule() throws IOException {
        Outcome o = judgeFiles("DenyUsers eve\n", "172.16.5.20");
        assertEquals(Verdict.WARN, o.verdict(), said(o));
        assertEquals(
                "172.16.5.20 can connect, but some users are refused: eve (DenyUsers eve) "
                        + "(/etc/ssh/sshd_config:1); an address alone does not decide a login",
                o.summary().text());
        Outcome who = judgeFiles("DenyUsers eve\n", null);
        assertEquals(Verdict.WARN, who.verdict(), said(who));
        assertEquals("warn.users.only", who.summary().key());
    }

    @Test
    void denyUserAtHostRefusesOnlyFromThere() throws IOException {
        String conf = "DenyUsers *@172.16.5.0/24\n";
        assertEquals(Verdict.FAIL, judgeFiles(conf, "172.16.5.20").verdict());
        assertEquals(Verdict.PASS, judgeFiles(conf, "10.0.0.156").verdict());
    }

    @Test
    void matchUserBlocksMakeSomeUsersRefused() throws IOException {
        String conf = "Match User root Address !10.0.0.0/24,*\n  DenyUsers root\n";
        Outcome o = judgeFiles(conf, "172.16.5.20");
        assertEquals(Verdict.WARN, o.verdict(), said(o));
        assertTrue(o.summary().text().contains("root (DenyUsers root)"), said(o));
        assertEquals(Verdict.PASS, judgeFiles(conf, "10.0.0.156").verdict());
    }

    @Test
    void groupsAreNotGuessed() throws IOException {
        Outcome o = judgeFiles("AllowGroups ssh-users\n", "10.0.0.156");
        assertEquals(Verdict.WARN, o.verdict(), said(o));
        assertTrue(said(o).contains("depends on its groups: AllowGroups ssh-users"), said(o));
    }

    @Test
    void listenAddressOnLoopbackOnly() throws IOException {
        Outcome o = judgeFiles("ListenAddress 127.0.0.1\n", "10.0.0.156");
        assertEquals(Verdict.FAIL, o.verdict(), said(o));
        assertEquals(
                "sshd listens only on 127.0.0.1:22 (/etc/ssh/sshd_config:1): only local clients can ever connect",
                o.summary().text());
        assertEquals(
                Verdict.PASS,
                judgeFiles("ListenAddress 127.0.0.1\n", "127.0.0.1").verdict());
    }

    @Test
    void listenAddressWithItsOwnPort() throws IOException {
        assertEquals(
                Verdict.PASS,
                judgeFiles("Port 2222\nListenAddress 0.0.0.0:22\n", "10.0.0.156")
                        .verdict());
        assertEquals(
                Verdict.FAIL,
                judgeFiles("ListenAddress [::]:2222\n", "10.0.0.156").verdict());
    }

    @Test
    void addressFamilyInetRefusesIpv6Clients() throws IOException {
        Outcome o = judgeFiles("AddressFamily inet\n", "fd42:0:0:1::156");
        assertEquals(Verdict.FAIL, o.verdict(), said(o));
        assertEquals("fail.family", o.summary().key());
        assertEquals(
                Verdict.PASS, judgeFiles("AddressFamily inet\n", "10.0.0.156").verdict());
    }

    @Test
    void includesAreReadRelativeToEtcSshWithMatchEndingAtTheFileEnd() throws IOException {
        Path h = files(
                "Include sshd_config.d/*.conf\nDenyUsers eve\n",
                "/etc/ssh/sshd_config.d/10-outside.conf",
                OUTSIDE_REFUSED,
                "/etc/ssh/sshd_config.d/20-port.conf",
                "Port 22\n");
        Outcome o = judge(new RecordedSystem(h), target(22, "172.16.5.20"));
        assertEquals(Verdict.FAIL, o.verdict(), said(o));
        assertEquals(
                "172.16.5.20 is refused for every user by /etc/ssh/sshd_config.d/10-outside.conf:2: DenyUsers *",
                o.summary().text());
        assertTrue(said(o).contains("3 files, 3 directives read"), said(o));
        // DenyUsers eve after the Include is global again: from inside, eve is refused by it
        Outcome in = judge(new RecordedSystem(h), target(22, "10.0.0.156"));
        assertEquals(Verdict.WARN, in.verdict(), said(in));
    }

    // ---- hostile and unreadable files ----------------------------------------------------------

    @Test
    void aConfigThatIncludesItselfEndsUnknown() throws IOException {
        Outcome o = judgeFiles("Include /etc/ssh/sshd_config\n", "10.0.0.156");
        assertEquals(Verdict.UNKNOWN, o.verdict(), said(o));
        assertTrue(o.summary().text().contains("/etc/ssh/sshd_config:1: Include loop"), said(o));
    }

    @Test
    void deepIncludeChainsEndUnknown() throws IOException {
        String[] more = new String[40];
        for (int i = 0; i < 20; i++) {
            more[2 * i] = "/etc/ssh/d" + i + ".conf";
            more[2 * i + 1] = "Include /etc/ssh/d" + (i + 1) + ".conf\n";
        }
        Outcome o = judge(new RecordedSystem(files("Include /etc/ssh/d0.conf\n", more)), target(22, "10.0.0.156"));
        assertEquals(Verdict.UNKNOWN, o.verdict(), said(o));
        assertTrue(o.summary().text().contains("deeper than 16 levels"), said(o));
    }

    @Test
    void hugeAndBinaryFilesEndUnknown() throws IOException {
        String huge = "# padding\n".repeat(500_000);
        Outcome big = judgeFiles(huge, "10.0.0.156");
        assertEquals(Verdict.UNKNOWN, big.verdict(), said(big));
        assertTrue(big.summary().text().contains("larger than 4 MB"), said(big));
        Outcome bin = judgeFiles("Port 22\n\0\0\1ELF", "10.0.0.156");
        assertEquals(Verdict.UNKNOWN, bin.verdict(), said(bin));
        assertTrue(bin.summary().text().contains("binary content"), said(bin));
    }

    @Test
    void anUnreadableIncludeIsUnknownWithHowToGetAnAnswer() throws IOException {
        Path h = files("Include /etc/ssh/secret.conf\n", "/etc/ssh/secret.conf", "DenyUsers *\n");
        Files.writeString(h.resolve("denied.txt"), "/etc/ssh/secret.conf\n");
        Outcome o = judge(new RecordedSystem(h), target(22, "10.0.0.156"));
        assertEquals(Verdict.UNKNOWN, o.verdict(), said(o));
        assertEquals(
                "cannot read /etc/ssh/sshd_config:1: /etc/ssh/secret.conf: permission denied; "
                        + "the sshd access rules are unknown",
                o.summary().text());
        assertEquals("hint.run.as.root", o.hints().get(0).key());
    }

    @Test
    void aMissingConfigIsUnknown() throws IOException {
        Path h = tmp.resolve("empty");
        Files.createDirectories(h);
        Outcome o = judge(new RecordedSystem(h), target(22, "10.0.0.156"));
        assertEquals(Verdict.UNKNOWN, o.verdict(), said(o));
        assertTrue(o.summary().text().contains("/etc/ssh/sshd_config: no such file"), said(o));
    }

    // ---- dispatch -------------------------------------------------------------------------------

    @Test
    void theConfigStepDispatchesToThisEngine() throws IOException {
        RecordedSystem sys = new RecordedSystem(files(OUTSIDE_REFUSED));
        Outcome o = new ConfigCheck().run(new CheckContext(sys, target(22, "172.16.5.20")));
        assertEquals(Verdict.FAIL, o.verdict(), said(o));
        Outcome byName = new ConfigCheck()
                .run(new CheckContext(sys, Target.of("sshd", 22).withClient(InetAddress.getByName("172.16.5.20"))));
        assertEquals(Verdict.FAIL, byName.verdict(), said(byName));
    }
}
