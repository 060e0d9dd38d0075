package io.portdoc.core.host;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A host captured into a directory and replayed, so checks run in unit tests without root.
 * Layout (all optional):
 * <pre>
 * host.properties        format=portdoc/recorded-host/v1 (absent: v1), hostname=, user=, privileged=true|false
 * processes.json         [{"pid":1470,"ppid":1,"user":"root","startTime":"...","comm":"httpd2-prefork",
 *                          "executable":"/usr/sbin/httpd2-prefork","argv":["/usr/sbin/httpd2-prefork","-DFOREGROUND"]}]
 * denied.txt             absolute paths that raise AccessDeniedException (one per line)
 * stat.txt               "PATH UID GID MODE" (octal mode) for {@link #stat}; unlisted files are owned by
 *                        uid 0, gid 0 with the permission bits of their copy under fs/
 * fs/...                 files and symlinks at their absolute path: fs/proc/net/tcp, fs/proc/812/fd/3 -> socket:[99]
 * commands/NAME.out      stdout of argv joined with spaces, '/' replaced by '_' ("nft -j list ruleset.out")
 * commands/NAME.err|.rc  stderr and exit code (default 0); no .out means the program is missing
 * commands/NAME.timeout  the command timed out
 * hosts                  "address name..." lines for resolve() and reverse()
 * reverse.txt            "address name" or "address -" (no name): answers reverse() before hosts
 * links.txt              "path TAB text": what readLink() returns where fs/ holds a relative stand-in
 * addresses.txt          local interface addresses, one per line
 * connect.txt            outcomes of {@link #connect}: "ADDRESS PORT open" or
 *                        "ADDRESS PORT java.net.ConnectException: Connection refused" (the exception
 *                        the JDK threw, class and message); an unrecorded address:port times out
 * </pre>
 */
public final class RecordedSystem implements SystemView {
    private final Path root;
    private final Properties props = new Properties();
    private final Set<String> denied;
    private final Map<String, int[]> owners = new HashMap<>();
    private final Map<String, String> links = new HashMap<>();
    private final Map<InetAddress, Optional<String>> reverse = new HashMap<>();

    public RecordedSystem(Path root) {
        this.root = root;
        Path p = root.resolve("host.properties");
        if (Files.exists(p)) {
            try (var r = Files.newBufferedReader(p)) {
                props.load(r);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + p, e);
            }
        }
        String format = props.getProperty("format", HostRecording.FORMAT);
        if (!format.equals(HostRecording.FORMAT)) {
            throw new IllegalArgumentException("recorded host format " + format + " is not " + HostRecording.FORMAT);
        }
        denied = Set.copyOf(lines("denied.txt"));
        for (String line : lines("stat.txt")) {
            String[] f = line.split("\\s+");
            if (f.length == 4) {
                owners.put(f[0], new int[] {Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3], 8)});
            }
        }
        for (String l : lines("links.txt")) {
            int tab = l.indexOf('\t');
            if (tab > 0) {
                links.put(l.substring(0, tab), l.substring(tab + 1));
            }
        }
        for (String l : lines("reverse.txt")) {
            String[] f = l.split("\\s+", 2);
            reverse.put(literal(f[0]), f.length < 2 || f[1].equals("-") ? Optional.empty() : Optional.of(f[1]));
        }
    }

    private List<String> lines(String name) {
        Path p = root.resolve(name);
        if (!Files.exists(p)) {
            return List.of();
        }
        try {
            return Files.readAllLines(p).stream()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + p, e);
        }
    }

    /**
     * Reads every recorded file that is not under fs/ or commands/ once, so that a malformed
     * recording fails here with the file's name rather than in the middle of a diagnosis.
     */
    public void validate() {
        processes();
        localAddresses();
        hosts().forEach(h -> literal(h[0]));
        for (String l : lines("connect.txt")) {
            String[] f = l.split("\\s+", 3);
            if (f.length < 3 || !f[1].matches("[0-9]{1,5}")) {
                throw new IllegalArgumentException("connect.txt: not ADDRESS PORT OUTCOME: " + l);
            }
            literal(f[0]);
            if (!f[2].equals("open")) {
                recordedException(f[2]);
            }
        }
    }

    @Override
    public Path realPath(Path path) {
        try {
            Path base = root.resolve("fs").toRealPath();
            Path real = fs(path).toRealPath();
            return real.startsWith(base) ? Path.of("/").resolve(base.relativize(real)) : path.normalize();
        } catch (IOException e) {
            return path.normalize();
        }
    }

    private Path fs(Path absolute) throws IOException {
        String s = absolute.toString();
        if (denied.contains(s)) {
            throw new AccessDeniedException(s);
        }
        // ".." never climbs out of fs/: a recorded config may name any path
        String inside = HostRecording.lexical(Path.of("/").resolve(absolute)).toString();
        return inside.equals("/") ? root.resolve("fs") : root.resolve("fs").resolve(inside.substring(1));
    }

    @Override
    public List<ProcessInfo> processes() {
        Path p = root.resolve("processes.json");
        if (!Files.exists(p)) {
            return List.of();
        }
        ObjectMapper m = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        try {
            return Arrays.asList(m.readValue(p.toFile(), ProcessInfo[].class));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + p, e);
        }
    }

    @Override
    public String readFile(Path path) throws IOException {
        Path f = fs(path);
        if (!Files.isRegularFile(f) && !Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(path.toString());
        }
        try {
            return new String(FileLimits.read(f), StandardCharsets.ISO_8859_1);
        } catch (RefusedFileException e) {
            // the same refusal as on the live host, named by the host's path
            throw new RefusedFileException(path, e.reason(), e.getMessage().replace(f.toString(), path.toString()));
        }
    }

    @Override
    public List<String> list(Path dir) throws IOException {
        Path d = fs(dir);
        if (!Files.isDirectory(d)) {
            throw new NoSuchFileException(dir.toString());
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.map(x -> x.getFileName().toString()).sorted().toList();
        }
    }

    @Override
    public Optional<String> readLink(Path link) throws IOException {
        Path f = fs(link);
        String text = links.get(link.normalize().toString());
        if (text != null) {
            return Optional.of(text);
        }
        if (Files.isSymbolicLink(f)) {
            return Optional.of(Files.readSymbolicLink(f).toString());
        }
        if (!Files.exists(f)) {
            throw new NoSuchFileException(link.toString());
        }
        return Optional.empty();
    }

    @Override
    public Optional<FileStat> stat(Path path) throws IOException {
        Path f = fs(path); // inside fs/, and denied paths stay denied
        if (!Files.exists(f)) {
            throw new NoSuchFileException(path.toString());
        }
        FileStat.Type type = Files.isRegularFile(f)
                ? FileStat.Type.REGULAR
                : Files.isDirectory(f) ? FileStat.Type.DIRECTORY : FileStat.Type.OTHER;
        int[] o = owners.get(path.normalize().toString());
        if (o != null) {
            return Optional.of(new FileStat(o[0], o[1], o[2], type));
        }
        int mode = 0;
        for (PosixFilePermission p : Files.getPosixFilePermissions(f)) {
            mode |= 0400 >> p.ordinal();
        }
        return Optional.of(new FileStat(0, 0, mode, type));
    }

    @Override
    public boolean exists(Path path) {
        try {
            return Files.exists(fs(path), LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return true; // denied: it exists, we just may not read it
        }
    }

    @Override
    public boolean isDirectory(Path path) {
        try {
            return Files.isDirectory(fs(path));
        } catch (IOException e) {
            return false;
        }
    }

    /** File name under commands/ for an argv. */
    public static String commandFileName(List<String> argv) {
        return String.join(" ", argv).replace('/', '_');
    }

    /** A program with any recorded command is present, in /usr/sbin; otherwise as in the recorded fs. */
    @Override
    public Optional<Path> program(String name) {
        try (Stream<Path> s = Files.list(root.resolve("commands"))) {
            if (s.map(p -> p.getFileName().toString())
                    .anyMatch(f -> f.startsWith(name + " ") || f.startsWith(name + "."))) {
                return Optional.of(Path.of("/usr/sbin", name));
            }
        } catch (IOException e) {
            // no commands recorded
        }
        return SystemView.super.program(name);
    }

    @Override
    public CommandResult run(List<String> argv, Duration timeout) {
        Path base = root.resolve("commands");
        String name = commandFileName(argv);
        if (!Files.exists(base.resolve(name + ".out")) && argv.get(0).startsWith("/")) {
            // recordings name programs as typed: /usr/sbin/nft -j list ruleset is "nft -j list ruleset"
            List<String> bare = new ArrayList<>(argv);
            bare.set(0, Path.of(argv.get(0)).getFileName().toString());
            name = commandFileName(bare);
        }
        Path out = base.resolve(name + ".out");
        if (Files.exists(base.resolve(name + ".timeout"))) {
            return new CommandResult(argv, -1, "", "", false, true);
        }
        if (!Files.exists(out)) {
            return CommandResult.missing(argv);
        }
        try {
            Path err = base.resolve(name + ".err");
            Path rc = base.resolve(name + ".rc");
            return new CommandResult(
                    argv,
                    Files.exists(rc) ? Integer.parseInt(Files.readString(rc).strip()) : 0,
                    Files.readString(out),
                    Files.exists(err) ? Files.readString(err) : "",
                    false,
                    false);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot replay " + argv, e);
        }
    }

    private List<String[]> hosts() {
        List<String[]> out = new ArrayList<>();
        for (String l : lines("hosts")) {
            out.add(l.split("\\s+"));
        }
        return out;
    }

    @Override
    public List<InetAddress> resolve(String name) {
        List<InetAddress> out = new ArrayList<>();
        for (String[] h : hosts()) {
            for (int i = 1; i < h.length; i++) {
                if (h[i].equalsIgnoreCase(name)) {
                    out.add(literal(h[0]));
                }
            }
        }
        if (out.isEmpty() && (name.contains(":") || name.matches("[0-9.]+"))) {
            out.add(literal(name));
        }
        return out;
    }

    @Override
    public Optional<String> reverse(InetAddress address) {
        if (reverse.containsKey(address)) {
            return reverse.get(address);
        }
        for (String[] h : hosts()) {
            if (h.length > 1 && literal(h[0]).equals(address)) {
                return Optional.of(h[1]);
            }
        }
        return Optional.empty();
    }

    @Override
    public List<InetAddress> localAddresses() {
        return lines("addresses.txt").stream().map(RecordedSystem::literal).toList();
    }

    private static InetAddress literal(String s) {
        // literals only, an IPv6 one with its zone: anything else would be a DNS query
        if (!s.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[A-Za-z0-9_.-]+)?")) {
            throw new IllegalArgumentException("not an address literal: " + s);
        }
        try {
            return InetAddress.getByName(s); // literals only: never a DNS query
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address literal: " + s, e);
        }
    }

    /** Replays connect.txt; never opens a socket. */
    @Override
    public void connect(InetSocketAddress address, Duration timeout) throws IOException {
        InetAddress want = address.getAddress();
        for (String l : lines("connect.txt")) {
            String[] f = l.split("\\s+", 3);
            if (f.length < 3 || !literal(f[0]).equals(want) || Integer.parseInt(f[1]) != address.getPort()) {
                continue;
            }
            if (f[2].equals("open")) {
                return;
            }
            throw recordedException(f[2]);
        }
        throw new SocketTimeoutException("Connect timed out (not recorded in connect.txt)");
    }

    /** "java.net.NoRouteToHostException: No route to host" back into that exception. */
    private static IOException recordedException(String recorded) {
        int colon = recorded.indexOf(':');
        String type = colon < 0 ? recorded : recorded.substring(0, colon).strip();
        String message = colon < 0 ? null : recorded.substring(colon + 1).strip();
        try {
            // a bundle from elsewhere names the class: load it without running its initialiser, and only
            // the JDK's own I/O exceptions
            Class<?> c = Class.forName(type, false, RecordedSystem.class.getClassLoader());
            if (!type.startsWith("java.") || !IOException.class.isAssignableFrom(c)) {
                throw new IllegalArgumentException("connect.txt: not an IOException type: " + type);
            }
            return (IOException) c.getConstructor(String.class).newInstance(message);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException("connect.txt: not an IOException type: " + type, e);
        }
    }

    @Override
    public String hostname() {
        return props.getProperty("hostname", "recorded");
    }

    @Override
    public String user() {
        return props.getProperty("user", "root");
    }

    @Override
    public boolean privileged() {
        return Boolean.parseBoolean(props.getProperty("privileged", "true"));
    }
}
