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
    private final Map<Path, FileStat> stats = new LinkedHashMap<>();
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

    /** The path is kept in {@code fs/} (empty when its content was never read) with its owner and mode. */
    synchronized void stat(Path p, FileStat st) {
        stats.put(p.normalize(), st);
        present(p, st.type() == FileStat.Type.DIRECTORY);
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
    public void writeTo(Path dir) throws IOException {
        tree().writeTo(dir);
    }

    /** The recorded host as a tree of files, links and directories. */
    public synchronized RecordedTree tree() throws IOException {
        RecordedTree t = new RecordedTree();
        Properties host = new Properties();
        host.setProperty("format", FORMAT);
        host.setProperty("hostname", oneLine(hostname));
        host.setProperty("user", oneLine(user));
        host.setProperty("privileged", Boolean.toString(privileged));
        StringWriter text = new StringWriter();
        host.store(text, null);
        // no date comment: the same host gives the same bytes
        t.file("host.properties", text.toString().replaceFirst("^#[^\n]*\n", ""));
        if (processes != null) {
            ObjectMapper json = JsonMapper.builder()
                    .addModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .build();
            t.file("processes.json", json.writeValueAsBytes(processes));
        }
        writeFs(t);
        writeCommands(t);
        writeNames(t);
        if (localAddresses != null) {
            lines(t, "addresses.txt", localAddresses.stream().map(HostRecording::literal));
        }
        lines(t, "connect.txt", connects.entrySet().stream().map(e -> e.getKey() + " " + oneLine(e.getValue())));
        lines(t, "denied.txt", denied.keySet().stream());
        lines(
                t,
                "stat.txt",
                stats.entrySet().stream()
                        .filter(e -> !e.getKey().toString().matches(".*\\s.*")) // stat.txt is split on blanks
                        .map(e -> e.getKey() + " " + e.getValue().uid() + " "
                                + e.getValue().gid() + " "
                                + Integer.toOctalString(e.getValue().mode())));
        return t;
    }

    private void writeFs(RecordedTree t) {
        t.mkdirs("fs");
        for (Path d : listings.keySet()) {
            t.mkdirs(at(canonical(d)));
        }
        present.forEach((p, directory) -> {
            if (directory) {
                t.mkdirs(at(canonical(p)));
            }
        });
        files.forEach((p, content) -> {
            String at = at(canonical(p));
            if (!t.isDirectory(at)) {
                t.file(at, content.getBytes(StandardCharsets.ISO_8859_1));
            }
        });
        List<String> linkTexts = new ArrayList<>();
        links.forEach((p, text) -> {
            Path link = canonical(p);
            String made = symlink(t, link, lexical(link.getParent().resolve(text)));
            if (!made.equals(text)) {
                linkTexts.add(p + "\t" + text);
            }
        });
        lines(t, "links.txt", linkTexts.stream());
        realPaths.forEach((p, real) -> {
            if (p.getParent() != null) {
                symlink(t, canonical(p.getParent()).resolve(p.getFileName()), real);
            }
        });
        Set<Path> placeholders = new LinkedHashSet<>();
        for (String d : denied.keySet()) {
            if (d.startsWith("/")) {
                placeholders.add(canonical(Path.of(d)));
            }
        }
        present.forEach((p, directory) -> {
            if (!directory) {
                placeholders.add(canonical(p));
            }
        });
        listings.forEach(
                (d, names) -> names.forEach(n -> placeholders.add(canonical(d).resolve(n))));
        for (Path p : placeholders) {
            String at = at(p);
            if (p.getParent() != null && !t.exists(at)) {
                t.file(at, new byte[0]); // listed or seen, never read: a name without content
            }
        }
    }

    /** A relative link at {@code link} to {@code target}, both host paths; returns its text. */
    private static String symlink(RecordedTree t, Path link, Path target) {
        String text = link.getParent().relativize(target).toString();
        String at = at(link);
        if (!t.exists(at)) {
            t.link(at, text.isEmpty() ? "." : text);
        }
        return text;
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

    /** An absolute host path's name under fs/; ".." never climbs above the host's root. */
    private static String at(Path host) {
        String s = lexical(host).toString();
        return s.equals("/") ? "fs" : "fs" + s;
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

    private void writeCommands(RecordedTree t) {
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
            String base = "commands/" + name;
            if (r.timedOut()) {
                t.file(base + ".timeout", "");
                continue;
            }
            t.file(base + ".out", r.stdout());
            if (!r.stderr().isEmpty()) {
                t.file(base + ".err", r.stderr());
            }
            if (r.exitCode() != 0) {
                t.file(base + ".rc", r.exitCode() + "\n");
            }
        }
    }

    /** hosts for resolve(), reverse.txt for reverse() (a "-" is a lookup that found no name). */
    private void writeNames(RecordedTree t) {
        List<String> hosts = new ArrayList<>();
        resolved.forEach((name, addresses) -> addresses.forEach(a -> hosts.add(literal(a) + " " + oneLine(name))));
        lines(t, "hosts", hosts.stream());
        lines(
                t,
                "reverse.txt",
                reversed.entrySet().stream()
                        .map(e -> literal(e.getKey()) + " "
                                + e.getValue().map(HostRecording::oneLine).orElse("-")));
    }

    private static void lines(RecordedTree t, String name, Stream<String> lines) {
        List<String> l = lines.toList();
        if (!l.isEmpty()) {
            t.file(name, String.join("\n", l) + "\n");
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
