package io.portdoc.checks.facts;

import io.portdoc.core.CheckContext;
import io.portdoc.core.host.ProcessInfo;
import io.portdoc.core.host.SystemView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The host's processes, read once per diagnosis and looked up by PID. */
public final class ProcessTable {
    private final List<ProcessInfo> all;
    private final Map<Long, ProcessInfo> byPid = new HashMap<>();

    public ProcessTable(List<ProcessInfo> all) {
        this.all = List.copyOf(all);
        all.forEach(p -> byPid.put(p.pid(), p));
    }

    public static ProcessTable of(CheckContext context) {
        return context.fact(ProcessTable.class, () -> read(context.system()));
    }

    public static ProcessTable read(SystemView system) {
        return new ProcessTable(system.processes());
    }

    public List<ProcessInfo> all() {
        return all;
    }

    public Optional<ProcessInfo> get(long pid) {
        return Optional.ofNullable(byPid.get(pid));
    }

    /** A process's short name: its comm, else its executable's file name. */
    public static String name(ProcessInfo p) {
        if (p.comm() != null && !p.comm().isEmpty()) {
            return p.comm();
        }
        if (p.executable() != null) {
            return baseName(p.executable());
        }
        return p.argv().isEmpty() ? "?" : baseName(p.argv().get(0));
    }

    public String name(long pid) {
        return get(pid).map(ProcessTable::name).orElse("?");
    }

    /** "nc (pid 812)", "httpd2-prefork (pid 1470, 1471)", "cupsd (pid 1462), nc (pid 812)". */
    public String describe(Collection<Long> pids) {
        Map<String, List<Long>> byName = new TreeMap<>();
        for (long pid : pids) {
            byName.computeIfAbsent(name(pid), k -> new ArrayList<>()).add(pid);
        }
        List<String> parts = new ArrayList<>();
        byName.forEach((name, ps) ->
                parts.add(name + " (pid " + join(ps.stream().sorted().toList()) + ")"));
        return String.join(", ", parts);
    }

    private static String join(List<Long> pids) {
        return String.join(", ", pids.stream().map(String::valueOf).toList());
    }

    /** File name of a path; "/usr/sbin/sshd (deleted)" (binary replaced by an upgrade) gives sshd. */
    public static String baseName(String path) {
        String p = path.endsWith(" (deleted)") ? path.substring(0, path.length() - 10) : path;
        int slash = p.lastIndexOf('/');
        return slash >= 0 ? p.substring(slash + 1) : p;
    }
}
