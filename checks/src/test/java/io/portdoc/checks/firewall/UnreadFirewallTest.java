package io.portdoc.checks.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.core.CheckContext;
import io.portdoc.core.Outcome;
import io.portdoc.core.Target;
import io.portdoc.core.Verdict;
import io.portdoc.core.host.RealSystem;
import io.portdoc.core.host.RecordedSystem;
import io.portdoc.core.host.SystemView;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A firewall tool that is there but fails or times out is UNKNOWN, never "no firewall rules found". */
class UnreadFirewallTest {
    private static RecordedSystem copy(Path into) throws Exception {
        Path from = Path.of("src/test/resources/hosts/fw-nft");
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path to = into.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
        return new RecordedSystem(into);
    }

    private static Outcome judge(RecordedSystem sys) throws Exception {
        Target t = Target.of("svc", 80).withClient(InetAddress.getByName("10.9.0.5"));
        return new FirewallCheck().run(new CheckContext(sys, t));
    }

    @Test
    void timedOutNftIsUnknown(@TempDir Path dir) throws Exception {
        RecordedSystem sys = copy(dir);
        assertEquals(Verdict.FAIL, judge(sys).verdict(), "the recorded ruleset drops 10.9.0.5 on port 80");
        Files.writeString(dir.resolve("commands/nft -j list tables.timeout"), "");
        Files.writeString(dir.resolve("commands/nft -j list ruleset.timeout"), "");
        Outcome o = judge(sys);
        assertEquals(Verdict.UNKNOWN, o.verdict(), o.summary().text());
        assertTrue(
                o.summary().text().startsWith("could not read the firewall: nft -j list tables: timed out"),
                o.summary().text());
    }

    @Test
    void failingIptablesSaveIsUnknown(@TempDir Path dir) throws Exception {
        RecordedSystem sys = copy(dir);
        Files.writeString(dir.resolve("commands/iptables-save.rc"), "1");
        Files.writeString(dir.resolve("commands/iptables-save.err"), "iptables-save: broken\n");
        Outcome o = judge(sys);
        assertEquals(Verdict.UNKNOWN, o.verdict(), o.summary().text());
        assertTrue(
                o.summary().text().contains("iptables-save: exit 1: iptables-save: broken"),
                o.summary().text());
    }

    @Test
    void toolsAreFoundInTheSystemDirectoriesNotThroughPath() {
        // whatever PATH this JVM has (cron: /usr/bin:/bin), nft is found where Debian installs it
        Optional<Path> nft = new RealSystem().program("nft");
        if (Files.exists(Path.of("/usr/sbin/nft"))) {
            assertEquals(Optional.of(Path.of("/usr/sbin/nft")), nft);
        }
        assertEquals(Optional.empty(), new RealSystem().program("no-such-firewall-tool"));
        assertEquals(
                List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"),
                SystemView.PROGRAM_DIRS);
    }

    @Test
    void rootWithoutNetAdminIsUnknownNamingTheCapability(@TempDir Path dir) throws Exception {
        RecordedSystem sys = copy(dir);
        // what nft and iptables-save print as root without CAP_NET_ADMIN (setpriv --bounding-set=-all)
        for (String c : List.of("nft -j list tables", "nft -j list ruleset", "iptables-save", "ip6tables-save")) {
            Files.writeString(dir.resolve("commands/" + c + ".rc"), "1");
            Files.writeString(dir.resolve("commands/" + c + ".err"), "Error: Operation not permitted\n");
        }
        Outcome o = judge(sys);
        assertEquals(Verdict.UNKNOWN, o.verdict(), o.summary().text());
        assertEquals("unknown.capability", o.summary().key(), o.summary().text());
        assertTrue(
                o.summary().text().contains("nft -j list tables"), o.summary().text());
        assertTrue(o.hints().get(0).text().contains("CAP_NET_ADMIN"), o.hints().toString());
    }
}
