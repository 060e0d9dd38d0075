package io.portdoc.checks.config.wrappers;

import io.portdoc.checks.config.ConfigJudge;
import io.portdoc.checks.config.ConfigRequest;
import io.portdoc.checks.config.files.Regions;
import io.portdoc.core.Evidence;
import io.portdoc.core.Exposure;
import io.portdoc.core.Messages;
import io.portdoc.core.Outcome;
import io.portdoc.core.Target;
import io.portdoc.core.Verdict;
import io.portdoc.core.host.ProcessInfo;
import io.portdoc.core.net.AddressSet;
import io.portdoc.core.net.Addresses;
import io.portdoc.core.net.ServicesDb;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Step 2 for a service started by xinetd: the service entry for the target port (its own
 * {@code port}, else its name in /etc/services), whether it is disabled or bound to loopback,
 * then xinetd's own {@code only_from} / {@code no_access} (access.c remote_address_check: a
 * client on no_access, on both lists, or missing from a given only_from is refused), then TCP
 * wrappers under the name xinetd passes to libwrap, unless the service has {@code flags = NOLIBWRAP}.
 */
public final class XinetdJudge implements ConfigJudge {
    static final Messages MSG = WrapReport.MSG;
    static final Path DEFAULT = Path.of("/etc/xinetd.conf");
    private static final String SOURCE = WrapReport.SOURCE;

    @Override
    public String format() {
        return "xinetd";
    }

    @Override
    public Set<String> programs() {
        return Set.of("xinetd");
    }

    @Override
    public Outcome judge(ConfigRequest req) {
        try {
            return run(req);
        } catch (RuntimeException e) {
            return Outcome.of(Verdict.UNKNOWN, MSG.msg("unknown.unreadable", String.valueOf(e.getMessage())))
                    .build();
        }
    }

    private Outcome run(ConfigRequest req) {
        Target t = req.target();
        Optional<ProcessInfo> other =
                req.daemon().filter(d -> d.comm() != null && !d.comm().equals("xinetd"));
        if (other.isPresent()) { // a profile naming both (rsync, ftp) with the daemon running standalone
            return Outcome.of(
                            Verdict.SKIP,
                            MSG.msg(
                                    "skip.not.xinetd",
                                    other.get().comm(),
                                    other.get().pid()))
                    .build();
        }
        Path file = locate(req);
        List<Evidence> ev = new ArrayList<>();
        ev.add(Evidence.of(
                SOURCE,
                MSG.msg(
                                "ev.xinetd.source",
                                file,
                                req.daemon().isPresent()
                                        ? "the running xinetd (pid "
                                                + req.daemon().get().pid() + ")"
                                        : "xinetd configuration")
                        .text()));
        XinetdConfig cfg = XinetdConfig.read(req.system(), file);
        if (cfg.unreadable() != null) {
            return Outcome.of(Verdict.UNKNOWN, MSG.msg("unknown.unreadable", cfg.unreadable()))
                    .evidence(ev)
                    .hint(MSG.msg("hint.run.as.root"))
                    .build();
        }
        ev.add(Evidence.of(
                SOURCE,
                MSG.msg("ev.xinetd.read", cfg.files().size(), cfg.services().size())
                        .text()));
        cfg.problems()
                .forEach(p ->
                        ev.add(Evidence.of(SOURCE, MSG.msg("ev.wrap.warning", p).text())));
        Optional<XinetdService> found = service(req, cfg, t.port());
        if (found.isEmpty()) {
            return Outcome.of(
                            Verdict.UNKNOWN,
                            MSG.msg(
                                    "unknown.xinetd.not.found",
                                    t.port(),
                                    file,
                                    cfg.services().size()))
                    .evidence(ev)
                    .hint(MSG.msg("hint.xinetd.not.found"))
                    .build();
        }
        XinetdService s = found.get();
        ev.add(Evidence.at(
                SOURCE,
                MSG.msg("ev.xinetd.service", t.port(), s.id(), s.entry().loc()).text(),
                s.entry().loc()));
        if (s.disabled()) {
            return Outcome.of(Verdict.FAIL, MSG.msg("fail.xinetd.disabled", s.id(), s.disabledLoc(), t.port()))
                    .evidence(ev)
                    .hint(MSG.msg("hint.xinetd.disabled", s.disabledLoc()))
                    .build();
        }
        boolean clientLocal = t.client() != null && WrapReport.LOOPBACK.contains(t.client());
        if (s.bind() != null && loopback(s.bind()) && !clientLocal && t.exposure() != Exposure.LOCAL) {
            return Outcome.of(Verdict.FAIL, MSG.msg("fail.xinetd.bind", s.id(), s.bind(), s.bindLoc()))
                    .evidence(ev)
                    .hint(MSG.msg("hint.xinetd.bind", s.bindLoc()))
                    .build();
        }
        if (s.onlyFrom() != null) {
            ev.add(Evidence.at(
                    SOURCE,
                    MSG.msg("ev.xinetd.only.from", String.join(" ", s.onlyFrom()))
                            .text(),
                    s.onlyFromLoc()));
        }
        if (s.noAccess() != null) {
            ev.add(Evidence.at(
                    SOURCE,
                    MSG.msg("ev.xinetd.no.access", String.join(" ", s.noAccess()))
                            .text(),
                    s.noAccessLoc()));
        }
        Wrappers w = s.libwrap() ? Wrappers.read(req.system()) : null;
        ev.add(Evidence.of(
                SOURCE,
                s.libwrap()
                        ? MSG.msg("ev.xinetd.libwrap", s.wrapName()).text()
                        : MSG.msg("ev.xinetd.nolibwrap").text()));
        InetAddress server = TcpWrappersJudge.literal(t.host());
        if (t.client() == null) {
            return everyone(s, w, server, t, ev);
        }
        Client c = w != null
                ? w.client(t.client())
                : new Client(t.client(), req.system().reverse(t.client()).orElse(null), true);
        String client = Addresses.text(t.client());
        Tri na = s.noAccess() == null ? Tri.NO : XinetdAddresses.matches(s.noAccess(), c);
        Tri of = s.onlyFrom() == null ? Tri.YES : XinetdAddresses.matches(s.onlyFrom(), c);
        if (na == Tri.YES) {
            String why = of == Tri.YES && s.onlyFrom() != null
                    ? MSG.msg("why.xinetd.both").text()
                    : "no_access " + String.join(" ", s.noAccess());
            return Outcome.of(Verdict.FAIL, MSG.msg("fail.xinetd.client", client, s.id(), s.noAccessLoc(), why))
                    .evidence(ev)
                    .hint(MSG.msg("hint.xinetd.no.access", client, s.noAccessLoc()))
                    .build();
        }
        if (of == Tri.NO) {
            String why = s.onlyFrom().isEmpty()
                    ? "only_from is empty: nobody"
                    : "not in only_from " + String.join(" ", s.onlyFrom());
            return Outcome.of(Verdict.FAIL, MSG.msg("fail.xinetd.client", client, s.id(), s.onlyFromLoc(), why))
                    .evidence(ev)
                    .hint(MSG.msg("hint.xinetd.only.from", client, s.onlyFromLoc()))
                    .build();
        }
        if (na == Tri.DEPENDS || of == Tri.DEPENDS) {
            String where = na == Tri.DEPENDS ? s.noAccessLoc() : s.onlyFromLoc();
            return Outcome.of(
                            Verdict.WARN,
                            MSG.msg("warn.client.depends", client, s.id(), where, "only_from / no_access"))
                    .evidence(ev)
                    .hint(MSG.msg("dns.note"))
                    .build();
        }
        String why = s.onlyFrom() == null && s.noAccess() == null
                ? MSG.msg("why.xinetd.none").text()
                : s.onlyFrom() != null
                        ? MSG.msg("why.xinetd.only.from").text() + " (" + s.onlyFromLoc() + ")"
                        : "not in no_access (" + s.noAccessLoc() + ")";
        if (w == null) {
            return Outcome.of(Verdict.PASS, MSG.msg("pass.xinetd.client", client, s.id(), why))
                    .evidence(ev)
                    .build();
        }
        ev.add(Evidence.of(
                SOURCE, MSG.msg("pass.xinetd.client", client, s.id(), why).text()));
        return WrapReport.client(w, s.wrapName(), t.client(), server, ev);
    }

    private Outcome everyone(XinetdService s, Wrappers w, InetAddress server, Target t, List<Evidence> ev) {
        if (w != null && w.unreadable() != null) {
            return WrapReport.unreadable(w, ev);
        }
        List<AddressSet> atoms = new ArrayList<>();
        for (List<String> l : Arrays.asList(s.onlyFrom(), s.noAccess())) {
            if (l != null) {
                l.forEach(x -> XinetdAddresses.set(x).ifPresent(atoms::add));
            }
        }
        if (w != null) {
            atoms.addAll(w.atoms());
        }
        Regions.Split split = Regions.split(atoms, a -> {
            Client c = Client.unnamed(a);
            Tri na = s.noAccess() == null ? Tri.NO : XinetdAddresses.matches(s.noAccess(), c);
            Tri of = s.onlyFrom() == null ? Tri.YES : XinetdAddresses.matches(s.onlyFrom(), c);
            if (na == Tri.YES || of == Tri.NO) {
                return false;
            }
            if (na == Tri.DEPENDS || of == Tri.DEPENDS) {
                return null;
            }
            return w == null ? Boolean.TRUE : w.admits(s.wrapName(), a, server);
        });
        String where = s.onlyFromLoc() != null ? s.onlyFromLoc() : s.entry().loc();
        return WrapReport.who(split, s.id(), t.exposure(), where, ev, w == null ? List.of() : w.warnings());
    }

    private static boolean loopback(String bind) {
        try {
            return WrapReport.LOOPBACK.contains(Addresses.literal(bind));
        } catch (IllegalArgumentException e) {
            return bind.equals("localhost");
        }
    }

    /** The running xinetd's own {@code -f}, then --config, the profile's files, /etc/xinetd.conf. */
    static Path locate(ConfigRequest req) {
        Optional<ProcessInfo> d = req.daemon();
        if (d.isPresent()) {
            List<String> argv = d.get().argv();
            for (int i = 0; i + 1 < argv.size(); i++) {
                if (argv.get(i).equals("-f")) {
                    return Path.of(argv.get(i + 1));
                }
            }
        }
        Target t = req.target();
        if (t.configFile() != null) {
            return t.configFile();
        }
        if (t.profile().config() != null) {
            for (String f : t.profile().config().files()) {
                if (req.system().exists(Path.of(f))) {
                    return Path.of(f);
                }
            }
        }
        return DEFAULT;
    }

    /** The first stream service on this port: its {@code port}, else its name (or id) in /etc/services. */
    static Optional<XinetdService> service(ConfigRequest req, XinetdConfig cfg, int port) {
        ServicesDb db = ServicesDb.load(req.system(), "tcp");
        XinetdService firstDisabled = null;
        for (XinetdConfig.Entry e : cfg.services()) {
            String proto = e.value("protocol");
            String type = e.value("socket_type");
            if (proto != null && !proto.equalsIgnoreCase("tcp") || type != null && !type.equalsIgnoreCase("stream")) {
                continue;
            }
            Integer p = null;
            if (e.value("port") != null) {
                try {
                    p = Integer.parseInt(e.value("port"));
                } catch (NumberFormatException ex) {
                    p = null;
                }
            } else {
                p = db.port(e.name()).orElse(null);
            }
            if (p == null || p != port) {
                continue;
            }
            XinetdService s = XinetdService.of(e, cfg.defaults(), p);
            if (!s.disabled()) {
                return Optional.of(s);
            }
            firstDisabled = firstDisabled == null ? s : firstDisabled;
        }
        return Optional.ofNullable(firstDisabled);
    }
}
