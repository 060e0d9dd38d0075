package io.portdoc.core.host;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a {@link RecordingSystem} saw, laid out by {@link #writeTo} in the {@link RecordedSystem}
 * directory format ({@value #FORMAT}). A path reached through a symbolic link is written once,
 * at the place the link leads to, with a relative link in its place, so that the directory never
 * points outside itself; the link texts the diagnosis read go to {@code links.txt}.
 */
public final class HostRecording {
    /** The recorded-host format, in host.properties as {@code format=}. */
    public static final String FORMAT = "portdoc/recorded-host/v1";
    /** Longest command file name most file systems take, with room for ".out". */
    private static final int MAX_NAME = 250;

    private String hostname;
    private String user;
    private boolean privileged;
    private List<ProcessInfo> processes;
    private final Map<Path, String> files = new LinkedHashMap<>();
    private final Map<Path, List<String>> listings = new LinkedHashMap<>();
    private final Map<Path, String> links = new LinkedHashMap<>();
    private final Map<Path, Path> realPaths = new LinkedHashMap<>();
    private final Map<Path, Boolean> present = new LinkedHashMap<>();
    private final Map<String, String> denied = new TreeMap<>();
    private final Map<List<String>, CommandResult> commands = new LinkedHashMap<>();
    private final Map<String, List<InetAddress>> resolved = new LinkedHashMap<>();
    private final Map<InetAddress, Optional<String>> reversed = new LinkedHashMap<>();
    private List<InetAddress> localAddresses;
    private final Map<String, String> connects = new LinkedHashMap<>();

    synchronized void host(String hostname, String user, boolean privileged) {
        this.hostname = hostname;
        this.user = user;
        this.privileged = privileged;
    }

    synchronized void processes(List<ProcessInfo> p) {
        processes = List.copyOf(p);
    }

    synchronized void file(Path p, String content) {
        files.put(p.normalize(), content);
    }

    synchronized void listing(Path dir, List<String> names) {
        listings.put(dir.normalize(), List.copyOf(names));
    }

    synchronized void link(Path p, String target) {
        links.put(p.normalize(), target);
    }

    synchronized void realPath(Path p, Path real) {
        if (!real.normalize().equals(p.normalize())) {
            realPaths.put(p.normalize(), real.normalize());
        }
    }

    synchronized void present(Path p, boolean directory) {
        present.merge(p.normalize(), directory, Boolean::logicalOr);
    }

    /** Absent paths need nothing: a recorded host has only what is written. */
    synchronized void absent(Path p) {}

    synchronized void denied(Path p, String why) {
        denied.put(p.normalize().toString(), why);
    }

    synchronized void command(CommandResult r) {
        commands.put(List.copyOf(r.argv()), r);
    }

    synchronized void resolved(String name, List<InetAddress> addresses) {
        resolved.put(name, List.copyOf(addresses));
    }

    synchronized void reversed(InetAddress a, Optional<String> name) {
        reversed.put(a, name);
    }

    synchronized void localAddresses(List<InetAddress> a) {
        localAddresses = List.copyOf(a);
    }

    synchronized void connected(InetSocketAddress a, String outcome) {
        connects.put(literal(a.getAddress()) + " " + a.getPort(), outcome);
    }

    /** Paths not captured (unreadable, or secret) and why, sorted by path. */
    public synchronized Map<String, String> unreadable() {
        return Map.copyOf(denied);
    }

    /** Writes the recorded host under {@code dir} (which must be empty or absent). */
    public synchronized void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Properties host = new Properties();
        host.setProperty("format", FORMAT);
        host.setProperty("hostname", oneLine(hostname));
        host.setProperty("user", oneLine(user));
        host.setProperty("privileged", Boolean.toString(privileged));
        StringWriter text = new StringWriter();
        host.store(text, null);
        // no date comment: the same host gives the same bytes
        Files.writeString(dir.resolve("host.properties"), text.toString().replaceFirst("^#[^\n]*\n", ""));
        if (processes != null) {
            ObjectMapper json = JsonMapper.builder()
                    .addModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .build();
            json.writeValue(dir.resolve("processes.json").toFile(), processes);
        }
        writeFs(dir.resolve("fs"));
        writeCommands(dir.resolve("commands"));
        writeNames(dir);
        if (localAddresses != null) {
            Files.write(
                    dir.resolve("addresses.txt"),
                    localAddresses.stream().map(HostRecording::literal).toList());
        }
        lines(
                dir.resolve("connect.txt"),
                connects.entrySet().stream().map(e -> e.getKey() + " " + oneLine(e.getValue())));
        lines(dir.resolve("denied.txt"), denied.keySet().stream());
    }

    private void writeFs(Path fs) throws IOException {
        Files.createDirectories(fs);
        for (Map.Entry<Path, List<String>> l : listings.entrySet()) {
            mkdirs(fs, canonical(l.getKey()));
        }
        for (Map.Entry<Path, Boolean> p : present.entrySet()) {
            if (p.getValue()) {
                mkdirs(fs, canonical(p.getKey()));
            }
        }
        for (Map.Entry<Path, String> f : files.entrySet()) {
            Path at = at(fs, canonical(f.getKey()));
            if (!Files.isDirectory(at, LinkOption.NOFOLLOW_LINKS)) {
                mkdirs(fs, canonical(f.getKey()).getParent());
                Files.writeString(at, f.getValue(), StandardCharsets.ISO_8859_1);
            }
        }
        List<String> linkTexts = new ArrayList<>();
        for (Map.Entry<Path, String> l : links.entrySet()) {
            Path link = canonical(l.getKey());
            Path target = lexical(link.getParent().resolve(l.getValue()));
            String text = symlink(fs, link, target);
            if (!text.equals(l.getValue())) {
                linkTexts.add(l.getKey() + "\t" + l.getValue());
            }
        }
        lines(fs.getParent().resolve("links.txt"), linkTexts.stream());
        for (Map.Entry<Path, Path> r : realPaths.entrySet()) {
            Path parent = r.getKey().getParent();
            if (parent != null) {
                symlink(fs, canonical(parent).resolve(r.getKey().getFileName()), r.getValue());
            }
        }
        Set<Path> placeholders = new LinkedHashSet<>();
        for (String d : denied.keySet()) {
            placeholders.add(canonical(Path.of(d)));
        }
        present.forEach((p, directory) -> {
            if (!directory) {
                placeholders.add(canonical(p));
            }
        });
        listings.forEach(
                (d, names) -> names.forEach(n -> placeholders.add(canonical(d).resolve(n))));
        for (Path p : placeholders) {
            Path at = at(fs, p);
            if (p.getParent() != null && !Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
                mkdirs(fs, p.getParent());
                if (Files.isDirectory(at(fs, p.getParent()), LinkOption.NOFOLLOW_LINKS)) {
                    Files.createFile(at); // listed or seen, never read: a name without content
                }
            }
        }
    }

    /** Creates a relative link at {@code link} to {@code target}, both host paths; returns its text. */
    private static String symlink(Path fs, Path link, Path target) throws IOException {
        Path at = at(fs, link);
        Path text = link.getParent().relativize(target);
        if (!Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
            mkdirs(fs, link.getParent());
            if (Files.isDirectory(at(fs, link.getParent()), LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(at, text.toString().isEmpty() ? Path.of(".") : text);
            }
        }
        return text.toString();
    }

    /** The host path where {@code p}'s content lives: through the links the diagnosis resolved. */
    private Path canonical(Path p) {
        Path real = realPaths.get(p);
        if (real != null) {
            return real;
        }
        for (Path a = p.getParent(); a != null; a = a.getParent()) {
            Path r = realPaths.get(a);
            if (r != null) {
                return r.resolve(a.relativize(p));
            }
        }
        return p;
    }

    private static void mkdirs(Path fs, Path hostDir) throws IOException {
        if (hostDir == null) {
            return;
        }
        Path at = at(fs, hostDir);
        if (!Files.isDirectory(at)) {
            Files.deleteIfExists(at); // a placeholder never wins over a directory
            Files.createDirectories(at);
        }
    }

    /** An absolute host path under fs/; ".." never climbs above the host's root. */
    private static Path at(Path fs, Path host) {
        String s = lexical(host).toString();
        return s.equals("/") ? fs : fs.resolve(s.substring(1));
    }

    /** Normalises an absolute path lexically, with "/.." staying "/". */
    static Path lexical(Path p) {
        List<String> parts = new ArrayList<>();
        for (Path part : p) {
            String s = part.toString();
            if (s.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else if (!s.equals(".") && !s.isEmpty()) {
                parts.add(s);
            }
        }
        return Path.of("/" + String.join("/", parts));
    }

    private void writeCommands(Path dir) throws IOException {
        for (CommandResult r : commands.values()) {
            if (r.notFound()) {
                continue; // no .out: the program is missing
            }
            // named as typed (nft, not /usr/sbin/nft), as RecordedSystem finds programs and replays them
            List<String> argv = new ArrayList<>(r.argv());
            if (!argv.isEmpty() && argv.get(0).startsWith("/")) {
                argv.set(0, Path.of(argv.get(0)).getFileName().toString());
            }
            String name = RecordedSystem.commandFileName(argv);
            if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME) {
                denied.put(r.commandLine(), "command line too long to record");
                continue;
            }
            Files.createDirectories(dir);
            if (r.timedOut()) {
                Files.writeString(dir.resolve(name + ".timeout"), "");
                continue;
            }
            Files.writeString(dir.resolve(name + ".out"), r.stdout());
            if (!r.stderr().isEmpty()) {
                Files.writeString(dir.resolve(name + ".err"), r.stderr());
            }
            if (r.exitCode() != 0) {
                Files.writeString(dir.resolve(name + ".rc"), r.exitCode() + "\n");
            }
        }
    }

    /** hosts for resolve(), reverse.txt for reverse() (a "-" is a lookup that found no name). */
    private void writeNames(Path dir) throws IOException {
        List<String> hosts = new ArrayList<>();
        resolved.forEach((name, addresses) -> addresses.forEach(a -> hosts.add(literal(a) + " " + name)));
        lines(dir.resolve("hosts"), hosts.stream().filter(l -> !l.contains("\n")));
        lines(
                dir.resolve("reverse.txt"),
                reversed.entrySet().stream()
                        .map(e -> literal(e.getKey()) + " "
                                + e.getValue().map(HostRecording::oneLine).orElse("-")));
    }

    private static void lines(Path file, Stream<String> lines) throws IOException {
        List<String> l = lines.toList();
        if (!l.isEmpty()) {
            Files.write(file, l);
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("[\\r\\n]", " ");
    }

    static String literal(InetAddress a) {
        String s = a.getHostAddress();
        return s.contains("%") ? s.substring(0, s.indexOf('%')) : s; // the zone is this machine's
    }
}
