package io.portdoc.lab;

import static io.portdoc.lab.LabNet.CLIENT_IP;
import static io.portdoc.lab.LabNet.OUTSIDE_CLIENT_IP;
import static io.portdoc.lab.LabNet.SERVER_IP;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.portdoc.checks.config.ConfigRequest;
import io.portdoc.checks.config.sshd.SshdJudge;
import io.portdoc.core.Outcome;
import io.portdoc.core.Target;
import io.portdoc.core.host.CommandResult;
import io.portdoc.core.host.RealSystem;
import io.portdoc.core.host.SystemView;
import io.portdoc.core.profile.ServiceProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sshd engine against a real OpenSSH server: for each rule set a real {@code sshd -D -e} in the
 * server namespace (its own config, host key, pid file and authorized_keys in the lab directory),
 * and the real {@code ssh -o BatchMode=yes} from both client namespaces logs in as root, daemon
 * and bin (bin stands for a user the config does not name). What the client gets per user is the
 * ground truth: every user in is PASS, every user refused ("Permission denied") or no connection
 * is FAIL, some refused is WARN. The engine must agree asking sshd -T and from the files alone, and
 * so must {@code portdoc diagnose} (the real entry point, in the server namespace).
 */
@ExtendWith(Lab.class)
class SshdConfigLabTest {
    static final List<String> USERS = List.of("root", "daemon", "bin");

    static Stream<Arguments> ruleSets() {
        return Stream.of(
                Arguments.of("no rules", "", "PASS", "PASS"),
                Arguments.of(
                        "Match Address with DenyUsers *", """
                        Match Address 172.16.5.0/24
                          DenyUsers *
                        """,
                        "PASS", "FAIL"),
                Arguments.of(
                        "AllowUsers user@host for every allowed user", """
                        AllowUsers root@10.0.0.* daemon@10.0.0.0/24
                        """,
                        "WARN", "FAIL"),
                Arguments.of("DenyUsers one user", "DenyUsers daemon\n", "WARN", "WARN"),
                Arguments.of("DenyUsers *@subnet", "DenyUsers *@172.16.5.0/24\n", "PASS", "FAIL"),
                Arguments.of(
                        "Match User and negated Address", """
                        Match User root Address !10.0.0.0/24,*
                          DenyUsers root
                        """,
                        "PASS", "WARN"),
                Arguments.of("AllowUsers without hosts", "AllowUsers root daemon\n", "WARN", "WARN"),
                Arguments.of("ListenAddress on loopback only", "ListenAddress 127.0.0.1\n", "FAIL", "FAIL"),
                Arguments.of("another Port", "Port 2222\n", "FAIL", "FAIL"),
                Arguments.of(
                        "libwrap: hosts.deny the outside subnet",
                        WRAP + "sshd: 172.16.5.0/255.255.255.0\n",
                        "PASS",
                        "FAIL"),
                Arguments.of(
                        "libwrap: hosts.allow the LAN, hosts.deny ALL",
                        WRAP + "ALL: ALL\n" + WRAP_ALLOW + "sshd: 10.0.0.\n",
                        "PASS",
                        "FAIL"));
    }

    /** Rule sets from here on are hosts.deny text (and, after WRAP_ALLOW, hosts.allow text) for a libwrap sshd. */
    static final String WRAP = "#wrap\n";

    static final String WRAP_ALLOW = "#allow\n";

    private static HostsFilesMount hostsFiles(Path dir, String rules) throws IOException {
        String deny = rules.substring(WRAP.length());
        String allow = "";
        if (deny.contains(WRAP_ALLOW)) {
            allow = deny.substring(deny.indexOf(WRAP_ALLOW) + WRAP_ALLOW.length());
            deny = deny.substring(0, deny.indexOf(WRAP_ALLOW));
        }
        return HostsFilesMount.write(dir, allow, deny);
    }

    /** What ssh got for one user: in (authenticated), denied ("Permission denied"), or no connection. */
    enum Login {
        IN,
        DENIED,
        NO_CONNECTION
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ruleSets")
    void engineAndPortdocAgreeWithSsh(String name, String rules, String inside, String outside, LabNet net)
            throws IOException {
        LabNet.requireTool("sshd");
        LabNet.requireTool("ssh");
        LabNet.requireTool("ssh-keygen");
        Files.createDirectories(Path.of("/run/sshd")); // privilege separation dir, as the Debian package makes it
        Path dir = Files.createDirectories(net.dir().resolve("sshd-" + net.uniqueName("s")));
        keygen(net, dir.resolve("host_key"));
        Path clientKey = dir.resolve("client_key");
        keygen(net, clientKey);
        Files.copy(dir.resolve("client_key.pub"), dir.resolve("authorized_keys"));
        String base = """
                Port 22
                HostKey @D/host_key
                PidFile @D/sshd.pid
                AuthorizedKeysFile @D/authorized_keys
                StrictModes no
                UsePAM no
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                PermitRootLogin prohibit-password
                """.replace("@D", dir.toString());
        // ListenAddress / Port must come before Match blocks: global lines first, rule sets end with Match
        Path conf = dir.resolve("sshd_config");
        boolean wrapped = rules.startsWith(WRAP);
        if (wrapped) {
            HostsFilesMount.require();
        }
        HostsFilesMount hosts = wrapped ? hostsFiles(dir, rules) : null;
        String sshdRules = wrapped ? "" : rules;
        Files.writeString(
                conf, rules.startsWith("Port") ? rules + base.substring(base.indexOf('\n') + 1) : base + sshdRules);
        String[] argv = {Exec.which("sshd"), "-f", conf.toString(), "-D", "-e"};
        Proc sshd = net.start(net.server(), wrapped ? hosts.wrap(argv) : argv);
        SystemView host = wrapped ? hosts.system() : new RealSystem();
        List<String> wrapper = wrapped ? hosts.wrapper() : List.of();
        net.awaitListening(sshd, rules.startsWith("Port") ? 2222 : 22);
        for (String[] c : List.of(
                new String[] {net.inside(), CLIENT_IP, inside},
                new String[] {net.outside(), OUTSIDE_CLIENT_IP, outside})) {
            List<Login> got = new ArrayList<>();
            for (String user : USERS) {
                got.add(login(net, c[0], user, clientKey));
            }
            String truth = got.stream().allMatch(l -> l == Login.IN)
                    ? "PASS"
                    : got.stream().noneMatch(l -> l == Login.IN) ? "FAIL" : "WARN";
            String what = name + ", client " + c[1] + ", ssh got " + got;
            assertEquals(c[2], truth, what + ": the table's expectation");
            Target t = target(c[1]).withConfigFile(conf);
            Outcome bySshd = new SshdJudge().judge(new ConfigRequest(host, t, Optional.empty()));
            assertEquals(truth, bySshd.verdict().name(), what + "; engine with sshd -T said " + bySshd);
            Outcome byFiles = new SshdJudge().judge(new ConfigRequest(withoutSshd(host), t, Optional.empty()));
            assertEquals(truth, byFiles.verdict().name(), what + "; engine from the files said " + byFiles);
            if (rules.startsWith("Port")) {
                continue; // nothing of ours holds port 22 then: the daemon step could pick another sshd on this machine
            }
            PortdocRun r = net.portdoc(
                    net.server(),
                    wrapper,
                    "diagnose",
                    "--service",
                    "sshd",
                    "--port",
                    "22",
                    "--client",
                    c[1],
                    "--no-probe",
                    "--format",
                    "json");
            assertEquals(truth, r.verdict("config"), what + "; portdoc said " + r.said("config") + "\n" + r);
        }
    }

    private static void keygen(LabNet net, Path key) {
        Exec.run(
                        List.of(Exec.which("ssh-keygen"), "-q", "-t", "ed25519", "-N", "", "-f", key.toString()),
                        null,
                        Duration.ofSeconds(20))
                .ok();
    }

    private static Login login(LabNet net, String ns, String user, Path key) {
        Exec.Result r = net.exec(
                ns,
                "ssh",
                "-F",
                "/dev/null",
                "-i",
                key.toString(),
                "-o",
                "IdentitiesOnly=yes",
                "-o",
                "BatchMode=yes",
                "-o",
                "StrictHostKeyChecking=no",
                "-o",
                "UserKnownHostsFile=/dev/null",
                "-o",
                "ConnectTimeout=5",
                "-o",
                "LogLevel=ERROR",
                "-p",
                "22",
                user + "@" + SERVER_IP,
                "true");
        if (r.exit() != 255) {
            return Login.IN; // the remote command ran (bin's nologin shell exits 1, after authentication)
        }
        return r.err().contains("Permission denied") ? Login.DENIED : Login.NO_CONNECTION;
    }

    private static Target target(String client) {
        ServiceProfile p = new ServiceProfile(
                "sshd",
                null,
                List.of("sshd"),
                List.of(),
                List.of(new ServiceProfile.PortSpec(22, "tcp")),
                null,
                new ServiceProfile.ConfigSpec("sshd", List.of("/etc/ssh/sshd_config"), "/"),
                null);
        try {
            return Target.of("sshd", 22).withProfile(p).withClient(InetAddress.getByName(client));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This host, except that sshd cannot be run: the engine must then read the files. */
    private static SystemView withoutSshd(SystemView real) {
        return (SystemView) Proxy.newProxyInstance(
                SystemView.class.getClassLoader(), new Class<?>[] {SystemView.class}, (proxy, m, args) -> {
                    if (m.getName().equals("run")
                            && ((List<?>) args[0]).get(0).toString().endsWith("sshd")) {
                        @SuppressWarnings("unchecked")
                        List<String> argv = (List<String>) args[0];
                        return CommandResult.missing(argv);
                    }
                    try {
                        return m.isDefault() ? InvocationHandler.invokeDefault(proxy, m, args) : m.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
