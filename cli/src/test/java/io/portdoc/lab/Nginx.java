package io.portdoc.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An nginx the lab started in a namespace from its own config in a temp dir
 * ({@code nginx -p DIR/ -c DIR/nginx.conf -g 'daemon off; pid DIR/nginx.pid;'}), its error log,
 * temp paths and document root in that dir too, so nothing of the host's /etc, /var or /run is
 * touched. Runs under a unique process name (a copy of the binary) unless started as
 * {@code nginx} itself; stopped with the lab's other processes after each test.
 */
public record Nginx(Proc proc, Path dir, Path conf) {
    static final String BINARY = "nginx";

    public String processName() {
        return proc.processName();
    }

    /** Skips the calling test (one printed line) when nginx is not installed. */
    static void require() {
        Lab.require(Exec.installed(BINARY), "nginx is not installed (Debian: nginx)");
    }

    /**
     * Writes the config: a main part (events, error_log) and an http block holding the temp
     * paths, {@code root @DOCROOT@} and {@code body}; {@code @DIR@} / {@code @DOCROOT@} in
     * {@code body} and {@code extraFiles} become the instance's directories. {@code extraFiles}:
     * relative name, text, name, text, ...
     */
    static Path write(Path dir, String body, String... extraFiles) {
        try {
            Files.createDirectories(dir.resolve("htdocs"));
            Files.createDirectories(dir.resolve("tmp"));
            Files.writeString(dir.resolve("htdocs/index.html"), "<h1>boven</h1>\n");
            Files.writeString(dir.resolve("htpasswd"), "lab:$apr1$lab$J0p8n0d3o1S3y1x3bJ8bV/\n");
            String conf = "error_log " + dir.resolve("error.log") + " info;\n"
                    + "events { worker_connections 64; }\n"
                    + "http {\n"
                    + "  access_log off;\n"
                    + "  client_body_temp_path " + dir.resolve("tmp/body") + ";\n"
                    + "  proxy_temp_path " + dir.resolve("tmp/proxy") + ";\n"
                    + "  fastcgi_temp_path " + dir.resolve("tmp/fastcgi") + ";\n"
                    + "  uwsgi_temp_path " + dir.resolve("tmp/uwsgi") + ";\n"
                    + "  scgi_temp_path " + dir.resolve("tmp/scgi") + ";\n"
                    + "  root " + dir.resolve("htdocs") + ";\n"
                    + fill(body, dir) + "\n}\n";
            for (int i = 0; i + 1 < extraFiles.length; i += 2) {
                Path f = dir.resolve(extraFiles[i]);
                Files.createDirectories(f.getParent());
                Files.writeString(f, fill(extraFiles[i + 1], dir));
            }
            Path file = dir.resolve("nginx.conf");
            Files.writeString(file, conf);
            try (var s = Files.walk(dir)) {
                s.forEach(p -> {
                    p.toFile().setReadable(true, false);
                    if (Files.isDirectory(p)) {
                        p.toFile().setExecutable(true, false);
                    }
                });
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fill(String text, Path dir) {
        return text.replace("@DOCROOT@", dir.resolve("htdocs").toString()).replace("@DIR@", dir.toString());
    }

    /**
     * Starts nginx in {@code ns} and returns once it listens on every {@code listen} port of the
     * config. {@code unique}: run a copy of the binary under a name of its own ({@code ngx-...}),
     * else {@code /usr/sbin/nginx} itself (its process name is then {@code nginx}).
     */
    static Nginx start(LabNet net, String ns, boolean unique, String body, String... extraFiles) {
        require();
        String name = net.uniqueName("ngx");
        Path dir = net.dir().resolve("nginx-" + name);
        Path conf = write(dir, body, extraFiles);
        Path binary = Path.of(Exec.which(BINARY));
        if (unique) {
            try {
                Path bin = Files.createDirectories(net.dir().resolve("bin"));
                binary = Files.copy(binary.toRealPath(), bin.resolve(name));
                binary.toFile().setExecutable(true, false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        awaitQuiet(ns);
        Proc p = net.start(
                ns,
                binary.toString(),
                "-p",
                dir + "/",
                "-c",
                conf.toString(),
                "-g",
                "daemon off; pid " + dir.resolve("nginx.pid") + ";");
        Matcher listen = Pattern.compile("(?m)^\\s*listen\\s+(?:\\[[^]]*]:|[^\\s;:]*:)?(\\d+)")
                .matcher(body);
        List<Integer> ports = new ArrayList<>();
        while (listen.find()) {
            ports.add(Integer.parseInt(listen.group(1)));
        }
        try {
            for (int port : ports) {
                net.awaitListening(p, port);
            }
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "\n" + read(dir.resolve("error.log")), e);
        }
        awaitWorkers(p, dir);
        return new Nginx(p, dir, conf);
    }

    /**
     * Until the last test's processes in {@code ns} are gone: the listening check reads the
     * namespace's sockets, and a dying nginx's socket would pass it.
     */
    private static void awaitQuiet(String ns) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline
                && !Exec.run(List.of("ip", "netns", "pids", ns), null, Duration.ofSeconds(5))
                        .out()
                        .isBlank()) {
            LabNet.sleep(20);
        }
    }

    /** Until the master wrote its pid file and forked a worker: only workers answer requests. */
    private static void awaitWorkers(Proc p, Path dir) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            boolean worker = ProcessHandle.of(p.pid())
                    .map(h -> h.children().findAny().isPresent())
                    .orElse(false);
            if (worker && Files.exists(dir.resolve("nginx.pid"))) {
                return;
            }
            LabNet.sleep(20);
        }
        throw new IllegalStateException(p + " has no worker after 10 s:\n" + read(dir.resolve("error.log")));
    }

    /** {@code nginx -t} on a config file, in {@code ns}: its stderr (the "[emerg]" line when it refuses). */
    static Exec.Result test(LabNet net, String ns, Path dir, Path conf) {
        require();
        return net.exec(
                ns,
                Exec.which(BINARY),
                "-t",
                "-p",
                dir + "/",
                "-c",
                conf.toString(),
                "-g",
                "pid " + dir.resolve("nginx.pid") + ";");
    }

    static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
