package io.portdoc.checks.firewall;

import io.portdoc.core.Evidence;
import io.portdoc.core.Messages;
import io.portdoc.core.Msg;
import io.portdoc.core.Outcome;
import io.portdoc.core.Target;
import io.portdoc.core.Verdict;
import io.portdoc.core.host.SystemView;
import io.portdoc.core.net.Addresses;
import io.portdoc.core.vantage.RouteBack;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's way back to the client: {@code ip route get CLIENT} (shared with the firewall's
 * packet model through {@link Routes}) and IPv4 reverse path filtering. The kernel validates the
 * source on the arrival interface with the larger of {@code conf/all/rp_filter} and
 * {@code conf/DEV/rp_filter} (Documentation/networking/ip-sysctl.rst): 1 (strict) drops a packet
 * whose route back does not leave by the interface it came in on, 2 (loose) only one with no
 * route back at all.
 */
final class RouteBackReader {
    private static final Messages MSG = Messages.of(RouteBackReader.class);
    private static final String CONF = "/proc/sys/net/ipv4/conf/";

    private RouteBackReader() {}

    /** The route back to the target's client, or null without a client. */
    static RouteBack read(SystemView system, Routes routes, Target t) {
        if (t.client() == null) {
            return null;
        }
        InetAddress c = Addresses.unmap(t.client());
        if (routes.isLocal(c)) {
            return new RouteBack(c, RouteBack.Kind.LOCAL, null, "lo", null, -1, null);
        }
        // the interface the SYN arrives on is not known: a packet for any local address may come in
        // on any interface (weak host model), so the address's interface says nothing about it
        String arrival = null;
        Routes.Answer a = routes.answer(c);
        if (a.route() == null) {
            RouteBack.Kind kind = a.error() == null ? RouteBack.Kind.UNKNOWN : RouteBack.Kind.NONE;
            return new RouteBack(c, kind, null, null, arrival, rpFilter(system, c, arrival), a.error());
        }
        Routes.Route r = a.route();
        RouteBack.Kind kind = r.gateway() == null ? RouteBack.Kind.ON_LINK : RouteBack.Kind.GATEWAY;
        String dev = arrival != null ? arrival : r.dev();
        return new RouteBack(c, kind, r.gateway(), r.dev(), arrival, rpFilter(system, c, dev), null);
    }

    /** max(all, dev) for an IPv4 client; -1 for IPv6 (no rp_filter sysctl) or when unreadable. */
    static int rpFilter(SystemView system, InetAddress client, String dev) {
        if (!(client instanceof Inet4Address)) {
            return -1;
        }
        int all = number(system, CONF + "all/rp_filter");
        int own = dev == null || dev.contains("/") || dev.startsWith(".")
                ? -1
                : number(system, CONF + dev + "/rp_filter");
        return Math.max(all, own);
    }

    private static int number(SystemView system, String path) {
        try {
            return Integer.parseInt(system.readFileOrEmpty(Path.of(path)).strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The route back as a partial finding of the firewall step (PASS: evidence only). */
    static Outcome finding(RouteBack b) {
        String client = Addresses.text(b.client());
        List<Evidence> ev = new ArrayList<>();
        String route = switch (b.kind()) {
            case ON_LINK -> MSG.msg("routeback.onlink", client, b.dev()).text();
            case GATEWAY ->
                MSG.msg("routeback.gateway", client, Addresses.text(b.gateway()), b.dev())
                        .text();
            case NONE -> MSG.msg("routeback.none.evidence", client, b.error()).text();
            case LOCAL -> MSG.msg("routeback.local", client).text();
            case UNKNOWN -> MSG.msg("routeback.unknown.evidence", client).text();
        };
        ev.add(Evidence.of("ip route get " + client, route));
        if (b.rpFilter() >= 0) {
            String dev = b.arrivalDev() != null ? b.arrivalDev() : b.dev();
            ev.add(Evidence.of(
                    CONF + "{all," + dev + "}/rp_filter",
                    MSG.msg("rpfilter." + Math.min(b.rpFilter(), 2)).text()));
        }
        String via = b.gateway() != null
                ? MSG.msg("via.gateway", Addresses.text(b.gateway()), b.dev()).text()
                : String.valueOf(b.dev());
        Msg summary;
        List<Msg> hints = new ArrayList<>();
        Verdict v = b.verdict();
        if (b.kind() == RouteBack.Kind.NONE) {
            summary = MSG.msg("routeback.fail.none", client, b.error());
            hints.add(MSG.msg("routeback.hint.none", client));
        } else if (v == Verdict.FAIL) {
            summary = MSG.msg("routeback.fail.rpfilter", b.arrivalDev(), client, via);
            hints.add(MSG.msg("routeback.hint.rpfilter", b.arrivalDev(), client));
        } else if (v == Verdict.WARN) {
            summary = MSG.msg("routeback.warn.asymmetric", client, via, b.arrivalDev());
            hints.add(MSG.msg("routeback.hint.asymmetric", client, b.arrivalDev()));
        } else if (v == Verdict.UNKNOWN) {
            // not being able to run ip says nothing against the client: evidence only
            return Outcome.of(Verdict.PASS, MSG.msg("routeback.unknown", client))
                    .evidence(ev)
                    .build();
        } else {
            summary = MSG.msg("routeback.pass", client, via);
        }
        return Outcome.of(v, summary).evidence(ev).hints(hints).build();
    }
}
