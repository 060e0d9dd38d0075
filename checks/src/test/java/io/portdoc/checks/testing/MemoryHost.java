package io.portdoc.checks.testing;

import io.portdoc.core.host.CommandResult;
import io.portdoc.core.host.ProcessInfo;
import io.portdoc.core.host.SystemView;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A host whose files and command outputs are held in memory, for fuzz tests that run a parser
 * many thousand times a second. One text can carry several files, in the format {@code tail}
 * prints them: lines {@code ==> /etc/x.conf <==} start a file; what comes before the first
 * such line is the main file. So the fuzzer can also build include chains and loops.
 */
public final class MemoryHost implements SystemView {
    private static final String HEADER = "==> ";
    private static final String TRAILER = " <==";

    private final Map<Path, String> files = new HashMap<>();
    private final Map<List<String>, CommandResult> commands = new HashMap<>();

    /** {@code main} holds the text before the first header; every header names another file. */
    public static MemoryHost unpack(String main, String text) {
        MemoryHost h = new MemoryHost();
        Path current = Path.of(main);
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith(HEADER) && line.endsWith(TRAILER) && line.length() > 8 && line.indexOf(0) < 0) {
                h.files.put(current, body.toString());
                body.setLength(0);
                current = Path.of("/").resolve(line.substring(HEADER.length(), line.length() - TRAILER.length()));
            } else {
                body.append(line).append('\n');
            }
        }
        h.files.put(current, body.toString());
        return h;
    }

    public MemoryHost file(String path, String text) {
        files.put(Path.of(path), text);
        return this;
    }

    public MemoryHost command(List<String> argv, String stdout) {
        commands.put(List.copyOf(argv), new CommandResult(argv, 0, stdout, "", false, false));
        return this;
    }

    @Override
    public List<ProcessInfo> processes() {
        return List.of();
    }

    @Override
    public String readFile(Path path) throws IOException {
        String s = files.get(path.normalize());
        if (s == null) {
            throw new NoSuchFileException(path.toString());
        }
        return s;
    }

    @Override
    public List<String> list(Path dir) throws IOException {
        Path d = dir.normalize();
        TreeSet<String> names = new TreeSet<>();
        for (Path p : files.keySet()) {
            if (p.startsWith(d) && !p.equals(d)) {
                names.add(p.getName(d.getNameCount()).toString());
            }
        }
        if (names.isEmpty()) {
            throw new NoSuchFileException(dir.toString());
        }
        return List.copyOf(names);
    }

    @Override
    public Optional<String> readLink(Path link) throws IOException {
        if (!exists(link)) {
            throw new NoSuchFileException(link.toString());
        }
        return Optional.empty();
    }

    @Override
    public boolean exists(Path path) {
        return files.containsKey(path.normalize()) || isDirectory(path);
    }

    @Override
    public boolean isDirectory(Path path) {
        Path d = path.normalize();
        return files.keySet().stream().anyMatch(p -> p.startsWith(d) && !p.equals(d));
    }

    @Override
    public CommandResult run(List<String> argv, Duration timeout) {
        return commands.getOrDefault(argv, CommandResult.missing(argv));
    }

    @Override
    public List<InetAddress> resolve(String name) {
        return List.of();
    }

    @Override
    public Optional<String> reverse(InetAddress address) {
        return Optional.empty();
    }

    @Override
    public List<InetAddress> localAddresses() {
        return List.of(InetAddress.getLoopbackAddress());
    }

    @Override
    public String hostname() {
        return "fuzz";
    }

    @Override
    public String user() {
        return "root";
    }

    @Override
    public boolean privileged() {
        return true;
    }

    /** A fuzz test never connects anywhere. */
    @Override
    public void connect(InetSocketAddress address, Duration timeout) throws IOException {
        throw new ConnectException("Connection refused");
    }
}
