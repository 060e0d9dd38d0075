package io.portdoc.lab;

import static io.portdoc.lab.LabNet.CLIENT_IP;
import static io.portdoc.lab.LabNet.OUTSIDE_CLIENT_IP;
import static io.portdoc.lab.LabNet.SERVER_IP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * examples/ansible/capture.yml, run by the real ansible-playbook in the server namespace against two
 * hosts over real SSH (an sshd of the test's own in the server and in the inside namespace, its host
 * keys in the known_hosts the run checks against): each host is captured, its bundle fetched and
 * diagnosed centrally into one markdown table. The server runs Apache with the seed's rules, so
 * the outside client is denied by its configuration; the inside host runs no Apache.
 */
@ExtendWith(Lab.class)
@LabPrefix("pdf")
class AnsibleLabTest {
    static final Path PLAYBOOK =
            Path.of("..", "examples", "ansible", "capture.yml").toAbsolutePath().normalize();

    @Test
    void thePlaybookCapturesEveryHostAndTablesTheDiagnoses(LabNet net) throws IOException {
        Lab.require(Exec.installed("ansible-playbook"), "ansible-playbook is not installed (Debian: ansible-core)");
        LabNet.requireTool("sshd");
        LabNet.requireTool("ssh-keygen");
        Files.createDirectories(Path.of("/run/sshd")); // privilege separation dir, as the Debian package makes it
        Apache apache = net.startApache(net.server(), CaptureLabTest.SEED);
        Path dir = Files.createDirectories(net.dir().resolve("ansible-" + net.uniqueName("a")));
        keygen(dir.resolve("client_key"));
        Files.copy(dir.resolve("client_key.pub"), dir.resolve("authorized_keys"));
        StringBuilder knownHosts = new StringBuilder();
        for (String[] host : List.of(new String[] {net.server(), SERVER_IP}, new String[] {net.inside(), CLIENT_IP})) {
            Path hostKey = dir.resolve("host_key_" + host[1]);
            keygen(hostKey);
            knownHosts.append(host[1]).append(' ').append(Files.readString(dir.resolve(hostKey + ".pub")));
            Path conf = dir.resolve("sshd_config_" + host[1]);
            Files.writeString(conf, """
                    ListenAddress @IP
                    Port 22
                    HostKey @KEY
                    PidFile @D/sshd_@IP.pid
                    AuthorizedKeysFile @D/authorized_keys
                    StrictModes no
                    UsePAM no
                    PasswordAuthentication no
                    KbdInteractiveAuthentication no
                    PermitRootLogin prohibit-password
                    """.replace("@IP", host[1])
                    .replace("@KEY", hostKey.toString())
                    .replace("@D", dir.toString()));
            Proc sshd = net.start(host[0], Exec.which("sshd"), "-f", conf.toString(), "-D", "-e");
            net.awaitListening(sshd, 22);
        }
        Files.writeString(dir.resolve("known_hosts"), knownHosts);
        Path portdoc = dir.resolve("portdoc");
        Files.writeString(portdoc, "#!/bin/sh\nexec " + String.join(" ", javaArgv()) + " \"$@\"\n");
        Files.setPosixFilePermissions(portdoc, PosixFilePermissions.fromString("rwxr-xr-x"));
        String ssh = "-F /dev/null -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=yes"
                + " -o UserKnownHostsFile=" + dir.resolve("known_hosts");
        Files.writeString(dir.resolve("inventory.ini"), """
                [lab]
                boven    ansible_host=@SERVER portdoc_args='["--config", "@CONF"]'
                beneden  ansible_host=@INSIDE

                [lab:vars]
                ansible_user=root
                ansible_python_interpreter=/usr/bin/python3
                ansible_ssh_private_key_file=@D/client_key
                ansible_ssh_common_args=@SSH
                portdoc_service=@SERVICE
                portdoc_port=80
                portdoc_client=@CLIENT
                """.replace("@SERVER", SERVER_IP)
                .replace("@INSIDE", CLIENT_IP)
                .replace("@CONF", apache.conf().toString())
                .replace("@D", dir.toString())
                .replace("@SSH", "'" + ssh + "'")
                .replace("@SERVICE", apache.processName())
                .replace("@CLIENT", OUTSIDE_CLIENT_IP));
        Path report = dir.resolve("report.md");
        String cmd = "[\"" + portdoc + "\"]";
        // two hosts, four portdoc runs and Ansible's own start: more than net.exec's 20 s on a busy machine
        Exec.Result run = Exec.run(
                List.of(
                        "ip",
                        "netns",
                        "exec",
                        net.server(),
                        "env",
                        "HOME=" + dir,
                        "ANSIBLE_LOCAL_TEMP=" + dir.resolve("ansible-tmp"),
                        "ANSIBLE_SSH_ARGS=-o ControlMaster=no",
                        "ANSIBLE_NOCOLOR=1",
                        "LC_ALL=C.UTF-8",
                        "ansible-playbook",
                        "-i",
                        dir.resolve("inventory.ini").toString(),
                        PLAYBOOK.toString(),
                        "-e",
                        "{\"portdoc_cmd\": " + cmd + ", \"portdoc_local_cmd\": " + cmd + ", \"bundle_dir\": \""
                                + dir.resolve("bundles") + "\", \"report\": \"" + report + "\"}"),
                null,
                Duration.ofMinutes(4));
        assertEquals(0, run.exit(), run.out() + run.err());
        List<String> rows = new ArrayList<>(Files.readAllLines(report));
        assertEquals("| Host | Service | Verdict | First broken link | Conclusion |", rows.get(0));
        assertEquals(4, rows.size(), String.join("\n", rows));
        assertTrue(
                rows.get(2).startsWith("| boven | " + apache.processName() + " 80/tcp | FAIL | config | "),
                rows.get(2));
        assertTrue(
                rows.get(3).startsWith("| beneden | " + apache.processName() + " 80/tcp | FAIL | daemon | "),
                rows.get(3));
        assertTrue(Files.isRegularFile(dir.resolve("bundles/boven.tar.gz")));
        assertTrue(Files.isRegularFile(dir.resolve("bundles/beneden.tar.gz")));
    }

    private static List<String> javaArgv() {
        return List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("portdoc.lab.classpath", System.getProperty("java.class.path")),
                "io.portdoc.cli.Main");
    }

    private static void keygen(Path key) {
        Exec.run(
                        List.of(Exec.which("ssh-keygen"), "-q", "-t", "ed25519", "-N", "", "-f", key.toString()),
                        null,
                        Duration.ofSeconds(20))
                .ok();
    }
}
