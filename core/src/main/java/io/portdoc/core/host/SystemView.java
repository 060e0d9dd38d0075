package io.portdoc.core.host;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * All host access of the checks goes through here: the real host ({@link RealSystem}) or a
 * captured one replayed from a directory ({@link RecordedSystem}), so checks are unit-tested
 * without root. Only reads: nothing here changes the host.
 */
public interface SystemView {
    /** All processes visible to this user. */
    List<ProcessInfo> processes();

    /**
     * A file's content. Throws {@link java.nio.file.NoSuchFileException} when absent and
     * {@link java.nio.file.AccessDeniedException} when not readable.
     */
    String readFile(Path path) throws IOException;

    /** Names in a directory, sorted. Same exceptions as {@link #readFile}. */
    List<String> list(Path dir) throws IOException;

    /** The target of a symbolic link ({@code /proc/PID/fd/3 -> socket:[123]}). */
    Optional<String> readLink(Path link) throws IOException;

    boolean exists(Path path);

    /**
     * The path with every symbolic link resolved, to recognise a directory met twice (a link to
     * itself); the path itself, normalised, where that cannot be told.
     */
    default Path realPath(Path path) {
        return path.normalize();
    }

    boolean isDirectory(Path path);

    /**
     * stat(2) of the path, links followed: owner, group, mode and type, to judge what another
     * user (a daemon's run user) may open. Throws {@link java.nio.file.NoSuchFileException} when
     * absent; empty when this host cannot tell.
     */
    default Optional<FileStat> stat(Path path) throws IOException {
        return Optional.empty();
    }

    /** A plain file: not a directory, device or pipe (whose reading may never end). */
    default boolean isRegularFile(Path path) {
        return exists(path) && !isDirectory(path);
    }

    /** Where system programs live, in root's PATH order; portdoc never searches the caller's PATH. */
    List<String> PROGRAM_DIRS = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

    /**
     * The absolute path of a system program ({@code nft} is {@code /usr/sbin/nft}) found in
     * {@link #PROGRAM_DIRS}, so that a run from cron ({@code PATH=/usr/bin:/bin}) finds the same
     * tools as an interactive root shell; empty when it is in none of them.
     */
    default Optional<Path> program(String name) {
        for (String dir : PROGRAM_DIRS) {
            Path p = Path.of(dir, name);
            if (exists(p) && !isDirectory(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Runs argv (no shell) with a deadline; never throws for a missing program. */
    CommandResult run(List<String> argv, Duration timeout);

    /** System resolver lookup; empty when the name does not resolve. */
    List<InetAddress> resolve(String name);

    /** Reverse lookup (PTR); empty when none. */
    Optional<String> reverse(InetAddress address);

    /** Addresses configured on this host's interfaces, loopback included. */
    List<InetAddress> localAddresses();

    String hostname();

    String user();

    /** Effective uid 0: can see every process's sockets and read the firewall. */
    boolean privileged();

    /**
     * Opens a TCP connection to {@code address} within {@code timeout} and closes it at once,
     * sending no data (the probe step's "telnet host port"). Throws what
     * {@link java.net.Socket#connect} throws: ConnectException, NoRouteToHostException,
     * SocketTimeoutException, ... A recorded host replays recorded outcomes instead, so tests
     * never connect to the addresses of a captured machine.
     */
    default void connect(InetSocketAddress address, Duration timeout) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(address, (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
        }
    }

    default String readFileOrEmpty(Path path) {
        try {
            return readFile(path);
        } catch (IOException e) {
            return "";
        }
    }
}
