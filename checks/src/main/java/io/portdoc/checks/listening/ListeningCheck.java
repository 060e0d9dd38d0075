package io.portdoc.checks.listening;

import io.portdoc.checks.facts.Bind;
import io.portdoc.checks.facts.BindScope;
import io.portdoc.checks.facts.Daemon;
import io.portdoc.checks.facts.Family;
import io.portdoc.checks.facts.LocalPortRange;
import io.portdoc.checks.facts.NatTranslation;
import io.portdoc.checks.facts.PortSockets;
import io.portdoc.checks.facts.ProcessTable;
import io.portdoc.checks.facts.SocketOwners;
import io.portdoc.checks.facts.SocketTable;
import io.portdoc.checks.facts.TcpSocket;
import io.portdoc.checks.facts.V6OnlyFlags;
import io.portdoc.core.Check;
import io.portdoc.core.CheckContext;
import io.portdoc.core.CheckInfo;
import io.portdoc.core.Evidence;
import io.portdoc.core.Exposure;
import io.portdoc.core.Messages;
import io.portdoc.core.Msg;
import io.portdoc.core.Outcome;
import io.portdoc.core.Target;
import io.portdoc.core.Verdict;
import io.portdoc.core.net.Addresses;
import io.portdoc.core.net.PortClass;
import io.portdoc.core.net.ServicesDb;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Step 3 of the seed's checklist ({@code netstat -tlpn}): does the daemon listen on the port,
 * on an address the clients can reach? Reads /proc/net/tcp and tcp6 (shared with the daemon
 * step), maps the sockets on the port to their processes, and judges two things separately:
 * who holds the port (the daemon, another program, nobody, or hidden from a non-root user)
 * and what the bind lets in (all addresses, loopback only, one address, one family only).
 * The worse of the two is the verdict.
 */
@CheckInfo(id = "listening", order = 30, title = "title")
public final class ListeningCheck implements Check {
    private static final Messages MSG = Messages.of(ListeningCheck.class);

    /** One judgement: the verdict and sentence it would give, plus its hints. */
    @Override
    public Outcome run(CheckContext context) {
        Target target = context.target();
        if (!"tcp".equalsIgnoreCase(target.protocol())) {
            return Outcome.of(Verdict.SKIP, MSG.msg("skip.protocol", target.protocol()))
                    .build();
        }
        SocketTable table = SocketTable.of(context);
        if (!table.readable()) {
            return Outcome.of(
                            Verdict.UNKNOWN,
                            MSG.msg("unknown.table", table.unreadable().toString()))
                    .hint(MSG.msg("hint.table"))
                    .build();
        }
        NatTranslation nat = NatTranslation.of(context);
        Optional<LocalPortRange> range = LocalPortRange.read(context.system());
        if (nat.kind() == NatTranslation.Kind.REMOTE) {
            // the packet is forwarded: nothing on this host needs to listen on the port
            List<Evidence> evidence = portEvidence(context, target.port(), range);
            evidence.add(Evidence.of("nat", nat.rule()));
            return Outcome.of(Verdict.SKIP, MSG.msg("skip.dnat", target.port(), nat.destination(), nat.rule()))
                    .evidence(evidence)
                    .build();
        }
        // a redirect or a DNAT to this host: the listener that counts is on the port it goes to
        int port = nat.kind() == NatTranslation.Kind.LOCAL ? nat.port() : target.port();
        Outcome finding = judge(context, port, range);
        return switch (nat.kind()) {
            case LOCAL ->
                new Outcome(
                        finding.verdict(),
                        MSG.msg(
                                "nat.local",
                                target.port(),
                                port,
                                nat.rule(),
                                finding.summary().text()),
                        prepend(Evidence.of("nat", nat.rule()), finding.evidence()),
                        finding.hints());
            case RANGE, PARTIAL -> unknownNat(finding, nat, target.port());
            default -> finding;
        };
    }

    /**
     * A nat rule sends the packet to a port the kernel picks, or only some clients' packets
     * elsewhere: the target port's own listener decides nothing for certain, so never a plain
     * "nothing listens" (FAIL becomes WARN naming the rule), never a PASS that ignores the rule.
     */
    private static Outcome unknownNat(Outcome finding, NatTranslation nat, int port) {
        String key = nat.kind() == NatTranslation.Kind.RANGE ? "warn.nat.range" : "warn.nat.partial";
        Msg summary = MSG.msg(key, port, nat.rule(), finding.summary().text(), nat.why());
        List<Evidence> evidence = prepend(Evidence.of("nat", summary.text()), finding.evidence());
        if (finding.verdict() == Verdict.FAIL || finding.verdict() == Verdict.PASS) {
            return new Outcome(Verdict.WARN, summary, evidence, finding.hints());
        }
        return new Outcome(finding.verdict(), finding.summary(), evidence, finding.hints());
    }

    private static List<Evidence> prepend(Evidence first, List<Evidence> rest) {
        List<Evidence> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /** Who holds {@code port} (the target port, or the one a local nat rule sends it to) and what the bind lets in. */
    private static Outcome judge(CheckContext context, int port, Optional<LocalPortRange> range) {
        Target target = context.target();
        SocketTable table = SocketTable.of(context);
        Optional<Daemon> daemon = Optional.of(Daemon.of(context)).filter(Daemon::known);
        PortSockets onPort = port == target.port() ? PortSockets.of(context) : PortSockets.onPort(context, port);
        ProcessTable procs = ProcessTable.of(context);
        List<Evidence> evidence = portEvidence(context, port, range);

        Outcome finding;
        if (onPort.sockets().isEmpty()) {
            finding = nothingListens(context, port, table, daemon, procs, evidence);
            if (range.isPresent() && range.get().contains(port)) {
                finding = finding.with(
                        List.of(),
                        List.of(MSG.msg(
                                "hint.range",
                                port,
                                range.get().low(),
                                range.get().high())));
            }
        } else {
            List<TcpSocket> sockets =
                    onPort.sockets().stream().map(PortSockets.Held::socket).toList();
            for (PortSockets.Held h : onPort.sockets()) {
                Bind bind = Bind.of(h.socket(), sockets, table);
                evidence.add(Evidence.of(
                        h.socket().family().file.toString(),
                        MSG.msg(
                                        "evidence.socket",
                                        h.socket().endpoint(),
                                        h.socket().uid(),
                                        h.socket().inode(),
                                        owner(h, onPort, procs),
                                        MSG.msg("scope." + bind.id(), port).text())
                                .text()));
            }
            evidence.addAll(flagEvidence(table, sockets));
            if (!onPort.denied().isEmpty()) {
                evidence.add(Evidence.of(
                        "/proc/PID/fd",
                        MSG.msg(
                                        context.system().privileged() ? "evidence.denied.root" : "evidence.denied",
                                        onPort.denied().size())
                                .text()));
            }
            String who = who(onPort, procs);
            List<Outcome> findings = new ArrayList<>();
            boolean privileged = context.system().privileged();
            Outcome owner = ownership(onPort, daemon, procs, port, privileged);
            if (owner != null) {
                findings.add(owner); // on a tie, who holds the port comes first
            }
            findings.add(binding(context, port, table, sockets, who, program(onPort, procs, daemon, target)));
            finding = Outcome.worst("listening", findings);
            if (daemon.isEmpty() && onPort.ownersHidden()) {
                finding = finding.with(List.of(), List.of(hiddenHint(privileged)));
            }
        }
        return finding.with(evidence, List.of());
    }

    /** The seed's port groups, the /etc/services name and the ephemeral range. */
    private static List<Evidence> portEvidence(CheckContext context, int port, Optional<LocalPortRange> range) {
        List<Evidence> out = new ArrayList<>();
        out.add(Evidence.of(
                "port", MSG.msg("evidence.class." + PortClass.of(port).id, port).text()));
        String name = context.target().portName();
        out.add(Evidence.of(
                ServicesDb.FILE.toString(),
                (name == null ? MSG.msg("evidence.noservice", port) : MSG.msg("evidence.service", port, name)).text()));
        range.filter(r -> r.contains(port))
                .ifPresent(r -> out.add(Evidence.of(
                        LocalPortRange.FILE.toString(),
                        MSG.msg("evidence.range", port, r.low(), r.high()).text())));
        return out;
    }

    private static Outcome nothingListens(
            CheckContext context,
            int port,
            SocketTable table,
            Optional<Daemon> daemon,
            ProcessTable procs,
            List<Evidence> evidence) {
        if (daemon.isEmpty()) {
            return Outcome.finding(Verdict.FAIL, MSG.msg("fail.nothing", port), MSG.msg("hint.nothing", port));
        }
        Daemon d = daemon.get();
        if (!d.running()) {
            return Outcome.finding(
                    Verdict.FAIL,
                    MSG.msg("fail.nothing.down", port, d.displayName()),
                    MSG.msg("hint.start", d.displayName()));
        }
        SocketOwners.Result own = SocketOwners.socketsOf(context.system(), d.pids());
        List<TcpSocket> elsewhere = table.listening().stream()
                .filter(s -> own.owners().containsKey(s.inode()))
                .toList();
        for (TcpSocket s : elsewhere) {
            evidence.add(Evidence.of(
                    s.family().file.toString(),
                    MSG.msg("evidence.socket.daemon", s.endpoint(), procs.describe(own.pids(s.inode())))
                            .text()));
        }
        String name = d.displayName();
        if (!elsewhere.isEmpty()) {
            List<Integer> ports =
                    elsewhere.stream().map(TcpSocket::port).distinct().sorted().toList();
            String list = ports.stream().map(String::valueOf).collect(Collectors.joining(", "));
            return Outcome.finding(
                    Verdict.FAIL,
                    MSG.msg("fail.elsewhere", name, list, port),
                    MSG.msg("hint.port", name, port, ports.get(0)));
        }
        if (own.denied().size() == d.pids().size()) {
            evidence.add(Evidence.of(
                    "/proc/PID/fd",
                    MSG.msg("evidence.denied", own.denied().size()).text()));
            return Outcome.finding(
                    Verdict.FAIL,
                    MSG.msg("fail.nothing.hidden", port, name),
                    MSG.msg("hint.config", name, port),
                    MSG.msg("hint.root.ports", name));
        }
        return Outcome.finding(
                Verdict.FAIL, MSG.msg("fail.nothing.none", name, port), MSG.msg("hint.config", name, port));
    }

    /** Who holds the port: the daemon (fine), another program, nobody, or hidden. Null: nothing to say. */
    private static Outcome ownership(
            PortSockets onPort, Optional<Daemon> daemon, ProcessTable procs, int port, boolean privileged) {
        List<PortSockets.Held> held = onPort.sockets();
        boolean hidden = onPort.ownersHidden();
        boolean orphan = !hidden && held.stream().anyMatch(h -> h.pids().isEmpty());
        if (daemon.isEmpty()) {
            return null; // no name and nobody on the port: nothing to compare the owner with
        }
        Daemon d = daemon.get();
        Set<Long> mine = Set.copyOf(d.pids());
        boolean daemonHolds =
                held.stream().anyMatch(h -> h.pids().stream().anyMatch(mine::contains)) || d.kernelThreads() && orphan;
        List<Long> foreign =
                onPort.pids().stream().filter(p -> !mine.contains(p)).toList();
        if (!foreign.isEmpty()) {
            String others = procs.describe(foreign);
            if (daemonHolds) {
                return Outcome.finding(
                        Verdict.WARN,
                        MSG.msg(
                                "warn.shared",
                                port,
                                procs.describe(onPort.pids().stream()
                                        .filter(mine::contains)
                                        .toList()),
                                others));
            }
            return Outcome.finding(
                    Verdict.FAIL,
                    MSG.msg("fail.other", port, others, d.displayName()),
                    MSG.msg("hint.other", others, d.displayName()));
        }
        if (daemonHolds) {
            return null;
        }
        if (hidden) {
            // most likely the daemon's own socket under another user; only root can tell
            return Outcome.finding(
                    d.running() ? Verdict.WARN : Verdict.UNKNOWN,
                    hiddenSummary(onPort, privileged, port),
                    hiddenHint(privileged));
        }
        if (orphan) {
            return Outcome.finding(Verdict.WARN, MSG.msg("warn.orphan", port));
        }
        return null;
    }

    /** What the bind lets in, against the service's exposure and the --host / --client given. */
    private static Outcome binding(
            CheckContext context, int port, SocketTable table, List<TcpSocket> sockets, String who, String program) {
        Target target = context.target();
        List<Bind> binds = sockets.stream().map(s -> Bind.of(s, sockets, table)).toList();
        boolean v4 = false;
        boolean v6 = false;
        boolean allV4 = false;
        boolean allV6 = false;
        boolean dual = false;
        for (Bind b : binds) {
            if (b.scope != BindScope.LOOPBACK) {
                v4 |= b.v4;
                v6 |= b.v6;
            }
            allV4 |= b == Bind.ALL_V4 || b == Bind.ALL_V6_DUAL || b == Bind.ALL_V6_MAPPED;
            allV6 |= b.scope == BindScope.ALL && b.v6;
            dual |= b == Bind.ALL_V6_DUAL || b == Bind.ALL_V6_MAPPED;
        }
        String endpoints = sockets.stream().map(TcpSocket::endpoint).distinct().collect(Collectors.joining(", "));
        boolean local = target.exposure() == Exposure.LOCAL;
        if (!v4 && !v6) {
            InetAddress c = target.client();
            if (c != null
                    && c.isLoopbackAddress()
                    && target.hostAddresses().stream().allMatch(h -> h.address().isLoopbackAddress())) {
                return localClient(target, sockets, who, endpoints);
            }
            return local
                    ? Outcome.finding(Verdict.PASS, MSG.msg("pass.local", who, port, endpoints))
                    : Outcome.finding(
                            Verdict.FAIL,
                            MSG.msg("fail.loopback", who, port, endpoints),
                            MSG.msg("hint.loopback", program));
        }
        List<InetAddress> localAddresses = context.system().localAddresses();
        if (target.host() != null) {
            List<InetAddress> wanted = target.localHostAddresses();
            boolean covered = wanted.stream().anyMatch(a -> covers(a, sockets, binds));
            if (!wanted.isEmpty() && !covered) {
                return Outcome.finding(
                        Verdict.FAIL,
                        MSG.msg("fail.host", who, port, endpoints, target.host()),
                        MSG.msg("hint.host", program, Addresses.text(wanted.get(0)), endpoints));
            }
        }
        InetAddress client = target.client();
        boolean v4Client = client instanceof Inet4Address;
        if (client != null && !local && !(v4Client ? v4 : v6)) {
            // the kernel refuses a client of a family no socket takes; only a presumed IPv6-only
            // socket (the sysctl, its own flag unread) leaves room for doubt
            boolean presumed = v4Client && binds.stream().anyMatch(Bind::presumed);
            return Outcome.finding(
                    presumed ? Verdict.WARN : Verdict.FAIL,
                    MSG.msg(presumed ? "warn.family" : "fail.family", who, port, endpoints, Addresses.text(client)),
                    MSG.msg("hint.family", program));
        }
        boolean hostHasV4 = localAddresses.stream().anyMatch(a -> a instanceof Inet4Address && !a.isLoopbackAddress());
        if (!v4 && !local && hostHasV4 && client == null) { // a given IPv6 client was judged above
            return Outcome.finding(
                    Verdict.WARN, MSG.msg("warn.v6only", who, port, endpoints), MSG.msg("hint.v6only", program));
        }
        boolean v4Read = binds.stream().anyMatch(b -> b.scope != BindScope.LOOPBACK && b.v4 && !b.presumed());
        if (v4 && !v4Read && !local && (client == null ? hostHasV4 : v4Client)) {
            // IPv4 clients get in only through a :: socket whose IPV6_V6ONLY could not be read
            TcpSocket unread = sockets.get(binds.indexOf(Bind.ALL_V6_DUAL));
            return Outcome.finding(
                    Verdict.WARN,
                    MSG.msg("warn.dual.unread", who, port, endpoints, unreadReason(table, unread)),
                    MSG.msg("hint.dual.unread", port, program));
        }
        if (allV4 && allV6) {
            return Outcome.finding(
                    Verdict.PASS,
                    MSG.msg(
                            !dual || binds.contains(Bind.ALL_V4)
                                    ? "pass.all.both"
                                    : binds.contains(Bind.ALL_V6_DUAL) ? "pass.all.dual" : "pass.all.mapped",
                            who,
                            port));
        }
        if (allV4 || allV6) {
            return Outcome.finding(
                    Verdict.PASS,
                    MSG.msg(
                            allV4 && !v6 ? "pass.all.v4.only" : allV4 ? "pass.all.v4" : "pass.all.v6",
                            who,
                            port,
                            endpoints));
        }
        return Outcome.finding(Verdict.PASS, MSG.msg("pass.specific", who, port, endpoints));
    }

    /**
     * A client on this host ({@code --client} on loopback, {@code --host} absent or on loopback)
     * connects over loopback: a loopback socket of its family, on the {@code --host} address when
     * given, serves it; the others refuse it.
     */
    private static Outcome localClient(Target target, List<TcpSocket> sockets, String who, String endpoints) {
        InetAddress c = target.client();
        int port = target.port();
        String client = Addresses.text(c);
        List<TcpSocket> ofFamily = sockets.stream()
                .filter(s -> (s.clientFamily() == Family.IPV4) == (c instanceof Inet4Address))
                .toList();
        if (ofFamily.isEmpty()) {
            return Outcome.finding(
                    Verdict.FAIL,
                    MSG.msg("fail.local.family", who, port, endpoints, client),
                    MSG.msg("hint.local.family", client));
        }
        List<InetAddress> wanted =
                target.hostAddresses().stream().map(Target.HostAddress::address).toList();
        if (!wanted.isEmpty() && ofFamily.stream().noneMatch(s -> wanted.contains(s.address()))) {
            String host = target.host() != null ? target.host() : Addresses.text(wanted.get(0));
            return Outcome.finding(
                    Verdict.FAIL,
                    MSG.msg("fail.host", who, port, endpoints, host),
                    MSG.msg("hint.local.host", endpoints));
        }
        return Outcome.finding(Verdict.PASS, MSG.msg("pass.local.client", who, port, endpoints, client));
    }

    /** ss's IPV6_V6ONLY of each socket on {@code ::} on the port, or why it could not be read. */
    private static List<Evidence> flagEvidence(SocketTable table, List<TcpSocket> sockets) {
        List<Evidence> out = new ArrayList<>();
        for (TcpSocket s : sockets) {
            if (s.wildcard() && s.clientFamily() == Family.IPV6) {
                Optional<Boolean> flag = table.v6only().of(s);
                out.add(Evidence.of(
                        V6OnlyFlags.command(),
                        flag.isPresent()
                                ? MSG.msg("evidence.v6only." + (flag.get() ? 1 : 0), s.endpoint(), s.inode())
                                        .text()
                                : MSG.msg("evidence.v6only.unread", s.endpoint(), unreadReason(table, s))
                                        .text()));
            }
        }
        return out;
    }

    private static String unreadReason(SocketTable table, TcpSocket s) {
        V6OnlyFlags flags = table.v6only();
        V6OnlyFlags.Unread why = flags.whyUnknown(s);
        return why == null
                ? ""
                : MSG.msg("v6only." + why.id(), flags.detail(), s.inode()).text();
    }

    /** Whether a connection to {@code a} reaches one of the sockets. */
    private static boolean covers(InetAddress a, List<TcpSocket> sockets, List<Bind> binds) {
        boolean v4 = a instanceof Inet4Address;
        for (int i = 0; i < sockets.size(); i++) {
            Bind b = binds.get(i);
            if (b.scope == BindScope.ALL
                    ? (v4 ? b.v4 : b.v6)
                    : sockets.get(i).address().equals(a)) {
                return true;
            }
        }
        return false;
    }

    private static Msg hiddenSummary(PortSockets onPort, boolean privileged, int port) {
        return privileged ? MSG.msg("hidden.root", port, onPort.denied().size()) : MSG.msg("hidden", port);
    }

    private static Msg hiddenHint(boolean privileged) {
        return MSG.msg(privileged ? "hint.ptrace" : "hint.root");
    }

    /** "cupsd (pid 1462)", or who we think holds the sockets when no PID is known. */
    private static String who(PortSockets onPort, ProcessTable procs) {
        if (!onPort.pids().isEmpty()) {
            return procs.describe(onPort.pids());
        }
        return MSG.msg(onPort.ownersHidden() ? "who.hidden" : "who.kernel").text();
    }

    /** The program's name for hints ("master", not "master (pid 1994)"). */
    private static String program(PortSockets onPort, ProcessTable procs, Optional<Daemon> daemon, Target target) {
        List<String> names = onPort.pids().stream().map(procs::name).distinct().toList();
        if (!names.isEmpty()) {
            return String.join(", ", names);
        }
        return daemon.map(Daemon::displayName).orElse(target.service() != null ? target.service() : "the daemon");
    }

    private static String owner(PortSockets.Held h, PortSockets onPort, ProcessTable procs) {
        if (!h.pids().isEmpty()) {
            return procs.describe(h.pids());
        }
        return MSG.msg(onPort.denied().isEmpty() ? "owner.none" : "owner.hidden")
                .text();
    }
}
