package io.portdoc.core.remote;

import io.portdoc.core.host.CommandResult;
import io.portdoc.core.host.FileLimits;
import io.portdoc.core.host.FileStat;
import io.portdoc.core.host.ProcessInfo;
import io.portdoc.core.host.RefusedFileException;
import io.portdoc.core.host.SystemView;
import io.portdoc.core.net.Addresses;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A server read over SSH ({@code diagnose --ssh}): every read and command runs on the server
 * through one {@link SshSession}, optionally under {@code sudo -n}. Reads are batched so that a
 * diagnosis costs a few round trips: one hello (who, where, addresses, program names), one
 * snapshot of every process with its sockets, one read per configuration tree
 * ({@code /etc/apache2} whole), and the commands the checks run. The TCP probe
 * ({@link #connect}) is not sent to the server: it runs on {@code client}, where portdoc runs.
 */
public final class SshSystem implements SystemView, AutoCloseable {
    /** {@code -Dportdoc.ssh.trace=true}: each round trip on stderr, for measuring the batching. */
    private static final boolean TRACE = Boolean.getBoolean("portdoc.ssh.trace");

    static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Read-only commands the firewall and listening steps run in nearly every diagnosis, run in the
     * first round trip: a command then asked for is answered from there, once (fixed words, no user
     * text).
     */
    static final List<String> PRELOAD = List.of(
            "iptables-save",
            "iptables-legacy-save",
            "iptables-nft-save",
            "ip6tables-save",
            "ip6tables-legacy-save",
            "ip6tables-nft-save",
            "nft -j list tables",
            "ipset list",
            // the listening and firewall steps: the v6only flags, this host's addresses, and the route
            // to the client the server sees (@client: SSH_CONNECTION's address, filled in on the server)
            "ss -tlne -6",
            "ip -j addr show",
            "ip -j route get @client");

    /** Files below this size are read with their tree; larger ones (up to FileLimits) on demand. */
    static final long TREE_FILE_BYTES = 1L << 20;

    private final SshSession session;
    private final SystemView client;
    private final boolean sudo;
    private final String nonce;
    private final RemoteFiles files = new RemoteFiles();
    private final Map<String, Set<String>> programDirs = new HashMap<>();
    private final List<InetAddress> addresses = new ArrayList<>();
    private final Map<List<String>, CommandResult> preloaded = new ConcurrentHashMap<>();
    private String connection = "";
    private String hostname = "";
    private String user = "";
    private boolean privileged;
    private List<ProcessInfo> processes;
    private int roundTrips;

    private SshSystem(SshSession session, SystemView client, boolean sudo) {
        this.session = session;
        this.client = client;
        this.sudo = sudo;
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        this.nonce = HexFormat.of().formatHex(b);
    }

    /**
     * Connects and says hello. Throws {@link SshException} when SSH fails (one line for the user)
     * or when {@code sudo} needs a password; the connection is closed then.
     */
    public static SshSystem open(
            SshSession session, SystemView client, boolean sudo, Duration timeout, List<String> prefetch) {
        SshSystem s = new SshSystem(session, client, sudo);
        try {
            session.open(timeout);
            s.hello(prefetch);
            return s;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /**
     * The first round trip: who and where, the program names, the process snapshot, and the
     * trees of {@code prefetch} (the configuration paths of the service's profile).
     */
    private void hello(List<String> prefetch) {
        List<String> args = new ArrayList<>(List.of(
                nonce,
                sudo ? "sudo" : "-",
                Scripts.SNAPSHOT,
                Scripts.DESCRIBE,
                Scripts.PRELOAD,
                String.join("\n", PRELOAD)));
        args.addAll(PROGRAM_DIRS);
        args.add("--");
        Set<String> roots = new LinkedHashSet<>(List.of("/etc/services", "/etc/hosts.allow", "/etc/hosts.deny"));
        prefetch.stream().map(p -> treeRoot(p) == null ? p : treeRoot(p)).forEach(roots::add);
        args.addAll(roots);
        SshSession.Result r = exec(Scripts.HELLO, args, false);
        if (r.exit() == 255 || r.timedOut()) {
            throw new SshException(session.failure(r), false);
        }
        byte[] out = r.out();
        String all = new String(out, StandardCharsets.ISO_8859_1);
        int snap = all.indexOf("@" + nonce + " snapshot\n");
        String head = snap < 0 ? all : all.substring(0, snap);
        Map<String, List<String>> sections = new HashMap<>();
        List<String> current = null;
        for (String line : Frames.name(head).split("\n", -1)) {
            if (line.startsWith("@" + nonce + " ")) {
                current = sections.computeIfAbsent(line.substring(nonce.length() + 2), k -> new ArrayList<>());
            } else if (current != null) {
                current.add(line);
            }
        }
        connection = first(sections.get("conn"));
        List<String> id = sections.getOrDefault("id", List.of());
        privileged = id.size() > 0 && id.get(0).strip().equals("0");
        user = id.size() > 1 ? id.get(1).strip() : "";
        hostname = first(sections.get("hostname"));
        if (sudo) {
            List<String> s = sections.getOrDefault("sudo", List.of("fail"));
            if (!first(s).equals("ok")) {
                String why = String.join(" ", s.subList(Math.min(1, s.size()), s.size()))
                        .strip();
                throw new SshException(
                        "sudo on " + session.address() + " needs a password"
                                + (why.isEmpty() ? "" : " (" + SshSession.lastLine(why) + ")"),
                        true);
            }
            privileged = s.size() > 1 && s.get(1).strip().equals("0");
            user = s.size() > 2 ? s.get(2).strip() : user;
        }
        for (String line : sections.getOrDefault("addr", List.of())) {
            String[] f = line.strip().split("\\s+");
            for (int i = 0; i + 1 < f.length; i++) {
                if (f[i].equals("inet") || f[i].equals("inet6")) {
                    String a = f[i + 1].replaceAll("/\\d+$", "");
                    if (Addresses.looksLiteral(a)) {
                        addresses.add(Addresses.literal(a));
                    }
                }
            }
        }
        for (Map.Entry<String, List<String>> e : sections.entrySet()) {
            if (e.getKey().startsWith("bin ")) {
                Set<String> names = new LinkedHashSet<>();
                e.getValue().stream()
                        .filter(n -> !n.isEmpty() && !n.endsWith("/"))
                        .forEach(names::add);
                programDirs.put(e.getKey().substring(4), names);
            }
        }
        if (snap >= 0 && (!sudo || privileged)) {
            byte[] rest = all.substring(snap).getBytes(StandardCharsets.ISO_8859_1);
            processes = List.copyOf(ProcSnapshot.parse(rest, nonce, files));
            parseDescribe(rest, List.copyOf(roots), true);
            parsePreloaded(rest);
        }
    }

    /** The chunks of {@link Scripts#PRELOAD}: "cmd", stdout; "rc"; "err", stderr; per command. */
    private void parsePreloaded(byte[] out) {
        List<String> argv = null;
        String stdout = "";
        int rc = -1;
        for (String chunk : Frames.split(out, nonce)) {
            String[] f = Frames.fields(chunk, 3);
            switch (f[0]) {
                case "cmd" -> {
                    argv = List.of(f[1].split(" "));
                    stdout = f.length > 2 ? Frames.name(f[2]) : "";
                }
                case "rc" -> rc = f.length > 1 ? (int) parseLong(f[1]) : -1;
                case "err" -> {
                    if (argv != null) {
                        String err = f.length > 1 ? Frames.name(f[1]) : "";
                        preloaded.put(argv, new CommandResult(argv, rc, stdout, err, false, rc == 124));
                    }
                    argv = null;
                }
                default -> {
                    // other sections of the hello
                }
            }
        }
    }

    private static String first(List<String> lines) {
        return lines == null || lines.isEmpty() ? "" : lines.get(0).strip();
    }

    /** Runs a fixed script with quoted arguments, under {@code sudo -n} when asked and {@code privileged}. */
    private SshSession.Result exec(String script, List<String> args, boolean asSudo) {
        List<String> words = new ArrayList<>();
        if (asSudo) {
            words.add("sudo -n");
        }
        words.add("sh -c " + ShellQuote.quote(script) + " sh " + ShellQuote.join(args));
        synchronized (this) {
            roundTrips++;
        }
        long start = System.nanoTime();
        SshSession.Result r = session.exec(String.join(" ", words), READ_TIMEOUT.plusSeconds(5));
        if (TRACE) {
            System.err.printf(
                    "ssh %s: %d ms, %d bytes: %s%n",
                    session.address(),
                    (System.nanoTime() - start) / 1_000_000,
                    r.out().length,
                    String.join(" ", args.subList(Math.min(1, args.size()), args.size())));
        }
        return r;
    }

    private SshSession.Result read(String script, List<String> args) {
        SshSession.Result r = exec(script, args, sudo);
        if (r.exit() == 255 && !r.err().isEmpty() && r.out().length == 0) {
            throw new SshException(session.failure(r), false);
        }
        return r;
    }

    /** Round trips so far (hello included): what the batching is for. */
    public synchronized int roundTrips() {
        return roundTrips;
    }

    /** {@code SSH_CONNECTION} on the server: "CLIENT_IP CLIENT_PORT SERVER_IP SERVER_PORT". */
    public String sshConnection() {
        return connection;
    }

    @Override
    public synchronized List<ProcessInfo> processes() {
        if (processes == null) {
            SshSession.Result r = read(Scripts.SNAPSHOT, List.of(nonce));
            processes = List.copyOf(ProcSnapshot.parse(r.out(), nonce, files));
        }
        return processes;
    }

    /** The node of a path, fetching its tree (or itself) when not known yet. */
    private RemoteFiles.Node node(Path path) {
        String p = path.toAbsolutePath().normalize().toString();
        if (p.startsWith("/proc/")) {
            processes(); // the snapshot holds what the checks read under /proc
        }
        RemoteFiles.Node n = files.get(p);
        if (n == null) {
            String root = treeRoot(p);
            describe(root != null ? root : p, root != null, TREE_FILE_BYTES);
            n = files.get(p);
            if (n == null) {
                n = files.missing(p);
            }
        }
        return n;
    }

    /**
     * The tree read at once for a path: a daemon's directory under /etc ({@code /etc/apache2}
     * for {@code /etc/apache2/sites-enabled/x.conf}); null elsewhere (the path alone is read).
     */
    static String treeRoot(String path) {
        if (!path.startsWith("/etc/")) {
            return null;
        }
        int slash = path.indexOf('/', 5);
        return slash < 0 ? path : path.substring(0, slash);
    }

    private void describe(String root, boolean tree, long maxBytes) {
        SshSession.Result r =
                read(Scripts.DESCRIBE, List.of(nonce, tree ? "tree" : "one", Long.toString(maxBytes), root));
        parseDescribe(r.out(), List.of(root), tree);
    }

    private void parseDescribe(byte[] out, List<String> roots, boolean tree) {
        synchronized (files) {
            String root = null;
            for (String chunk : Frames.split(out, nonce)) {
                String[] f = Frames.fields(chunk, 5);
                switch (f[0]) {
                    case "e" -> {
                        if (f.length >= 4) {
                            String path = Frames.name(f[3]);
                            files.entry(path, f[1], parseLong(f[2]), tree || path.equals(root));
                        }
                    }
                    case "data" -> {
                        String[] d = Frames.fields(chunk, 3);
                        files.node(Frames.name(d[1])).content = d.length > 2 ? d[2] : "";
                    }
                    case "denied" -> files.node(Frames.name(f[1])).denied = true;
                    case "root" -> root = f.length > 1 ? Frames.name(f[1]) : null;
                    default -> {
                        // a section of the process snapshot
                    }
                }
            }
            for (String r : roots) {
                if (tree) {
                    files.complete(r);
                }
                if (files.get(r) == null) {
                    files.missing(r);
                }
            }
        }
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public String readFile(Path path) throws IOException {
        RemoteFiles.Node n = node(path);
        String p = path.toString();
        if (n.missing) {
            throw new NoSuchFileException(p);
        }
        if (n.denied) {
            throw new AccessDeniedException(p);
        }
        if (n.content == null && n.regular()) {
            if (n.size > FileLimits.MAX_FILE_BYTES) {
                throw tooLarge(path, FileLimits.size(n.size));
            }
            describe(path.toAbsolutePath().normalize().toString(), false, FileLimits.MAX_FILE_BYTES + 1);
            if (n.denied) {
                throw new AccessDeniedException(p);
            }
        }
        if (n.content == null) {
            if (n.regular()) {
                throw new NoSuchFileException(p); // gone between listing and reading
            }
            throw new RefusedFileException(
                    path, RefusedFileException.Reason.NOT_REGULAR, p + " is a " + n.type + ", not a regular file");
        }
        if (n.content.length() > FileLimits.MAX_FILE_BYTES) {
            throw tooLarge(path, "over " + FileLimits.size(FileLimits.MAX_FILE_BYTES));
        }
        return n.content;
    }

    private static RefusedFileException tooLarge(Path path, String size) {
        return new RefusedFileException(
                path,
                RefusedFileException.Reason.TOO_LARGE,
                path + " is too large (" + size + "; portdoc reads at most "
                        + FileLimits.size(FileLimits.MAX_FILE_BYTES) + ")");
    }

    @Override
    public List<String> list(Path dir) throws IOException {
        RemoteFiles.Node n = node(dir);
        if (n.missing) {
            throw new NoSuchFileException(dir.toString());
        }
        if (n.denied) {
            throw new AccessDeniedException(dir.toString());
        }
        if (!n.directory()) {
            throw new NotDirectoryException(dir.toString());
        }
        if (!n.listed) {
            describe(dir.toAbsolutePath().normalize().toString(), false, TREE_FILE_BYTES);
        }
        synchronized (files) {
            return List.copyOf(n.children);
        }
    }

    /** coreutils' stat, links followed: "UID GID MODE TYPE" ({@code 0 0 644 regular file}). */
    private static final String STAT = "exec stat -L -c '%u %g %a %F' -- \"$1\"";

    private final Map<Path, Optional<FileStat>> stats = new ConcurrentHashMap<>();

    /** Owner, group and mode on the server, one round trip per path (only .htaccess judging asks). */
    @Override
    public Optional<FileStat> stat(Path path) throws IOException {
        Optional<FileStat> known = stats.get(path);
        if (known != null) {
            return known;
        }
        SshSession.Result r = read(STAT, List.of(path.toString()));
        if (r.exit() != 0) {
            if (r.err().contains("No such file")) {
                throw new NoSuchFileException(path.toString());
            }
            if (r.err().contains("Permission denied")) {
                throw new AccessDeniedException(path.toString());
            }
            return Optional.empty();
        }
        String[] f = r.text().strip().split(" ", 4);
        Optional<FileStat> st = Optional.empty();
        if (f.length == 4 && f[0].matches("[0-9]{1,9}") && f[1].matches("[0-9]{1,9}") && f[2].matches("[0-7]{1,4}")) {
            FileStat.Type type = f[3].startsWith("regular")
                    ? FileStat.Type.REGULAR
                    : f[3].equals("directory") ? FileStat.Type.DIRECTORY : FileStat.Type.OTHER;
            st = Optional.of(
                    new FileStat(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2], 8), type));
        }
        stats.put(path, st);
        return st;
    }

    @Override
    public Optional<String> readLink(Path link) throws IOException {
        String p = link.toAbsolutePath().normalize().toString();
        if (p.startsWith("/proc/")) {
            processes();
        }
        RemoteFiles.Node n = files.get(p);
        if (n != null && "symbolic link".equals(n.type)) {
            return Optional.of(Frames.name(n.content));
        }
        if (n != null && n.denied) {
            throw new AccessDeniedException(p);
        }
        // links are followed by the tree reads: ask for this one
        String out = new String(read(Scripts.READLINK, List.of(p)).out(), StandardCharsets.UTF_8);
        if (out.startsWith("L")) {
            return Optional.of(out.substring(1).stripTrailing());
        }
        if (out.startsWith("M")) {
            throw new NoSuchFileException(p);
        }
        return Optional.empty();
    }

    @Override
    public boolean exists(Path path) {
        return !node(path).missing;
    }

    @Override
    public boolean isDirectory(Path path) {
        RemoteFiles.Node n = node(path);
        return !n.missing && n.directory();
    }

    @Override
    public boolean isRegularFile(Path path) {
        RemoteFiles.Node n = node(path);
        return !n.missing && n.regular();
    }

    @Override
    public Optional<Path> program(String name) {
        if (programDirs.isEmpty()) {
            return SystemView.super.program(name);
        }
        for (String dir : PROGRAM_DIRS) {
            if (programDirs.getOrDefault(dir, Set.of()).contains(name)) {
                return Optional.of(Path.of(dir, name));
            }
        }
        return Optional.empty();
    }

    @Override
    public CommandResult run(List<String> argv, Duration timeout) {
        CommandResult ready = preloaded.remove(argv);
        if (ready != null) {
            return ready;
        }
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        List<String> args = new ArrayList<>(List.of(Long.toString(seconds)));
        args.addAll(argv);
        SshSession.Result r = exec(Scripts.RUN, args, sudo);
        String out = r.text();
        if (r.timedOut() || r.exit() == 124) {
            return new CommandResult(argv, -1, out, r.err(), false, true);
        }
        if (r.exit() == 255 && out.isEmpty() && r.err().startsWith("ssh")) {
            return new CommandResult(argv, -1, "", session.failure(r), false, true);
        }
        if (r.exit() == 127 || r.exit() == 126 && !exists(Path.of(argv.get(0)))) {
            return CommandResult.missing(argv);
        }
        return new CommandResult(argv, r.exit(), out, r.err(), false, false, r.out().length >= SshSession.MAX_OUTPUT);
    }

    @Override
    public List<InetAddress> resolve(String name) {
        if (Addresses.looksLiteral(name)) {
            return List.of(Addresses.literal(name));
        }
        List<InetAddress> out = new ArrayList<>();
        for (String line : read(Scripts.GETENT, List.of("ahosts", name)).text().split("\n")) {
            String a = line.strip().split("\\s+")[0];
            if (Addresses.looksLiteral(a)) {
                InetAddress addr = Addresses.literal(a);
                if (!out.contains(addr)) {
                    out.add(addr);
                }
            }
        }
        return out;
    }

    @Override
    public Optional<String> reverse(InetAddress address) {
        String[] f = read(Scripts.GETENT, List.of("hosts", address.getHostAddress()))
                .text()
                .strip()
                .split("\\s+");
        return f.length > 1 ? Optional.of(f[1]) : Optional.empty();
    }

    @Override
    public List<InetAddress> localAddresses() {
        return List.copyOf(addresses);
    }

    @Override
    public String hostname() {
        return hostname.isEmpty() ? session.address().host() : hostname;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public boolean privileged() {
        return privileged;
    }

    /** The probe runs where portdoc runs: the client's own connect, not the server's. */
    @Override
    public void connect(InetSocketAddress address, Duration timeout) throws IOException {
        client.connect(address, timeout);
    }

    @Override
    public void close() {
        session.close();
    }
}
