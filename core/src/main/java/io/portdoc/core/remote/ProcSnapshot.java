package io.portdoc.core.remote;

import io.portdoc.core.host.ProcessInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the output of {@link Scripts#SNAPSHOT} into processes and the {@code /proc} nodes the
 * checks read ({@code /proc/PID/fd/N -> socket:[INODE]}, exe, ns/net, cmdline, the socket tables).
 */
final class ProcSnapshot {
    /** "PID (comm) S PPID ...": comm may hold spaces and parentheses, so the last ')' ends it. */
    private static final Pattern STAT = Pattern.compile("^(\\d+) \\((.*)\\) (\\S) (\\d+)((?: \\S+)*)$");
    /** "lrwx------ 1 root root 64 Dec  1 01:00 3 -> socket:[123]": the fd number before the first arrow. */
    private static final Pattern FD = Pattern.compile(" (\\d+) -> (.*)$");

    private ProcSnapshot() {}

    static List<ProcessInfo> parse(byte[] out, String nonce, RemoteFiles files) {
        Map<String, String> sections = new HashMap<>();
        Map<Long, List<String>> argv = new HashMap<>();
        for (String chunk : Frames.split(out, nonce)) {
            String[] f = Frames.fields(chunk, 2);
            String body = f.length > 1 ? f[1] : "";
            if (f[0].startsWith("cmdline ")) {
                long pid = Long.parseLong(f[0].substring(8).strip());
                files.node("/proc/" + pid + "/cmdline").content = body;
                files.node("/proc/" + pid + "/cmdline").type = "regular empty file";
                argv.put(pid, ProcessInfo.nulSeparated(Frames.name(body)));
            } else if (f[0].startsWith("file ")) {
                RemoteFiles.Node n = files.node(f[0].substring(5));
                n.type = "regular empty file";
                n.content = body;
            } else {
                sections.put(f[0], body);
            }
        }
        Map<String, String> users = users(sections.getOrDefault("passwd", ""));
        Map<Long, String> owner = new HashMap<>();
        for (String line : sections.getOrDefault("uid", "").split("\n")) {
            String[] u = line.strip().split(" ", 2);
            if (u.length == 2 && u[1].matches("\\d+")) {
                owner.put(Long.parseLong(u[1]), users.getOrDefault(u[0], u[0]));
            }
        }
        links(sections.getOrDefault("links", ""), files);
        fds(sections.getOrDefault("fds", ""), files);
        long btime = number(sections.get("btime"), 0);
        long tck = Math.max(1, number(sections.get("tck"), 100));
        List<Long> pids = new ArrayList<>();
        List<ProcessInfo> processes = new ArrayList<>();
        for (String line : sections.getOrDefault("stat", "").split("\n")) {
            Matcher m = STAT.matcher(line);
            if (!m.matches()) {
                continue; // a comm with a newline breaks its own line only
            }
            long pid = Long.parseLong(m.group(1));
            String[] rest = m.group(5).strip().split(" ");
            // stat(5): field 22 starttime, in clock ticks after boot; rest[0] is field 5
            Instant start = rest.length > 17 && btime > 0
                    ? Instant.ofEpochMilli(btime * 1000 + number(rest[17], 0) * 1000 / tck)
                    : null;
            String comm = Frames.name(m.group(2));
            RemoteFiles.Node c = files.node("/proc/" + pid + "/comm");
            c.type = "regular empty file";
            c.content = m.group(2) + "\n";
            String exe = files.get("/proc/" + pid + "/exe") == null ? null : files.get("/proc/" + pid + "/exe").content;
            pids.add(pid);
            processes.add(new ProcessInfo(
                    pid,
                    Long.parseLong(m.group(4)),
                    owner.get(pid),
                    start,
                    comm,
                    exe == null ? null : Frames.name(exe),
                    argv.getOrDefault(pid, List.of())));
        }
        RemoteFiles.Node proc = files.node("/proc");
        proc.type = "directory";
        proc.listed = true;
        pids.forEach(p -> proc.children.add(Long.toString(p)));
        for (long pid : pids) {
            files.node("/proc/" + pid).type = "directory";
            RemoteFiles.Node fd = files.node("/proc/" + pid + "/fd");
            if (!fd.listed) {
                fd.type = "directory";
                fd.denied = true; // ls could not open it: another user's process without root
            }
        }
        return processes;
    }

    /** {@code ls -ld N/exe N/ns/net}: a link node per readable link ({@code content} holds its target). */
    private static void links(String text, RemoteFiles files) {
        for (String line : text.split("\n")) {
            int arrow = line.indexOf(" -> ");
            if (arrow < 0) {
                continue;
            }
            String head = line.substring(0, arrow);
            String name = head.substring(head.lastIndexOf(' ') + 1);
            if (!name.matches("\\d+/(exe|ns/net)")) {
                continue;
            }
            link(files, "/proc/" + name, line.substring(arrow + 4));
        }
    }

    /** {@code ls -l N/fd}: a "N/fd:" header, then one line per descriptor. */
    private static void fds(String text, RemoteFiles files) {
        RemoteFiles.Node dir = null;
        String base = null;
        for (String line : text.split("\n")) {
            if (line.matches("\\d+/fd:")) {
                base = "/proc/" + line.substring(0, line.length() - 1);
                dir = files.node(base);
                dir.type = "directory";
                dir.listed = true;
                continue;
            }
            Matcher m = FD.matcher(line);
            int arrow = line.indexOf(" -> ");
            if (dir == null || arrow < 0 || !m.find()) {
                continue;
            }
            String head = line.substring(0, arrow);
            String fd = head.substring(head.lastIndexOf(' ') + 1);
            if (fd.matches("\\d+")) {
                dir.children.add(fd);
                link(files, base + "/" + fd, line.substring(arrow + 4));
            }
        }
    }

    private static void link(RemoteFiles files, String path, String target) {
        RemoteFiles.Node n = files.node(path);
        n.type = "symbolic link";
        n.content = target;
    }

    private static Map<String, String> users(String passwd) {
        Map<String, String> out = new HashMap<>();
        for (String line : passwd.split("\n")) {
            String[] f = line.split(":", -1);
            if (f.length > 2) {
                out.putIfAbsent(f[2], Frames.name(f[0]));
            }
        }
        return out;
    }

    private static long number(String s, long fallback) {
        try {
            return s == null ? fallback : Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
