package io.portdoc.checks.facts;

import io.portdoc.core.CheckContext;
import io.portdoc.core.Target;
import io.portdoc.core.host.ProcessInfo;
import io.portdoc.core.host.SystemView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The single answer to "which process is the daemon", computed once per diagnosis and read by
 * every step (the daemon step judges it, the config step reads the configuration of its
 * {@link #main()}, the listening step tells its sockets from another program's).
 *
 * <p>{@code names} are the names looked for (the profile's processes, or {@code --service}); with
 * only a port given they are the names of the programs holding it. {@code processes} are the
 * matches in the diagnosed network namespace: strong ones, or only weak ones ({@code weak}) when
 * there are no strong ones. {@code main} is the instance that counts: the top of the process tree
 * holding a listening socket on the target port when a match holds one (two Apache instances on
 * :80 and :8080), else the top of the lowest-PID tree; null when nothing matched. {@code elsewhere}
 * are matches in other network namespaces (containers), named but never taken for the daemon.
 * {@code byPort} says the daemon was found as the holder of the port, not by name.
 */
public record Daemon(
        List<String> names,
        List<ProcessInfo> processes,
        boolean weak,
        ProcessInfo main,
        List<ProcessInfo> elsewhere,
        List<ProcessMatcher.Hit> weakHits,
        boolean byPort) {
    public Daemon {
        names = List.copyOf(names);
        processes = processes.stream()
                .sorted(Comparator.comparingLong(ProcessInfo::pid))
                .toList();
        elsewhere = List.copyOf(elsewhere);
        weakHits = List.copyOf(weakHits);
    }

    /** This diagnosis's daemon, found at most once whichever step asks first. */
    public static Daemon of(CheckContext context) {
        return context.fact(Daemon.class, () -> find(context));
    }

    /** The profile's process names; for {@code --service NAME} without a profile that is [NAME]. */
    public static List<String> names(Target target) {
        List<String> names = target.profile().processes();
        if (names.isEmpty() && target.service() != null && !target.service().isBlank()) {
            return List.of(target.service());
        }
        return names;
    }

    /** The process table's matches of the target's names, each with how it matched; no namespace filter. */
    record NameHits(List<ProcessMatcher.Hit> hits) {
        NameHits {
            hits = List.copyOf(hits);
        }
    }

    /** Name matches, computed once: the port's holders are looked for among them first, then judged here. */
    static List<ProcessMatcher.Hit> hits(CheckContext context) {
        return context.fact(NameHits.class, () -> {
                    List<String> names = names(context.target());
                    List<ProcessMatcher.Hit> out = new ArrayList<>();
                    if (!names.isEmpty()) {
                        ProcessTable.of(context)
                                .all()
                                .forEach(p -> ProcessMatcher.match(p, names).ifPresent(out::add));
                    }
                    return new NameHits(out);
                })
                .hits();
    }

    private static Daemon find(CheckContext context) {
        ProcessTable procs = ProcessTable.of(context);
        PortSockets port = PortSockets.of(context);
        List<String> names = names(context.target());
        if (names.isEmpty()) {
            List<ProcessInfo> holders =
                    port.pids().stream().flatMap(pid -> procs.get(pid).stream()).toList();
            List<String> held =
                    holders.stream().map(ProcessTable::name).distinct().toList();
            return new Daemon(held, holders, false, top(holders, port), List.of(), List.of(), true);
        }
        NetNamespace ns = NetNamespace.of(context.system());
        List<ProcessInfo> strong = new ArrayList<>();
        List<ProcessMatcher.Hit> weak = new ArrayList<>();
        List<ProcessInfo> elsewhere = new ArrayList<>();
        for (ProcessMatcher.Hit h : hits(context)) {
            if (!ns.here(h.process().pid())) {
                elsewhere.add(h.process());
            } else if (h.strength() == ProcessMatcher.Strength.STRONG) {
                strong.add(h.process());
            } else {
                weak.add(h);
            }
        }
        boolean onlyWeak = strong.isEmpty() && !weak.isEmpty();
        List<ProcessInfo> matched =
                onlyWeak ? weak.stream().map(ProcessMatcher.Hit::process).toList() : strong;
        return new Daemon(names, matched, onlyWeak, top(matched, port), elsewhere, onlyWeak ? weak : List.of(), false);
    }

    /**
     * The instance that counts: the holder of the target port among {@code candidates} (walked up
     * to the top of its tree of matches), else the top of the lowest-PID tree.
     */
    private static ProcessInfo top(List<ProcessInfo> candidates, PortSockets port) {
        if (candidates.isEmpty()) {
            return null;
        }
        Set<Long> mine = candidates.stream().map(ProcessInfo::pid).collect(Collectors.toSet());
        Optional<ProcessInfo> holder = port.pids().stream()
                .filter(mine::contains)
                .sorted()
                .findFirst()
                .flatMap(pid -> candidates.stream().filter(p -> p.pid() == pid).findFirst());
        List<ProcessInfo> sorted = candidates.stream()
                .sorted(Comparator.comparingLong(ProcessInfo::pid))
                .toList();
        ProcessInfo start = holder.orElse(sorted.get(0));
        ProcessInfo at = start;
        for (int guard = 0; guard < sorted.size() && mine.contains(at.ppid()) && at.ppid() != at.pid(); guard++) {
            long parent = at.ppid();
            at = sorted.stream().filter(p -> p.pid() == parent).findFirst().orElse(at);
        }
        return at;
    }

    public boolean running() {
        return !processes.isEmpty();
    }

    /** Something to compare a port's holder with: names were looked for, or someone holds the port. */
    public boolean known() {
        return !names.isEmpty();
    }

    public List<Long> pids() {
        return processes.stream().map(ProcessInfo::pid).toList();
    }

    public Optional<ProcessInfo> mainProcess() {
        return Optional.ofNullable(main);
    }

    /** The name to use in sentences: the running process's name, else the first one looked for. */
    public String displayName() {
        return main != null ? ProcessTable.name(main) : names.isEmpty() ? "?" : names.get(0);
    }

    /**
     * The process runs the program its package installed: /proc/PID/exe is NAME in one of the
     * system program directories ({@code /usr/sbin/apache2}) for one of {@code names}. A copy
     * elsewhere, or another program started under the daemon's name ({@code exec -a apache2}),
     * is not. A binary replaced by an upgrade still counts ({@code " (deleted)"}).
     */
    public static boolean installedProgram(ProcessInfo p, Collection<String> names) {
        String exe = p.executable();
        if (exe == null) {
            return false;
        }
        exe = exe.endsWith(" (deleted)") ? exe.substring(0, exe.length() - " (deleted)".length()) : exe;
        Path path = Path.of(exe);
        Path dir = path.getParent();
        return dir != null
                && SystemView.PROGRAM_DIRS.contains(dir.toString())
                && names.contains(path.getFileName().toString());
    }

    /** nfsd and lockd are kernel threads: no command line, and their sockets have no owner. */
    public boolean kernelThreads() {
        return running() && processes.stream().allMatch(p -> p.argv().isEmpty() && p.executable() == null);
    }
}
