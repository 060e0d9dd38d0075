package io.portdoc.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Database servers for the lab: Debian's {@code redis-server} and {@code mariadbd}, each a copy of
 * the binary under a unique process name, run as the package's unprivileged user ({@code redis},
 * {@code mysql}) through {@code setpriv}, with data, socket, pid file and log in a directory of its
 * own under the lab directory. They are stopped with the test ({@link LabNet#reset()}), so nothing
 * is left running, and the host's own services and /etc are never touched.
 */
final class DbServers {
    private DbServers() {}

    /** A server the lab started: pass {@link #name()} as the service and {@link #conf()} to {@code --config}. */
    record Server(Proc proc, String name, Path dir, Path conf, Path profile) {}

    /** Skips the calling test unless Redis and setpriv are installed and the user {@code redis} exists. */
    static void requireRedis() {
        Lab.require(
                Exec.installed("redis-server") && Exec.installed("redis-cli") && userExists("redis"),
                "redis-server is not installed (Debian: redis-server)");
        Lab.require(Exec.installed("setpriv"), "setpriv is not installed (Debian: util-linux)");
    }

    /**
     * Starts {@code redis-server} in {@code ns} from {@code body} (bind, protected-mode,
     * requirepass ... lines) after a preamble keeping everything in its own directory; returns
     * once it listens on {@code port}.
     */
    static Server startRedis(LabNet net, String ns, int port, String body) {
        requireRedis();
        String name = net.uniqueName("redis");
        Path dir = ownedDir(net, name, "redis");
        Path conf = dir.resolve("redis.conf");
        String text = "daemonize no\nport " + port + "\ndir " + dir + "\npidfile " + dir.resolve("redis.pid")
                + "\nlogfile \"\"\nsave \"\"\nappendonly no\n" + body + "\n";
        write(conf, text);
        Path binary = copy(net, Exec.which("redis-server"), name);
        Proc p = net.start(
                ns,
                Exec.which("setpriv"),
                "--reuid=redis",
                "--regid=redis",
                "--init-groups",
                binary.toString(),
                conf.toString());
        net.awaitListening(p, port);
        return new Server(p, name, dir, conf, profile(dir, name, port, "redis"));
    }

    /** Skips the calling test unless MariaDB's server, client and mariadb-install-db are installed. */
    static void requireMariadb() {
        Lab.require(
                Exec.installed("mariadbd")
                        && Exec.installed("mariadb")
                        && Exec.installed("mariadb-install-db")
                        && userExists("mysql"),
                "mariadb-server is not installed (Debian: mariadb-server mariadb-client)");
        Lab.require(Exec.installed("setpriv"), "setpriv is not installed (Debian: util-linux)");
    }

    /**
     * A data directory made by {@code mariadb-install-db} (run as user mysql) under the lab
     * directory; {@code root@localhost} logs in through the socket.
     */
    static Path mariadbData(LabNet net) {
        requireMariadb();
        Path dir = ownedDir(net, "mariadb-data", "mysql");
        Path data = dir.resolve("data");
        Exec.Result r = Exec.run(
                List.of(
                        Exec.which("mariadb-install-db"),
                        "--no-defaults",
                        "--user=mysql",
                        "--datadir=" + data,
                        "--skip-test-db",
                        "--skip-name-resolve",
                        "--auth-root-authentication-method=socket"),
                null,
                Duration.ofSeconds(120));
        if (r.exit() != 0) {
            throw new IllegalStateException("mariadb-install-db failed:\n" + r.err() + r.out());
        }
        return data;
    }

    /**
     * Starts {@code mariadbd} in {@code ns} on {@code data} with {@code --defaults-file} holding a
     * [mysqld] group of its own (socket, pid file, error log in its directory) and {@code body};
     * returns once it listens on {@code port}, or, with skip-networking, once its socket exists.
     */
    static Server startMariadb(LabNet net, String ns, Path data, int port, String body) {
        requireMariadb();
        String name = net.uniqueName("maria");
        Path dir = ownedDir(net, name, "mysql");
        Path conf = dir.resolve("my.cnf");
        write(
                conf,
                "[mysqld]\ndatadir = " + data + "\nsocket = " + dir.resolve("mysqld.sock") + "\npid-file = "
                        + dir.resolve("mysqld.pid") + "\nlog-error = " + dir.resolve("error.log") + "\nport = " + port
                        + "\nbasedir = /usr\nlc-messages-dir = /usr/share/mysql\nplugin-dir = /usr/lib/mysql/plugin"
                        + "\nskip-log-bin\nskip-name-resolve\nlog-warnings = 4\ninnodb-buffer-pool-size = 16M\n" + body
                        + "\n");
        Path binary = copy(net, Exec.which("mariadbd"), name);
        Proc p = net.start(
                ns,
                Exec.which("setpriv"),
                "--reuid=mysql",
                "--regid=mysql",
                "--init-groups",
                binary.toString(),
                "--defaults-file=" + conf);
        Server s = new Server(p, name, dir, conf, profile(dir, name, port, "mysql"));
        if (body.contains("skip-networking")) {
            awaitFile(p, dir.resolve("mysqld.sock"), dir.resolve("error.log"));
        } else {
            try {
                net.awaitListening(p, port);
            } catch (IllegalStateException e) {
                throw new IllegalStateException(e.getMessage() + "\n" + read(dir.resolve("error.log")), e);
            }
        }
        return s;
    }

    /** SQL through the server's socket as root (the account setup of a test). */
    static void sql(LabNet net, Server s, String statements) {
        Exec.Result r = net.exec(
                net.server(),
                "mariadb",
                "--no-defaults",
                "--socket=" + s.dir().resolve("mysqld.sock"),
                "-u",
                "root",
                "-e",
                statements);
        if (r.exit() != 0) {
            throw new IllegalStateException("SQL failed: " + statements + "\n" + r.err() + r.out());
        }
    }

    /** What {@code mariadb -h HOST -u USER -pPW -e "SELECT 1"} from {@code ns} printed (ERROR 2002, 1130, ... or 1). */
    static String mariadbLogin(LabNet net, String ns, String host, int port, String user, String password) {
        Exec.Result r = net.exec(
                ns,
                "mariadb",
                "--no-defaults",
                "--connect-timeout=3",
                "-h",
                host,
                "-P",
                Integer.toString(port),
                "-u",
                user,
                "-p" + password,
                "-N",
                "-e",
                "SELECT 1");
        return (r.out() + r.err()).strip();
    }

    private static void awaitFile(Proc p, Path file, Path log) {
        for (int i = 0; i < 500; i++) {
            if (Files.exists(file)) {
                return;
            }
            if (!p.alive()) {
                break;
            }
            LabNet.sleep(20);
        }
        throw new IllegalStateException(p + " made no " + file + ":\n" + p.logText() + read(log));
    }

    static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** What {@code redis-cli PING} from {@code ns} got: PONG, NOAUTH, DENIED or the connection error. */
    static String redisPing(LabNet net, String ns, String host, int port) {
        Exec.Result r = net.exec(ns, "redis-cli", "-h", host, "-p", Integer.toString(port), "ping");
        return (r.out() + r.err()).strip();
    }

    /** A profile for {@code name} that binds the engine: {@code config.format: FORMAT}. */
    static Path profile(Path dir, String name, int port, String format) {
        Path p = dir.resolve("profile.yaml");
        write(
                p,
                "schema: portdoc/profile/v1\nservices:\n  - name: " + name + "\n    processes: [" + name + "]\n"
                        + "    ports: [" + port + "/tcp]\n    exposure: lan\n    config:\n      format: " + format
                        + "\n");
        return p;
    }

    /** portdoc diagnose for {@code client} (null: who gets in) connecting to {@code host}, as JSON. */
    static PortdocRun diagnose(LabNet net, Server s, int port, String client, String host, boolean withConfig) {
        List<String> args = new ArrayList<>(List.of(
                "diagnose",
                "--profile",
                s.profile().toString(),
                "--service",
                s.name(),
                "--port",
                Integer.toString(port),
                "--host",
                host,
                "--no-probe",
                "--format",
                "json"));
        if (client != null) {
            args.addAll(List.of("--client", client));
        }
        if (withConfig) {
            args.addAll(List.of("--config", s.conf().toString()));
        }
        return net.portdoc(net.server(), args.toArray(String[]::new));
    }

    static boolean userExists(String user) {
        try {
            Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A directory under the lab's, owned by {@code user} (the server writes there). */
    static Path ownedDir(LabNet net, String name, String user) {
        try {
            Path dir = Files.createDirectories(net.dir().resolve("db-" + name));
            chown(dir, user);
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void chown(Path p, String user) throws IOException {
        UserPrincipalLookupService users = p.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
        view.setOwner(users.lookupPrincipalByName(user));
        GroupPrincipal group = users.lookupPrincipalByGroupName(user);
        view.setGroup(group);
    }

    static void write(Path p, String text) {
        try {
            Files.writeString(p, text);
            p.toFile().setReadable(true, false);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy of {@code program} named {@code name}, so ps shows a name no other process has. */
    static Path copy(LabNet net, String program, String name) {
        try {
            Path bin = Files.createDirectories(net.dir().resolve("dbbin"));
            bin.toFile().setReadable(true, false);
            bin.toFile().setExecutable(true, false);
            Path target = bin.resolve(name);
            Files.copy(Path.of(program).toRealPath(), target);
            target.toFile().setExecutable(true, false);
            target.toFile().setReadable(true, false);
            return target;
        } catch (IOException e) {
            throw new IllegalStateException("cannot copy " + program, e);
        }
    }
}
