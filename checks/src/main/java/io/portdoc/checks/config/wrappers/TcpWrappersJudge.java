package io.portdoc.checks.config.wrappers;

import io.portdoc.checks.config.ConfigJudge;
import io.portdoc.checks.config.ConfigRequest;
import io.portdoc.core.Evidence;
import io.portdoc.core.Outcome;
import io.portdoc.core.Target;
import io.portdoc.core.host.ProcessInfo;
import io.portdoc.core.net.Addresses;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Step 2 for a daemon that asks TCP wrappers ({@code config.format: tcpwrappers}, or tcpd):
 * hosts.allow then hosts.deny for the daemon's process name and the client.
 */
public final class TcpWrappersJudge implements ConfigJudge {
    @Override
    public String format() {
        return "tcpwrappers";
    }

    @Override
    public Set<String> programs() {
        return Set.of("tcpd");
    }

    @Override
    public Outcome judge(ConfigRequest request) {
        Target t = request.target();
        Wrappers w = Wrappers.read(request.system());
        String daemon = daemonName(request.daemon(), t);
        List<Evidence> ev = new ArrayList<>();
        Optional<Boolean> linked = request.daemon().flatMap(d -> Wrappers.linked(request.system(), d));
        if (linked.orElse(false)) {
            ProcessInfo d = request.daemon().get();
            ev.add(Evidence.of(
                    WrapReport.SOURCE,
                    WrapReport.MSG
                            .msg("ev.wrap.linked", d.comm(), d.pid(), daemon)
                            .text()));
        } else {
            ev.add(Evidence.of(
                    WrapReport.SOURCE,
                    WrapReport.MSG.msg("ev.wrap.assumed", daemon).text()));
        }
        InetAddress server = literal(t.host());
        return t.client() == null
                ? WrapReport.everyone(w, daemon, server, t.exposure(), ev)
                : WrapReport.client(w, daemon, t.client(), server, ev);
    }

    /** The name libwrap gets: the daemon's program name (argv[0]'s last part), else the profile's. */
    static String daemonName(Optional<ProcessInfo> daemon, Target t) {
        if (daemon.isPresent()) {
            ProcessInfo d = daemon.get();
            if (!d.argv().isEmpty() && !d.argv().get(0).isBlank()) {
                Path p = Path.of(d.argv().get(0).split("\\s+")[0].replace(":", ""));
                return p.getFileName() == null ? d.comm() : p.getFileName().toString();
            }
            if (d.comm() != null) {
                return d.comm();
            }
        }
        if (!t.profile().processes().isEmpty()) {
            return t.profile().processes().get(0);
        }
        return t.service() == null ? "ALL" : t.service();
    }

    static InetAddress literal(String host) {
        if (host == null) {
            return null;
        }
        try {
            return Addresses.literal(host);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
