package io.portdoc.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real OpenSSH server for {@code diagnose --ssh}: {@code sshd -D -e} in the server namespace
 * with its own config, host key and an authorized key made here, on port 22; and what a client
 * needs to reach it through the system's {@code ssh}: an ssh config file ({@link #sshOptions},
 * passed as {@code -F}) naming the key and a known_hosts file that holds the real host key, so
 * host-key checking stays strict. With {@code passwd} and {@code sudoers} (may be null), sshd runs
 * in a mount namespace of its own where those files cover /etc's: a login shell for a system
 * user and a sudo rule, without touching the machine's /etc.
 */
record SshServer(Proc proc, Path dir, Path config) {
    static SshServer start(LabNet net, String passwd, String sudoers) {
        LabNet.requireTool("sshd");
        LabNet.requireTool("ssh");
        LabNet.requireTool("ssh-keygen");
        Lab.require(Files.isExecutable(Path.of("/usr/bin/ssh")), "portdoc runs /usr/bin/ssh, which is missing");
        try {
            Files.createDirectories(Path.of("/run/sshd")); // privilege separation dir, as the Debian package makes it
            Path dir = Files.createDirectories(net.dir().resolve("ssh-" + net.uniqueName("s")));
            keygen(dir.resolve("host_key"));
            keygen(dir.resolve("client_key"));
            Files.copy(dir.resolve("client_key.pub"), dir.resolve("authorized_keys"));
            dir.resolve("authorized_keys").toFile().setReadable(true, false);
            Files.writeString(dir.resolve("sshd_config"), """
                    Port 22
                    HostKey @D/host_key
                    PidFile @D/sshd.pid
                    AuthorizedKeysFile @D/authorized_keys
                    StrictModes no
                    UsePAM no
                    PasswordAuthentication no
                    KbdInteractiveAuthentication no
                    PermitRootLogin prohibit-password
                    """.replace("@D", dir.toString()));
            String hostKey = Files.readString(dir.resolve("host_key.pub")).strip();
            Files.writeString(
                    dir.resolve("known_hosts"),
                    String.join(
                                    ",",
                                    LabNet.SERVER_IP,
                                    LabNet.OUTSIDE_SERVER_IP,
                                    LabNet.SERVER_NAME,
                                    NatClient.SERVER_IP)
                            + " " + hostKey + "\n");
            Path config = Files.writeString(dir.resolve("ssh_config"), """
                    Host *
                      User root
                      IdentityFile @D/client_key
                      IdentitiesOnly yes
                      UserKnownHostsFile @D/known_hosts
                      GlobalKnownHostsFile /dev/null
                      StrictHostKeyChecking yes
                      ConnectTimeout 5
                    """.replace("@D", dir.toString()));
            List<String> argv = new ArrayList<>();
            if (passwd != null || sudoers != null) {
                LabNet.requireTool("unshare");
                LabNet.requireTool("mount");
                StringBuilder mounts = new StringBuilder();
                if (passwd != null) {
                    Path p = Files.writeString(dir.resolve("passwd"), passwd);
                    p.toFile().setReadable(true, false);
                    mounts.append("mount --bind ").append(p).append(" /etc/passwd && ");
                }
                if (sudoers != null) {
                    Path s = Files.writeString(dir.resolve("sudoers"), sudoers);
                    Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("r--r-----"));
                    mounts.append("mount --bind ").append(s).append(" /etc/sudoers && ");
                }
                argv.addAll(List.of(
                        Exec.which("unshare"),
                        "-m",
                        "--propagation",
                        "private",
                        "/bin/sh",
                        "-c",
                        mounts + "exec \"$@\"",
                        "sh"));
            }
            argv.addAll(
                    List.of(Exec.which("sshd"), "-f", dir.resolve("sshd_config").toString(), "-D", "-e"));
            Proc sshd = net.start(net.server(), argv.toArray(String[]::new));
            net.awaitListening(sshd, 22);
            return new SshServer(sshd, dir, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** portdoc's hidden option that hands {@code -F CONFIG} to ssh: the test's keys and known_hosts. */
    List<String> sshOptions() {
        return List.of("--ssh-option=-F", "--ssh-option=" + config);
    }

    private static void keygen(Path key) {
        Exec.run(
                        List.of(Exec.which("ssh-keygen"), "-q", "-t", "ed25519", "-N", "", "-f", key.toString()),
                        null,
                        Duration.ofSeconds(20))
                .ok();
    }
}
