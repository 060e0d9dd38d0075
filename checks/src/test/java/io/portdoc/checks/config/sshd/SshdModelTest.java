package io.portdoc.checks.config.sshd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.portdoc.core.host.CommandResult;
import io.portdoc.core.host.RealSystem;
import io.portdoc.core.host.RecordedSystem;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The model of sshd_config(5) from the files, table-tested: global AllowUsers / DenyUsers lines add
 * up; the entries of every Match block that applies add up and replace the global list
 * (servconf.c copy_set_server_options); all criteria of a Match line must match; {@code !} in a
 * list excludes. Where root and sshd are present, {@link #sameAsSshdItself} runs the real
 * {@code sshd -T -C} on every row: the daemon is the ground truth for this table.
 */
class SshdModelTest {
    @TempDir
    Path tmp;

    static final String C3 = """
            DenyUsers a
            Match Address 10.0.0.0/8
              DenyUsers b
            Match Address 10.0.0.*,!10.0.0.7
              DenyUsers c
              AllowUsers x@1.2.3.0/24
            Match User root
              DenyUsers d
            """;

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("DenyUsers a\nDenyUsers b c\n", "10.0.0.5", "root", "allow=[] deny=[a, b, c]"),
                Arguments.of(
                        "AllowUsers alice@10.0.0.* bob\n", "10.0.0.5", "root", "allow=[alice@10.0.0.*, bob] deny=[]"),
                Arguments.of(C3, "10.0.0.5", "root", "allow=[x@1.2.3.0/24] deny=[b, c, d]"),
                Arguments.of(C3, "10.0.0.7", "root", "allow=[] deny=[b, d]"),
                Arguments.of(C3, "9.9.9.9", "root", "allow=[] deny=[d]"),
                Arguments.of(C3, "9.9.9.9", "alice", "allow=[] deny=[a]"),
                Arguments.of(C3, "10.0.0.5", "alice", "allow=[x@1.2.3.0/24] deny=[b, c]"),
                Arguments.of(
                        "Match Address 172.16.5.0/24 User alice\n  DenyUsers *\n",
                        "172.16.5.20",
                        "alice",
                        "allow=[] deny=[*]"),
                Arguments.of(
                        "Match Address 172.16.5.0/24 User alice\n  DenyUsers *\n",
                        "172.16.5.20",
                        "bob",
                        "allow=[] deny=[]"),
                Arguments.of("Match All\n  AllowUsers carol\n", "10.0.0.5", "root", "allow=[carol] deny=[]"),
                Arguments.of(
                        "Match LocalPort 22\n  DenyUsers *@172.16.*\n",
                        "172.16.5.20",
                        "root",
                        "allow=[] deny=[*@172.16.*]"),
                Arguments.of("Match User !root,*\n  DenyUsers *\n", "10.0.0.5", "root", "allow=[] deny=[]"),
                Arguments.of("Match User !root,*\n  DenyUsers *\n", "10.0.0.5", "bob", "allow=[] deny=[*]"),
                Arguments.of(
                        "Match Address fd42:0:0:1::/64\n  DenyUsers *\n",
                        "fd42:0:0:1::156",
                        "root",
                        "allow=[] deny=[*]"));
    }

    static String lists(Settings s) {
        return "allow=" + s.allowUsers().stream().map(Rule::pattern).toList() + " deny="
                + s.denyUsers().stream().map(Rule::pattern).toList();
    }

    Path host(String config) throws IOException {
        Path root = tmp.resolve("host");
        Files.createDirectories(root.resolve("fs/etc/ssh"));
        Files.writeString(root.resolve("fs/etc/ssh/sshd_config"), config);
        return root;
    }

    @ParameterizedTest
    @MethodSource("table")
    void model(String config, String addr, String user, String expected) throws IOException {
        SshdConfig cfg = SshdParser.parse(new RecordedSystem(host(config)), Path.of("/etc/ssh/sshd_config"));
        InetAddress a = InetAddress.getByName(addr);
        Settings s = new SshdModel(cfg).settings(new Conn(a, user, addr, null, 22));
        assertEquals(expected, lists(s));
    }

    @Test
    void sameAsSshdItself() throws IOException {
        Path sshd = Path.of("/usr/sbin/sshd");
        RealSystem real = new RealSystem();
        Assumptions.assumeTrue(
                real.privileged() && Files.isExecutable(sshd) && Files.isDirectory(Path.of("/run/sshd")),
                "needs root, sshd and /run/sshd");
        Path key = tmp.resolve("hostkey");
        CommandResult kg = real.run(
                List.of("/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()),
                Duration.ofSeconds(20));
        Assumptions.assumeTrue(kg.ok(), "ssh-keygen: " + kg.stderr());
        List<String> wrong = new ArrayList<>();
        int n = 0;
        for (Arguments row : table().toList()) {
            Object[] r = row.get();
            Path file = tmp.resolve("sshd_config_" + n++);
            Files.writeString(file, "HostKey " + key + "\n" + r[0]);
            SshdConfig cfg = SshdParser.parse(real, file);
            SshdT t = new SshdT(real, sshd.toString(), file.toString(), cfg);
            Conn c = new Conn(InetAddress.getByName((String) r[1]), (String) r[2], (String) r[1], null, 22);
            Settings bySshd = t.tryRun(c);
            Assumptions.assumeTrue(bySshd != null, "sshd -T did not run: " + SshdT.failure(t.last()));
            String model = lists(new SshdModel(cfg).settings(c));
            if (!lists(bySshd).equals(model) || !model.equals(r[3])) {
                wrong.add(r[1] + " " + r[2] + ": sshd " + lists(bySshd) + ", model " + model + ", table " + r[3]);
            }
        }
        assertEquals(List.of(), wrong);
    }
}
