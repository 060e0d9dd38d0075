package io.portdoc.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The seed's little network, for real, in network namespaces: a server ("boven") and two
 * clients on different subnets. Nothing here can reach any other host: the namespaces have no
 * link to the machine's own network.
 * <pre>
 *   inside()  10.0.0.156/24  fd42:0:0:1::156/64  eth0 ──── eth1  server()  10.0.0.154/24  fd42:0:0:1::154/64
 *   outside() 172.16.5.20/24 fd42:0:0:2::20/64   eth0 ──── eth2  server()  172.16.5.1/24  fd42:0:0:2::1/64
 * </pre>
 * {@code outside()} has a default route through the server, so it reaches 10.0.0.154 too (as a
 * client from another subnet, like one from outside the LAN). {@code inside()} knows only its
 * own subnet: {@link #ABSENT_IP} is on it but unused (ARP gets no answer), {@link #UNROUTED_IP}
 * has no route. In both clients the name {@code boven} resolves to 10.0.0.154 and
 * fd42:0:0:1::154 (an {@code /etc/netns/NS/hosts} file that {@code ip netns exec} mounts).
 *
 * <h2>Use (JUnit 5)</h2>
 * <pre>
 * &#64;ExtendWith(Lab.class)
 * class FirewallLabTest {
 *     &#64;Test
 *     void onlyTheLanGetsIn(LabNet net) {
 *         Proc webd = net.startDaemon(net.server(), "webd", "::", 8080);
 *         net.nft(net.server(), """
 *             table inet f {
 *               chain in { type filter hook input priority 0; policy accept;
 *                 tcp dport 8080 ip saddr != 10.0.0.0/24 drop } }""");
 *         assertEquals("open", net.probeFrom(net.inside(), LabNet.SERVER_IP, 8080).state());
 *         assertEquals("timeout", net.probeFrom(net.outside(), LabNet.SERVER_IP, 8080).state());
 *         PortdocRun r = net.portdoc(net.server(), "diagnose", "--service", webd.processName(), "--port", "8080",
 *                 "--client", LabNet.OUTSIDE_CLIENT_IP, "--format", "json");
 *         assertEquals("FAIL", r.verdict("firewall"));
 *     }
 * }
 * </pre>
 * The namespaces are made once per test class; after each test {@link #reset()} stops what the
 * test started and empties every firewall (nft, iptables legacy, ipset), so tests do not see
 * each other. Tests must not change addresses or routes. Everything is torn down after the
 * class, by a shutdown hook on Ctrl-C, and, after a crash, by the next run
 * ({@link #cleanStale()}: names carry the creating JVM's pid and are removed only when that
 * process is gone).
 *
 * <h2>API</h2>
 * {@link #exec} / {@link #execInput} run a command in a namespace; {@link #start} runs one in
 * the background; {@link #startListener} ({@code nc -lk}, for client probes) and
 * {@link #startDaemon} (a listener under a unique process name with a normal backlog, for
 * {@code diagnose}: its daemon step finds it by name) listen on a port; {@link #startApache}
 * runs a real Apache from generated config text; {@link #nft}, {@link #iptables} and
 * {@link #ip6tables} load firewall rules; {@link #probeFrom} is what a real client gets
 * ({@code nc -vz}); {@link #httpStatus} is what curl gets; {@link #portdoc} runs the real
 * {@code portdoc} entry point in a namespace and parses its JSON.
 */
public final class LabNet implements AutoCloseable {
    public static final String SERVER_IP = "10.0.0.154";
    public static final String SERVER_IP6 = "fd42:0:0:1::154";
    public static final String CLIENT_IP = "10.0.0.156";
    public static final String CLIENT_IP6 = "fd42:0:0:1::156";
    public static final String OUTSIDE_SERVER_IP = "172.16.5.1";
    public static final String OUTSIDE_SERVER_IP6 = "fd42:0:0:2::1";
    public static final String OUTSIDE_CLIENT_IP = "172.16.5.20";
    public static final String OUTSIDE_CLIENT_IP6 = "fd42:0:0:2::20";
    /** On the inside client's subnet, but nobody has it: ARP gets no answer. */
    public static final String ABSENT_IP = "10.0.0.200";
    /** Another unused address on that subnet (two absent hosts can be probed at once). */
    public static final String ABSENT_IP2 = "10.0.0.201";
    /** TEST-NET-2: no route from the inside client. */
    public static final String UNROUTED_IP = "198.51.100.7";
    /** The seed's server, resolvable in both client namespaces. */
    public static final String SERVER_NAME = "boven";

    /** Namespace and directory names start with this (-Dportdoc.lab.prefix=... keeps concurrent runs apart). */
    static final String PREFIX = System.getProperty("portdoc.lab.prefix", "pdlab");

    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final Duration CMD_TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PID = ProcessHandle.current().pid();

    private final String id;
    private final String server;
    private final String inside;
    private final String outside;
    private final Path root;
    private final List<Proc> procs = new CopyOnWriteArrayList<>();
    private final List<String> extra = new CopyOnWriteArrayList<>();
    private final Map<String, Netns> ids = new ConcurrentHashMap<>();
    private volatile PidNamespace serverPids;
    private final AtomicInteger names = new AtomicInteger();
    private final Thread hook;
    private volatile boolean closed;

    /** Thrown when the lab cannot run here; the message says why (the test is skipped). */
    public static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unavailable(String why) {
            super(why);
        }
    }

    private LabNet(String prefix) {
        id = prefix + PID + "-" + SEQ.incrementAndGet();
        server = id + "-srv";
        inside = id + "-in";
        outside = id + "-out";
        try {
            root = Files.createDirectory(Path.of(System.getProperty("java.io.tmpdir"), id));
            root.toFile().setReadable(true, false);
            root.toFile().setExecutable(true, false);
        } catch (IOException e) {
            throw new Unavailable("cannot create a lab directory: " + e.getMessage());
        }
        hook = new Thread(this::close, "lab-teardown-" + id);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    static String prefix() {
        String p = System.getProperty("portdoc.lab.prefix", "pdlab");
        return p.matches("[a-z]{2,8}") ? p : "pdlab";
    }

    /** Why the lab cannot run on this machine, or null when it can. */
    public static String unavailableReason() {
        if (!isRoot()) {
            return "not root (network namespaces need root)";
        }
        for (String tool : List.of("ip", "nft", "iptables", "nc", "unshare", "nsenter")) {
            if (!Exec.installed(tool)) {
                return tool + " is not installed (Debian: " + debianPackage(tool) + ")";
            }
        }
        return null;
    }

    static String debianPackage(String tool) {
        return switch (tool) {
            case "ip" -> "iproute2";
            case "nft" -> "nftables";
            case "nc" -> "netcat-openbsd";
            case "unshare", "nsenter" -> "util-linux";
            case "ps" -> "procps";
            default -> tool;
        };
    }

    static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.substring(4).trim().split("\\s+")[1].equals("0");
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    /** Builds the namespaces; cleans up what it made and throws {@link Unavailable} when that fails. */
    public static LabNet create() {
        return create(PREFIX);
    }

    /**
     * Like {@link #create()}, with namespace and directory names starting with {@code prefix}
     * (lower-case letters; see {@link LabPrefix}) instead of {@code pdlab}.
     */
    public static LabNet create(String prefix) {
        if (!prefix.matches("[a-z]{2,8}")) {
            throw new IllegalArgumentException("lab prefix must be 2-8 lower-case letters: " + prefix);
        }
        LabNet net = new LabNet(prefix);
        try {
            net.build();
            return net;
        } catch (RuntimeException e) {
            net.close();
            throw e instanceof Unavailable ? e : new Unavailable("cannot build the lab network: " + e.getMessage());
        }
    }

    private void build() {
        Exec.Result add = host("ip", "netns", "add", server);
        if (add.exit() != 0) {
            throw new Unavailable(
                    "cannot create a network namespace: " + add.err().strip());
        }
        host("ip", "netns", "add", inside).ok();
        host("ip", "netns", "add", outside).ok();
        host("ip", "link", "add", "eth1", "netns", server, "type", "veth", "peer", "name", "eth0", "netns", inside)
                .ok();
        host("ip", "link", "add", "eth2", "netns", server, "type", "veth", "peer", "name", "eth0", "netns", outside)
                .ok();
        address(server, "eth1", SERVER_IP + "/24", SERVER_IP6 + "/64");
        address(server, "eth2", OUTSIDE_SERVER_IP + "/24", OUTSIDE_SERVER_IP6 + "/64");
        address(inside, "eth0", CLIENT_IP + "/24", CLIENT_IP6 + "/64");
        address(outside, "eth0", OUTSIDE_CLIENT_IP + "/24", OUTSIDE_CLIENT_IP6 + "/64");
        for (String ns : namespaces()) {
            host("ip", "-n", ns, "link", "set", "lo", "up").ok();
        }
        host("ip", "-n", server, "link", "set", "eth1", "up").ok();
        host("ip", "-n", server, "link", "set", "eth2", "up").ok();
        host("ip", "-n", inside, "link", "set", "eth0", "up").ok();
        host("ip", "-n", outside, "link", "set", "eth0", "up").ok();
        host("ip", "-n", outside, "route", "add", "default", "via", OUTSIDE_SERVER_IP)
                .ok();
        host("ip", "-n", outside, "-6", "route", "add", "default", "via", OUTSIDE_SERVER_IP6)
                .ok();
        String hosts = "127.0.0.1 localhost\n::1 localhost\n" + SERVER_IP + " " + SERVER_NAME + "\n" + SERVER_IP6 + " "
                + SERVER_NAME + "\n";
        for (String ns : List.of(inside, outside)) {
            try {
                Path dir = Files.createDirectories(Path.of("/etc/netns", ns));
                Files.writeString(dir.resolve("hosts"), hosts);
            } catch (IOException e) {
                // /etc read-only: the name boven does not resolve; tests using it check SERVER_NAME resolves
            }
        }
        serverPids = PidNamespace.start(server, root.resolve("pidns-" + server + ".log"));
    }

    private void address(String ns, String dev, String v4, String v6) {
        host("ip", "-n", ns, "addr", "add", v4, "dev", dev).ok();
        host("ip", "-n", ns, "addr", "add", v6, "dev", dev, "nodad").ok();
    }

    public String server() {
        return server;
    }

    /** The client on the server's LAN (10.0.0.156), the seed's Firefox machine. */
    public String inside() {
        return inside;
    }

    /** The client on another subnet (172.16.5.20), routed through the server. */
    public String outside() {
        return outside;
    }

    public List<String> clients() {
        return List.of(inside, outside);
    }

    public List<String> namespaces() {
        List<String> all = new ArrayList<>(List.of(server, inside, outside));
        all.addAll(extra);
        return all;
    }

    /**
     * Another server's network namespace ({@code ...-oth}, made on first use): only loopback, no
     * link to the others, and its processes run in the machine's PID namespace, where portdoc
     * in the server namespace sees them only through {@link #portdocSeeingHostProcesses}.
     */
    public synchronized String other() {
        String ns = id + "-oth";
        if (!extra.contains(ns)) {
            host("ip", "netns", "add", ns).ok();
            extra.add(ns);
            host("ip", "-n", ns, "link", "set", "lo", "up").ok();
        }
        return ns;
    }

    /** This lab's own directory (configs, logs, binaries), removed at the end. */
    public Path dir() {
        return root;
    }

    // ---- running things -------------------------------------------------------------------

    private static Exec.Result host(String... argv) {
        return Exec.run(List.of(argv), null, CMD_TIMEOUT);
    }

    /** The server's commands run in its PID namespace too (see {@link PidNamespace}); the clients' need not. */
    private List<String> in(String ns, List<String> argv) {
        PidNamespace pids = serverPids;
        List<String> all =
                new ArrayList<>(ns.equals(server) && pids != null ? pids.enter() : List.of("ip", "netns", "exec", ns));
        all.addAll(argv);
        return all;
    }

    /** Runs argv in namespace {@code ns} (no shell) and waits, at most 20 s. */
    public Exec.Result exec(String ns, String... argv) {
        return Exec.run(in(ns, List.of(argv)), null, CMD_TIMEOUT);
    }

    /** Like {@link #exec}, feeding {@code stdin}. */
    public Exec.Result execInput(String ns, String stdin, String... argv) {
        return Exec.run(in(ns, List.of(argv)), stdin, CMD_TIMEOUT);
    }

    /** Starts argv in the background in {@code ns}; stopped after the test. */
    public Proc start(String ns, String... argv) {
        return start(ns, new File(argv[0]).getName(), List.of(argv));
    }

    private Proc start(String ns, String processName, List<String> argv) {
        Path log = root.resolve("proc-" + names.incrementAndGet() + "-" + processName + ".log");
        List<String> full = in(ns, argv);
        ProcessBuilder pb = new ProcessBuilder(full)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("LC_ALL", "C");
        try {
            // ip netns exec execs the program; nsenter --pid forks it as its child
            Proc p = new Proc(pb.start(), ns, processName, log, !full.get(0).equals("ip"));
            procs.add(p);
            return p;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + argv, e);
        }
    }

    /**
     * {@code nc -dlk ADDRESS PORT}: something listening, nothing more; returns once it listens.
     * nc takes one connection at a time with a backlog of 1, so it suits probes from a client;
     * for {@code portdoc diagnose}, whose probe connects to all the server's addresses at once,
     * use {@link #startDaemon}.
     */
    public Proc startListener(String ns, String address, int port) {
        Proc p = start(ns, "nc", List.of(Exec.which("nc"), "-dlk", address, Integer.toString(port)));
        awaitListening(p, port);
        return p;
    }

    /**
     * A daemon under a name of its own (e.g. {@code smtpd-2lxa8a}, at most 15 characters), so
     * the daemon and listening steps find it by {@link Proc#processName()} and no other process
     * on the machine has that name: a small Java listener ({@link LabListener}, backlog 128,
     * accepts and closes) started through a symlink of that name to {@code java}. {@code base}:
     * a few letters. {@code address} {@code ::} listens on IPv4 and IPv6. Returns once it listens.
     */
    public Proc startDaemon(String ns, String base, String address, int port) {
        return startDaemonNamed(ns, uniqueName(base), address, port);
    }

    /** {@link #startDaemon} under exactly this process name (at most 15 characters), e.g. another one's. */
    public Proc startDaemonNamed(String ns, String name, String address, int port) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path link = bin().resolve(name);
        try {
            if (!Files.isSymbolicLink(link)) {
                Files.createSymbolicLink(link, java.toRealPath());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot link " + link, e);
        }
        Proc p = start(
                ns,
                name,
                List.of(
                        link.toString(),
                        "-Xmx16m",
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-XX:-UsePerfData",
                        "-Xshare:auto",
                        "-cp",
                        classPath(),
                        LabListener.class.getName(),
                        address,
                        Integer.toString(port)));
        awaitListening(p, port);
        return p;
    }

    /** A name no other process on this machine has: base (up to 5 chars) + this JVM + a counter; at most 15 chars. */
    public String uniqueName(String base) {
        return uniqueNameFor(base, PID, names.incrementAndGet());
    }

    static String uniqueNameFor(String base, long pid, int n) {
        String b = base.replaceAll("[^A-Za-z0-9]", "");
        b = b.substring(0, Math.min(5, b.length()));
        return b + "-" + Long.toString(pid, 36) + Integer.toString(n, 36);
    }

    private Path bin() {
        try {
            Path bin = Files.createDirectories(root.resolve("bin"));
            bin.toFile().setReadable(true, false);
            bin.toFile().setExecutable(true, false);
            return bin;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path copyBinary(String program, String name) {
        try {
            Path target = bin().resolve(name);
            if (Files.isExecutable(target)) {
                return target;
            }
            Files.copy(Path.of(program).toRealPath(), target);
            target.toFile().setExecutable(true, false);
            target.toFile().setReadable(true, false);
            return target;
        } catch (IOException e) {
            throw new IllegalStateException("cannot copy " + program, e);
        }
    }

    /**
     * Waits until process {@code p} (or a child) listens on TCP {@code port} in the lab's
     * namespace, and a real client there connects; fails after 10 s. Until the program has
     * switched namespaces its /proc/PID/net shows the machine's own sockets, where anything else
     * may listen on that port, so a socket counts only from a process whose
     * /proc/PID/ns/net is the lab namespace's.
     */
    public void awaitListening(Proc p, int port) {
        Netns ns = netns(p.namespace());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (long pid : p.tree()) {
                if (ns.holds(pid)) {
                    for (String address : Netns.listening(pid, port)) {
                        if (ns.holds(pid) && connects(p.namespace(), address, port)) {
                            return;
                        }
                    }
                }
            }
            if (!p.alive()) {
                throw new IllegalStateException(p + " exited before listening on " + port + ":\n" + p.logText());
            }
            sleep(20);
        }
        throw new IllegalStateException(p + " does not listen on " + port + " after 10 s:\n" + p.logText());
    }

    /** A lab namespace's identity, from /run/netns/NAME. */
    Netns netns(String ns) {
        return ids.computeIfAbsent(ns, Netns::of);
    }

    /** True when a real client in {@code ns} ({@code nc -z}) connects to address:port. */
    private boolean connects(String ns, String address, int port) {
        return Exec.run(
                                List.of(
                                        "ip",
                                        "netns",
                                        "exec",
                                        ns,
                                        "nc",
                                        "-z",
                                        "-w",
                                        "2",
                                        address,
                                        Integer.toString(port)),
                                null,
                                CMD_TIMEOUT)
                        .exit()
                == 0;
    }

    /** Apache modules the generated config loads. */
    private static final List<String> APACHE_MODULES =
            List.of("mpm_event", "authz_core", "authz_host", "access_compat", "authn_core", "dir", "mime", "setenvif");

    /**
     * Starts a real Apache httpd in {@code ns} (Debian's {@code apache2}, run in the foreground
     * under a unique process name) and returns once it listens on every {@code Listen} port.
     * {@code conf} is the body of the config: {@code Listen} lines and access rules; a
     * preamble with ServerRoot, PidFile, ErrorLog, the modules (event, authz_core, authz_host,
     * access_compat, dir, mime), {@code ServerName boven} and a DocumentRoot holding
     * {@code index.html} is put before it, and {@code @ROOT@} / {@code @DOCROOT@} in it are
     * replaced by the instance's directories. A config that sets {@code ServerRoot} itself is
     * used as is (after the same replacements). Example body:
     * <pre>
     * Listen 10.0.0.154:80
     * &lt;Directory "@DOCROOT@"&gt;
     *   Order Deny,Allow
     *   Deny from all
     *   Allow from 10.0.0
     * &lt;/Directory&gt;
     * </pre>
     */
    public Apache startApache(String ns, String conf) {
        return startApache(ns, conf, uniqueName("httpd"));
    }

    /**
     * {@link #startApache(String, String)} under the process name {@code name}: instances given
     * the same name differ only by their config and where they run (each has its own directory).
     */
    public Apache startApache(String ns, String conf, String name) {
        return startApache(ns, conf, name, List.of());
    }

    /** {@link #startApache(String, String, String)} with {@code extra} on its command line. */
    public Apache startApache(String ns, String conf, String name, List<String> extra) {
        requireApache();
        Path dir;
        try {
            dir = Files.createDirectories(root.resolve("apache-" + name + "-" + names.incrementAndGet()));
            Files.createDirectories(dir.resolve("htdocs"));
            Files.createDirectories(dir.resolve("run"));
            Files.writeString(dir.resolve("htdocs/index.html"), "<h1>boven</h1>\n");
            for (Path p : List.of(dir, dir.resolve("htdocs"), dir.resolve("htdocs/index.html"))) {
                p.toFile().setReadable(true, false);
                p.toFile().setExecutable(true, false);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String body =
                conf.replace("@DOCROOT@", dir.resolve("htdocs").toString()).replace("@ROOT@", dir.toString());
        String text = Pattern.compile("(?im)^\\s*ServerRoot\\b").matcher(body).find()
                ? body
                : apachePreamble(
                                dir,
                                !Pattern.compile("(?im)^\\s*TypesConfig\\b")
                                        .matcher(body)
                                        .find()) + body + "\n";
        Path confFile = dir.resolve("httpd.conf");
        try {
            Files.writeString(confFile, text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Path binary = copyBinary(Exec.which("apache2"), name);
        List<String> argv = new ArrayList<>(List.of(binary.toString(), "-f", confFile.toString(), "-DFOREGROUND"));
        argv.addAll(extra);
        Proc p = start(ns, name, argv);
        Matcher listen = Pattern.compile("(?im)^\\s*Listen\\s+(?:\\S*:)?(\\d+)").matcher(text);
        try {
            while (listen.find()) {
                awaitListening(p, Integer.parseInt(listen.group(1)));
            }
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "\n" + readOrEmpty(dir.resolve("error.log")), e);
        }
        return new Apache(p, dir, confFile, dir.resolve("error.log"));
    }

    private static String apachePreamble(Path dir, boolean typesConfig) {
        StringBuilder s = new StringBuilder();
        s.append("ServerRoot \"").append(dir).append("\"\n");
        s.append("PidFile \"").append(dir.resolve("run/httpd.pid")).append("\"\n");
        s.append("ErrorLog \"").append(dir.resolve("error.log")).append("\"\n");
        s.append("DefaultRuntimeDir \"").append(dir.resolve("run")).append("\"\n");
        s.append("Mutex file:").append(dir.resolve("run")).append(" default\n");
        for (String m : APACHE_MODULES) {
            s.append("LoadModule ")
                    .append(m)
                    .append("_module /usr/lib/apache2/modules/mod_")
                    .append(m)
                    .append(".so\n");
        }
        s.append("User daemon\nGroup daemon\nServerName ").append(SERVER_NAME).append('\n');
        s.append("DocumentRoot \"").append(dir.resolve("htdocs")).append("\"\n");
        s.append("DirectoryIndex index.html\n");
        if (typesConfig) { // mod_mime refuses to start without its types file
            s.append("TypesConfig ")
                    .append(Files.exists(Path.of("/etc/mime.types")) ? "/etc/mime.types" : "/dev/null")
                    .append('\n');
        }
        return s.toString();
    }

    private static String readOrEmpty(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }

    /** Skips the calling test (one printed line) when Apache is not installed. */
    public static void requireApache() {
        Lab.require(
                Exec.installed("apache2") && Files.isDirectory(Path.of("/usr/lib/apache2/modules")),
                "apache2 is not installed (Debian: apache2)");
    }

    /** Skips the calling test (one printed line) when {@code tool} is not installed. */
    public static void requireTool(String tool) {
        Lab.require(Exec.installed(tool), tool + " is not installed (Debian: " + debianPackage(tool) + ")");
    }

    // ---- firewalls ---------------------------------------------------------------------------

    /** Loads nft rules ({@code nft -f -}) in {@code ns}. */
    public void nft(String ns, String rules) {
        execInput(ns, rules, "nft", "-f", "-").ok();
    }

    /** {@code iptables ARGS} in {@code ns} (whichever backend {@code iptables} is here). */
    public void iptables(String ns, String... args) {
        exec(ns, concat("iptables", args)).ok();
    }

    public void ip6tables(String ns, String... args) {
        exec(ns, concat("ip6tables", args)).ok();
    }

    private static String[] concat(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    // ---- what clients get ---------------------------------------------------------------------

    /** What a real client in {@code ns} gets from {@code nc -vz -w SECONDS host port}. */
    public ClientOutcome probeFrom(String ns, String host, int port, Duration timeout) {
        long secs = Math.max(1, (timeout.toMillis() + 999) / 1000);
        Exec.Result r = Exec.run(
                in(ns, List.of("nc", "-vz", "-w", Long.toString(secs), host, Integer.toString(port))),
                null,
                timeout.plusSeconds(15));
        return ClientOutcome.fromNc(r.exit(), r.err() + r.out(), r.elapsedMs());
    }

    /** {@link #probeFrom(String, String, int, Duration)} with nc's wait of 2 s. */
    public ClientOutcome probeFrom(String ns, String host, int port) {
        return probeFrom(ns, host, port, Duration.ofSeconds(2));
    }

    /** The HTTP status curl gets for {@code url} from {@code ns}; 0 when no HTTP answer came. */
    public int httpStatus(String ns, String url) {
        requireTool("curl");
        Exec.Result r = exec(ns, "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "3", url);
        try {
            return Integer.parseInt(r.out().strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    // ---- portdoc itself ----------------------------------------------------------------------

    /**
     * Runs the real entry point ({@code java io.portdoc.cli.Main ARGS}, this test's class path)
     * inside {@code ns}, and parses its output when it is JSON ({@code --format json}).
     */
    public PortdocRun portdoc(String ns, String... args) {
        return portdoc(ns, List.of(), args);
    }

    /**
     * {@link #portdoc(String, String...)} started through {@code wrapper} inside the namespace
     * (e.g. a mount namespace of its own).
     */
    public PortdocRun portdoc(String ns, List<String> wrapper, String... args) {
        List<String> argv = new ArrayList<>(wrapper);
        argv.addAll(portdocArgv(args));
        return portdoc(in(ns, argv));
    }

    public PortdocRun portdoc(String ns, List<String> args) {
        return portdoc(ns, args.toArray(String[]::new));
    }

    /**
     * {@link #portdoc} started through {@code wrapper} (e.g. {@code setpriv} to another user) with
     * its own class path (one that user can read).
     */
    public PortdocRun portdocAs(String ns, List<String> wrapper, String classPath, List<String> args) {
        List<String> argv = new ArrayList<>(wrapper);
        List<String> java = portdocArgv(args.toArray(String[]::new));
        java.set(java.indexOf("-cp") + 1, classPath);
        argv.addAll(java);
        return portdoc(in(ns, argv));
    }

    /**
     * {@link #portdoc} in the machine's PID namespace: it sees every process of the machine,
     * those of other network namespaces too (in the server namespace {@link #portdoc} sees only
     * the lab's).
     */
    public PortdocRun portdocSeeingHostProcesses(String ns, String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        argv.addAll(portdocArgv(args));
        return portdoc(argv);
    }

    private static List<String> portdocArgv(String... args) {
        List<String> argv = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-XX:-UsePerfData",
                "-Xshare:auto",
                "-cp",
                classPath(),
                "io.portdoc.cli.Main"));
        argv.addAll(List.of(args));
        return argv;
    }

    private static PortdocRun portdoc(List<String> argv) {
        Exec.Result r = Exec.run(argv, null, Duration.ofSeconds(60));
        JsonNode json = null;
        if (r.out().stripLeading().startsWith("{")) {
            try {
                json = JSON.readTree(r.out());
            } catch (IOException e) {
                throw new AssertionError("portdoc printed invalid JSON: " + e.getMessage() + "\n" + r.out(), e);
            }
        }
        return new PortdocRun(r.exit(), r.out(), r.err(), json);
    }

    private static String classPath() {
        String cp = System.getProperty("portdoc.lab.classpath");
        return cp != null ? cp : System.getProperty("java.class.path");
    }

    // ---- between tests, and at the end ---------------------------------------------------------

    /** Stops what the last test started and empties every firewall in the lab's namespaces. */
    public void reset() {
        for (Proc p : procs) {
            p.stop();
        }
        procs.clear();
        if (serverPids != null && !serverPids.alive()) { // a test killed it: the next one gets a new one
            serverPids = PidNamespace.start(
                    server, root.resolve("pidns-" + server + "-" + names.incrementAndGet() + ".log"));
        }
        for (String ns : namespaces()) {
            killAll(ns);
            if (ns.equals(server) && serverPids != null && !serverPids.awaitEmpty(Duration.ofSeconds(5))) {
                System.out.println("[lab] processes of the last test are still in " + server + " after 5 s");
            }
            exec(ns, "nft", "flush", "ruleset");
            for (String save : List.of("iptables-legacy-save", "ip6tables-legacy-save")) {
                if (Exec.installed(save)) {
                    String tables = exec(ns, save).out();
                    if (!tables.isBlank()) {
                        execInput(ns, emptyTables(tables), save.replace("-save", "-restore"));
                    }
                }
            }
            if (Exec.installed("ipset")) {
                exec(ns, "ipset", "destroy");
            }
        }
    }

    /** An iptables-restore input that empties every table in {@code saved}, policies ACCEPT. */
    static String emptyTables(String saved) {
        StringBuilder s = new StringBuilder();
        boolean open = false;
        for (String line : saved.split("\n")) {
            if (line.startsWith("*")) {
                s.append(line).append('\n');
                open = true;
            } else if (line.startsWith(":") && open) {
                String[] f = line.substring(1).split("\\s+");
                if (f.length > 1 && !f[1].equals("-")) { // built-in chain (user chains have no policy)
                    s.append(':').append(f[0]).append(" ACCEPT [0:0]\n");
                }
            } else if (line.equals("COMMIT")) {
                s.append("COMMIT\n");
                open = false;
            }
        }
        return s.toString();
    }

    /** Kills every process in {@code ns} but the server's PID namespace holder. */
    private void killAll(String ns) {
        PidNamespace pids = serverPids;
        killAll(ns, pid -> pids != null && pids.isHolder(pid));
    }

    private static void killAll(String ns, LongPredicate keep) {
        Exec.Result pids = host("ip", "netns", "pids", ns);
        for (String pid : pids.out().split("\\s+")) {
            if (!pid.isBlank() && !keep.test(Long.parseLong(pid.strip()))) {
                ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    /** Removes the namespaces, their /etc/netns files and the lab directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Proc p : procs) {
            p.stop();
        }
        procs.clear();
        PidNamespace pids = serverPids;
        if (pids != null) {
            serverPids = null;
            pids.close();
        }
        for (String ns : namespaces()) {
            remove(ns);
        }
        deleteTree(root);
        if (Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
    }

    private static void remove(String ns) {
        killAll(ns, pid -> false);
        host("ip", "netns", "del", ns);
        deleteTree(Path.of("/etc/netns", ns));
    }

    /**
     * Removes lab namespaces and directories left by a lab JVM that no longer runs (a crash, a
     * kill -9). Only names of this lab's own pattern, only when their creator pid is gone.
     */
    public static void cleanStale() {
        cleanStale(PREFIX);
    }

    /** {@link #cleanStale()} for names made with {@link #create(String) create(prefix)}. */
    public static void cleanStale(String prefix) {
        for (String line : host("ip", "netns", "list").out().split("\n")) {
            String ns = line.strip().split("\\s+")[0];
            if (isStale(ns, prefix)) {
                remove(ns);
            }
        }
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            s.filter(p -> isStale(p.getFileName().toString(), prefix)).forEach(p -> {
                if (p.getFileName().toString().endsWith("-decoy")) {
                    HostDecoys.cleanStale(p);
                } else {
                    deleteTree(p);
                }
            });
        } catch (IOException e) {
            // nothing to clean
        }
        try (Stream<Path> s = Files.list(Path.of("/etc/netns"))) {
            s.filter(p -> isStale(p.getFileName().toString(), prefix)).forEach(LabNet::deleteTree);
        } catch (IOException e) {
            // no /etc/netns
        }
    }

    static boolean isStale(String name) {
        return isStale(name, PREFIX);
    }

    static boolean isStale(String name, String prefix) {
        Matcher m = Pattern.compile(Pattern.quote(prefix) + "(\\d+)-\\d+(-.*)?").matcher(name);
        if (!m.matches()) {
            return false;
        }
        long pid = Long.parseLong(m.group(1));
        return pid != PID && ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
    }

    private static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
