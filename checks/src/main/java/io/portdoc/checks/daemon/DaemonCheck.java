package io.portdoc.checks.daemon;

import io.portdoc.checks.sockets.PortSockets;
import io.portdoc.checks.sockets.ProcessTable;
import io.portdoc.core.Check;
import io.portdoc.core.CheckContext;
import io.portdoc.core.CheckInfo;
import io.portdoc.core.Evidence;
import io.portdoc.core.Messages;
import io.portdoc.core.Msg;
import io.portdoc.core.Outcome;
import io.portdoc.core.Target;
import io.portdoc.core.Verdict;
import io.portdoc.core.host.ProcessInfo;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Step 1 of the seed's checklist ({@code ps -e | grep cups}): is the daemon running? Looks
 * for the profile's process names (see {@link ProcessMatcher}), names the program that holds
 * the target port when it is not the daemon, and adds the systemd unit's state and last log
 * lines where systemd runs. Shares {@link DaemonFacts} with the later steps.
 */
@CheckInfo(id = "daemon", order = 10, title = "title")
public final class DaemonCheck implements Check {
    private static final Messages MSG = Messages.of(DaemonCheck.class);
    /** Apache can have hundreds of workers: show the first few. */
    static final int MAX_PROCESS_EVIDENCE = 8;

    @Override
    public Outcome run(CheckContext context) {
        Target target = context.target();
        List<String> names = names(target);
        ProcessTable procs = ProcessTable.of(context);
        if (names.isEmpty()) {
            return byPort(context, procs);
        }
        List<ProcessInfo> strong = new ArrayList<>();
        List<ProcessMatcher.Hit> weak = new ArrayList<>();
        for (ProcessInfo p : procs.all()) {
            ProcessMatcher.match(p, names).ifPresent(h -> {
                if (h.strength() == ProcessMatcher.Strength.STRONG) {
                    strong.add(p);
                } else {
                    weak.add(h);
                }
            });
        }
        boolean onlyWeak = strong.isEmpty() && !weak.isEmpty();
        DaemonFacts facts = new DaemonFacts(names,
                onlyWeak ? weak.stream().map(ProcessMatcher.Hit::process).toList() : strong, onlyWeak);
        context.share(DaemonFacts.class, facts);

        PortSockets port = PortSockets.of(context, facts.pids());
        List<Long> others = port.pids().stream().filter(pid -> !facts.pids().contains(pid)).toList();
        String holders = others.isEmpty() ? null : procs.describe(others);
        String wanted = target.service() != null ? target.service() : names.get(0);

        Outcome.Builder out;
        if (facts.running() && !onlyWeak) {
            ProcessInfo main = facts.main();
            String name = ProcessTable.name(main);
            int more = facts.processes().size() - 1;
            Msg summary = holders != null ? MSG.msg("pass.other", name, main.pid(), target.port(), holders)
                    : more == 0 ? MSG.msg("pass", name, main.pid()) : MSG.msg("pass.many", name, main.pid(), more);
            out = Outcome.of(Verdict.PASS, summary);
        } else if (onlyWeak) {
            ProcessMatcher.Hit first = weak.stream().filter(h -> h.process().equals(facts.main())).findFirst()
                    .orElse(weak.get(0));
            out = Outcome.of(Verdict.WARN, MSG.msg("warn.weak", String.join(", ", names),
                            ProcessTable.name(first.process()), first.process().pid()))
                    .hint(MSG.msg("hint.weak", ProcessTable.name(first.process())));
        } else {
            Msg stopped = names.size() == 1 ? MSG.msg("fail.stopped", names.get(0))
                    : MSG.msg("fail.stopped.many", String.join(", ", names));
            out = Outcome.of(Verdict.FAIL, holders == null ? stopped
                    : MSG.msg("fail.stopped.port", stopped.text(), target.port(), holders, wanted));
        }

        out.evidence(Evidence.of("process", MSG.msg("evidence.searched", String.join(", ", names),
                procs.all().size()).text()));
        List<ProcessInfo> shown = facts.processes();
        shown.stream().limit(MAX_PROCESS_EVIDENCE).forEach(p -> out.evidence(Evidence.of("process", describe(p))));
        if (shown.size() > MAX_PROCESS_EVIDENCE) {
            out.evidence(Evidence.of("process", MSG.msg("evidence.more", shown.size() - MAX_PROCESS_EVIDENCE).text()));
        }
        if (holders != null) {
            out.evidence(Evidence.of("/proc/net/tcp", MSG.msg("evidence.port.held", target.port(), holders).text()));
            out.hint(MSG.msg("hint.other", target.port(), holders, facts.running() ? facts.displayName() : wanted));
        }
        systemd(context, names, facts, out);
        return out.build();
    }

    /**
     * Only a port was given ({@code --port 631}, no profile knows it): the program holding the
     * port is taken as the daemon. Nobody holds it (or we may not see who): nothing to check.
     */
    private static Outcome byPort(CheckContext context, ProcessTable procs) {
        int port = context.target().port();
        List<ProcessInfo> holders = PortSockets.of(context, List.of()).pids().stream()
                .flatMap(pid -> procs.get(pid).stream()).toList();
        if (holders.isEmpty()) {
            return Outcome.of(Verdict.SKIP, MSG.msg("skip.noname")).hint(MSG.msg("hint.noname")).build();
        }
        List<String> names = holders.stream().map(ProcessTable::name).distinct().toList();
        DaemonFacts facts = new DaemonFacts(names, holders, false);
        context.share(DaemonFacts.class, facts);
        Outcome.Builder out = Outcome.of(Verdict.PASS, MSG.msg("pass.byport",
                procs.describe(facts.pids()), port));
        holders.forEach(p -> out.evidence(Evidence.of("process", describe(p))));
        return out.build();
    }

    /** The profile's process names; for {@code --service NAME} without a profile that is [NAME]. */
    static List<String> names(Target target) {
        List<String> names = target.profile().processes();
        if (names.isEmpty() && target.service() != null && !target.service().isBlank()) {
            return List.of(target.service());
        }
        return names;
    }

    private static void systemd(CheckContext context, List<String> names, DaemonFacts facts, Outcome.Builder out) {
        Set<String> units = new LinkedHashSet<>(context.target().profile().systemdUnits());
        if (units.isEmpty()) {
            names.forEach(n -> units.add(n + ".service")); // a guess: sshd.service, cups.service
        }
        List<SystemdUnit> known = SystemdUnit.query(context.system(), List.copyOf(units));
        for (SystemdUnit u : known) {
            out.evidence(Evidence.of(String.join(" ", SystemdUnit.showCommand(u.unit())), u.describe()));
            if (!facts.running() || facts.weak() || !u.active()) {
                String source = String.join(" ", SystemdUnit.journalCommand(u.unit()));
                SystemdUnit.journal(context.system(), u.unit())
                        .ifPresent(lines -> lines.forEach(l -> out.evidence(Evidence.of(source, l))));
            }
        }
        if (!facts.running()) {
            if (known.isEmpty()) {
                out.hint(MSG.msg("hint.start", context.target().service() != null
                        ? context.target().service() : names.get(0)));
            } else {
                SystemdUnit u = known.stream().filter(x -> !x.active()).findFirst().orElse(known.get(0));
                out.hint(MSG.msg("hint.start.unit", u.unit()));
                out.hint(MSG.msg("hint.journal", u.unit()));
            }
        }
    }

    /** {@code pid 1470, user root, started 2026-11-27T20:44:25Z: /usr/sbin/httpd2-prefork -k start}. */
    static String describe(ProcessInfo p) {
        return MSG.msg("evidence.process", p.pid(), p.user() == null ? "?" : p.user(),
                p.startTime() == null ? "?" : p.startTime().truncatedTo(ChronoUnit.SECONDS),
                p.commandLine()).text();
    }
}
