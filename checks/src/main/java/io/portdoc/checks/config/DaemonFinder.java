package io.portdoc.checks.config;

import io.portdoc.core.host.ProcessInfo;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the running daemon whose configuration counts: the parent process among those whose
 * name matches (Apache forks workers with the same command line).
 */
final class DaemonFinder {
    private DaemonFinder() {
    }

    /** {@code processes}: the diagnosis's shared process table, read once for all steps. */
    static Optional<ProcessInfo> find(List<ProcessInfo> processes, Collection<String> names) {
        Set<String> wanted = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<ProcessInfo> matched = processes.stream().filter(p -> wanted.contains(name(p))).toList();
        Set<Long> pids = matched.stream().map(ProcessInfo::pid).collect(Collectors.toSet());
        return matched.stream().filter(p -> !pids.contains(p.ppid()))
                .min(Comparator.comparingLong(ProcessInfo::pid));
    }

    /** The program name: argv[0]'s base name, else the executable's, else comm. */
    static String name(ProcessInfo p) {
        String n = !p.argv().isEmpty() ? p.argv().get(0) : p.executable() != null ? p.executable() : p.comm();
        if (n == null) {
            return "";
        }
        Path f = Path.of(n.split(" ")[0]).getFileName();
        return (f == null ? n : f.toString()).toLowerCase(Locale.ROOT);
    }
}
