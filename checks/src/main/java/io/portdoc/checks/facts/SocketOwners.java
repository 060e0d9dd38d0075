package io.portdoc.checks.facts;

import io.portdoc.core.host.SystemView;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which processes hold which sockets: the kernel only tells the socket's inode, so we look for
 * {@code /proc/PID/fd/N -> socket:[INODE]} links, like {@code netstat -p} and {@code ss -p}.
 * The fd directories of other users' processes are unreadable without root: those processes
 * are counted in {@link Result#denied()} so callers can say "run as root" instead of guessing.
 * A listening socket nobody holds (no link anywhere, as root) belongs to the kernel (nfsd) or
 * is in transit between processes.
 */
public final class SocketOwners {
    private static final Path PROC = Path.of("/proc");

    private SocketOwners() {}

    /** {@code owners}: inode to PIDs, in the order found; {@code denied}: PIDs whose fds were unreadable. */
    public record Result(Map<Long, List<Long>> owners, List<Long> denied) {
        public Result {
            owners = Map.copyOf(owners);
            denied = List.copyOf(denied);
        }

        public List<Long> pids(long inode) {
            return owners.getOrDefault(inode, List.of());
        }
    }

    /**
     * Finds an owner for each of {@code inodes}, looking at {@code first} PIDs before the rest
     * (the daemon's, when known), and stops as soon as every inode has one: netstat shows one
     * PID per socket too, and a daemon's children share their parent's socket.
     */
    public static Result find(SystemView system, Set<Long> inodes, Collection<Long> first) {
        Map<Long, List<Long>> owners = new HashMap<>();
        List<Long> denied = new ArrayList<>();
        if (inodes.isEmpty()) {
            return new Result(owners, denied);
        }
        Set<Long> order = new LinkedHashSet<>(first);
        order.addAll(pids(system));
        for (long pid : order) {
            scan(system, pid, inodes, owners, denied);
            if (owners.size() == inodes.size()) {
                break;
            }
        }
        return new Result(owners, denied);
    }

    /** The socket inodes held by {@code pids} (every socket, not only listening ones). */
    public static Result socketsOf(SystemView system, Collection<Long> pids) {
        Map<Long, List<Long>> owners = new HashMap<>();
        List<Long> denied = new ArrayList<>();
        for (long pid : new LinkedHashSet<>(pids)) {
            scan(system, pid, null, owners, denied);
        }
        return new Result(owners, denied);
    }

    /** PIDs in /proc, ascending (a daemon's parent usually has the lowest PID of its tree). */
    static List<Long> pids(SystemView system) {
        List<Long> out = new ArrayList<>();
        try {
            for (String name : system.list(PROC)) {
                long pid = parsePid(name);
                if (pid > 0) {
                    out.add(pid);
                }
            }
        } catch (IOException e) {
            return out; // no /proc: nothing to map
        }
        out.sort(null);
        return out;
    }

    /** {@code wanted == null}: record every socket of the process. */
    private static void scan(
            SystemView system, long pid, Set<Long> wanted, Map<Long, List<Long>> owners, List<Long> denied) {
        Path fdDir = PROC.resolve(Long.toString(pid)).resolve("fd");
        List<String> fds;
        try {
            fds = system.list(fdDir);
        } catch (AccessDeniedException e) {
            denied.add(pid);
            return;
        } catch (IOException e) {
            return; // exited meanwhile
        }
        Set<Long> seen = new HashSet<>();
        for (String fd : fds) {
            String target;
            try {
                target = system.readLink(fdDir.resolve(fd)).orElse(null);
            } catch (AccessDeniedException e) {
                // the directory lists but the links do not resolve: even root gets this for
                // processes a container or security module shields (PID 1 of some sandboxes)
                denied.add(pid);
                return;
            } catch (IOException e) {
                continue; // closed meanwhile
            }
            long inode = socketInode(target);
            if (inode >= 0 && (wanted == null || wanted.contains(inode)) && seen.add(inode)) {
                owners.computeIfAbsent(inode, k -> new ArrayList<>(1)).add(pid);
            }
        }
    }

    /** {@code socket:[12345]} to 12345, anything else to -1. */
    static long socketInode(String link) {
        if (link == null || !link.startsWith("socket:[") || !link.endsWith("]")) {
            return -1;
        }
        long v = 0;
        for (int i = 8; i < link.length() - 1; i++) {
            char c = link.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return link.length() > 9 ? v : -1;
    }

    private static long parsePid(String name) {
        if (name.isEmpty() || name.length() > 10) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
