package io.portdoc.checks.daemon;

import io.portdoc.checks.facts.Daemon;
import io.portdoc.checks.facts.PortSockets;
import io.portdoc.checks.facts.ProcessMatcher;
import io.portdoc.checks.facts.ProcessTable;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Step 1 of the seed's checklist ({@code ps -e | grep cups}): is the daemon running? Looks
 * for the profile's process names (see {@link ProcessMatcher}), names the program that holds
 * the target port when it is not the daemon, and adds the systemd unit's state and last log
 * lines where systemd runs. Which process is the daemon is the shared fact {@link Daemon}.
 */
@CheckInfo(id = "daemon", order = 10, title = "title")
public final class DaemonCheck implements Check {
    private static final Messages MSG = Messages.of(DaemonCheck.class);
    /** Apache can have hundreds of workers: show the first few. */
    static final int MAX_PROCESS_EVIDENCE = 8;

    @Override
    public Outcome run(CheckContext context) {
        Target target = context.target();
        ProcessTable procs = ProcessTable.of(context);
        Daemon daemon = Daemon.of(context);
        if (daemon.byPort()) {
            return byPort(context, daemon, procs);
        }
        List<String> names = daemon.names();
        PortSockets port = PortSockets.of(context);
        List<Long> others =
                port.pids().stream().filter(pid -> !daemon.pids().contains(pid)).toList();
        String holders = others.isEmpty() ? null : procs.describe(others);
        String wanted = target.service() != null ? target.service() : names.get(0);

        Outcome.Builder out;
        if (daemon.running() && !daemon.weak()) {
            ProcessInfo main = daemon.main();
            String name = ProcessTable.name(main);
            int more = daemon.processes().size() - 1;
            Msg summary = holders != null
                    ? MSG.msg("pass.other", name, main.pid(), target.port(), holders)
                    : more == 0 ? MSG.msg("pass", name, main.pid()) : MSG.msg("pass.many", name, main.pid(), more);
            out = Outcome.of(Verdict.PASS, summary);
        } else if (daemon.weak()) {
            ProcessMatcher.Hit first = daemon.weakHits().stream()
                    .filter(h -> h.process().equals(daemon.main()))
                    .findFirst()
                    .orElse(daemon.weakHits().get(0));
            out = Outcome.of(
                            Verdict.WARN,
                            MSG.msg(
                                    "warn.weak",
                                    String.join(", ", names),
                                    ProcessTable.name(first.process()),
                                    first.process().pid()))
                    .hint(MSG.msg("hint.weak", ProcessTable.name(first.process())));
        } else {
            Msg stopped = names.size() == 1
                    ? MSG.msg("fail.stopped", names.get(0))
                    : MSG.msg("fail.stopped.many", String.join(", ", names));
            out = Outcome.of(
                    Verdict.FAIL,
                    holders == null
                            ? stopped
                            : MSG.msg("fail.stopped.port", stopped.text(), target.port(), holders, wanted));
        }

        out.evidence(Evidence.of(
                "process",
                MSG.msg(
                                "evidence.searched",
                                String.join(", ", names),
                                procs.all().size())
                        .text()));
        List<ProcessInfo> shown = daemon.processes();
        shown.stream().limit(MAX_PROCESS_EVIDENCE).forEach(p -> out.evidence(Evidence.of("process", describe(p))));
        if (shown.size() > MAX_PROCESS_EVIDENCE) {
            out.evidence(Evidence.of(
                    "process",
                    MSG.msg("evidence.more", shown.size() - MAX_PROCESS_EVIDENCE)
                            .text()));
        }
        for (ProcessInfo p : daemon.elsewhere()) {
            out.evidence(Evidence.of(
                    "process", MSG.msg("evidence.elsewhere", describe(p)).text()));
        }
        if (!daemon.running() && !daemon.elsewhere().isEmpty()) {
            out.hint(MSG.msg(
                    "hint.elsewhere",
                    ProcessTable.name(daemon.elsewhere().get(0)),
                    daemon.elsewhere().get(0).pid()));
        }
        if (holders != null) {
            out.evidence(Evidence.of(
                    "/proc/net/tcp",
                    MSG.msg("evidence.port.held", target.port(), holders).text()));
            out.hint(MSG.msg("hint.other", target.port(), holders, daemon.running() ? daemon.displayName() : wanted));
        }
        systemd(context, names, daemon, out);
        return out.build();
    }

    /**
     * Only a port was given ({@code --port 631}, no profile knows it): the program holding the
     * port is taken as the daemon. Nobody holds it (or we may not see who): nothing to check.
     */
    private static Outcome byPort(CheckContext context, Daemon daemon, ProcessTable procs) {
        if (!daemon.running()) {
            return Outcome.of(Verdict.SKIP, MSG.msg("skip.noname"))
                    .hint(MSG.msg("hint.noname"))
                    .build();
        }
        Outcome.Builder out = Outcome.of(
                Verdict.PASS,
                MSG.msg(
                        "pass.byport",
                        procs.describe(daemon.pids()),
                        context.target().port()));
        daemon.processes().forEach(p -> out.evidence(Evidence.of("process", describe(p))));
        return out.build();
    }

    private static void systemd(CheckContext context, List<String> names, Daemon facts, Outcome.Builder out) {
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
                out.hint(MSG.msg(
                        "hint.start",
                        context.target().service() != null ? context.target().service() : names.get(0)));
            } else {
                SystemdUnit u =
                        known.stream().filter(x -> !x.active()).findFirst().orElse(known.get(0));
                out.hint(MSG.msg("hint.start.unit", u.unit()));
                out.hint(MSG.msg("hint.journal", u.unit()));
            }
        }
    }

    /** {@code pid 1470, user root, started 2026-11-27T20:44:25Z: /usr/sbin/httpd2-prefork -k start}. */
    static String describe(ProcessInfo p) {
        return MSG.msg(
                        "evidence.process",
                        p.pid(),
                        p.user() == null ? "?" : p.user(),
                        p.startTime() == null ? "?" : p.startTime().truncatedTo(ChronoUnit.SECONDS),
                        p.commandLine())
                .text();
    }
}
