package io.portdoc.checks.daemon;

import io.portdoc.checks.sockets.ProcessTable;
import io.portdoc.core.host.ProcessInfo;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the daemon step found, shared with later steps through
 * {@code context.share(DaemonFacts.class, ...)}: the names looked for and the matching
 * processes (empty when the daemon is not running). {@code weak} is true when only weaker
 * matches were found (httpd2-prefork for httpd). The listening step uses {@link #pids()} to
 * tell the daemon's sockets from another program's.
 */
public record DaemonFacts(List<String> names, List<ProcessInfo> processes, boolean weak) {
    public DaemonFacts {
        names = List.copyOf(names);
        processes = processes.stream().sorted(Comparator.comparingLong(ProcessInfo::pid)).toList();
    }

    public boolean running() {
        return !processes.isEmpty();
    }

    public List<Long> pids() {
        return processes.stream().map(ProcessInfo::pid).toList();
    }

    /**
     * The top of the daemon's process tree (whose parent is not a match either): Apache's
     * parent rather than a prefork child. Several independent instances: the lowest PID.
     */
    public ProcessInfo main() {
        Set<Long> pids = processes.stream().map(ProcessInfo::pid).collect(Collectors.toSet());
        return processes.stream().filter(p -> !pids.contains(p.ppid())).findFirst()
                .orElse(processes.isEmpty() ? null : processes.get(0));
    }

    /** The name to use in sentences: the running process's name, else the first one looked for. */
    public String displayName() {
        ProcessInfo m = main();
        return m != null ? ProcessTable.name(m) : names.isEmpty() ? "?" : names.get(0);
    }

    /** nfsd and lockd are kernel threads: no command line, and their sockets have no owner. */
    public boolean kernelThreads() {
        return running() && processes.stream().allMatch(p -> p.argv().isEmpty() && p.executable() == null);
    }
}
