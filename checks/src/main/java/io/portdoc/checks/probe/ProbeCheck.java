package io.portdoc.checks.probe;

import io.portdoc.core.Check;
import io.portdoc.core.CheckContext;
import io.portdoc.core.CheckInfo;
import io.portdoc.core.Evidence;
import io.portdoc.core.Messages;
import io.portdoc.core.Msg;
import io.portdoc.core.Outcome;
import io.portdoc.core.Target;
import io.portdoc.core.Vantage;
import io.portdoc.core.Verdict;
import io.portdoc.core.host.SystemView;
import io.portdoc.core.net.Addresses;
import io.portdoc.core.probe.Attempt;
import io.portdoc.core.probe.ProbeHints;
import io.portdoc.core.probe.ProbeResult;
import io.portdoc.core.probe.ProbeState;
import io.portdoc.core.probe.Prober;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Step 5, the seed's "telnet host 80": can a TCP connection be made? By default it connects to
 * this host's own addresses (loopback included, link-local left out), which proves the daemon
 * accepts connections but not that a client gets through the network, the router or the
 * firewall rules that only apply to traffic from outside; the hint says so and names the
 * command to run on a client. {@code --host} chooses the address or name to probe instead.
 * The verdict counts the addresses that matter: the non-loopback ones of this host (loopback
 * only when there is nothing else), or all addresses of {@code --host}.
 */
@CheckInfo(id = "probe", order = 50, title = "title")
public final class ProbeCheck implements Check {
    private static final Messages MSG = Messages.of(ProbeCheck.class);

    @Override
    public Outcome run(CheckContext context) {
        Target target = context.target();
        if (!target.probe()) {
            return Outcome.of(Verdict.SKIP, MSG.msg("skip.disabled")).build();
        }
        SystemView system = context.system();
        Prober prober = new Prober(system);
        boolean local = target.host() == null;
        ProbeResult result = local
                ? prober.probe(system.hostname(), ownAddresses(system), target.port(), target.timeout())
                : prober.probe(
                        target.host(),
                        target.hostAddresses().stream()
                                .map(Target.HostAddress::address)
                                .toList(),
                        target.port(),
                        target.timeout());
        context.share(ProbeResult.class, result);

        List<Attempt> matter =
                result.attempts().stream().filter(a -> !local || !isLoopback(a)).toList();
        if (matter.isEmpty()) {
            matter = result.attempts();
        }
        List<Attempt> open = result.attempts().stream()
                .filter(a -> a.state() == ProbeState.OPEN)
                .toList();
        List<Attempt> closed = result.attempts().stream()
                .filter(a -> a.state() != ProbeState.OPEN)
                .toList();
        boolean allMatterOpen = matter.stream().allMatch(a -> a.state() == ProbeState.OPEN);

        Verdict verdict;
        Msg summary;
        String port = Integer.toString(target.port());
        if (allMatterOpen) {
            verdict = Verdict.PASS;
            summary = local
                    ? MSG.msg("summary.open.local", port, addresses(open))
                    : MSG.msg("summary.open", target.host(), port, addresses(open));
        } else if (open.isEmpty()) {
            verdict = Verdict.FAIL;
            if (result.state() == ProbeState.UNRESOLVED) {
                summary = MSG.msg("summary.unresolved", target.host());
            } else {
                summary = local
                        ? MSG.msg("summary.closed.local", port, result.state().id(), outcomes(closed))
                        : MSG.msg(
                                "summary.closed",
                                target.host(),
                                port,
                                result.state().id(),
                                outcomes(closed));
            }
        } else {
            verdict = Verdict.WARN;
            summary = local
                    ? MSG.msg("summary.mixed.local", port, addresses(open), outcomes(closed))
                    : MSG.msg("summary.mixed", target.host(), port, addresses(open), outcomes(closed));
        }

        Outcome.Builder out = Outcome.of(verdict, summary);
        for (Attempt a : result.attempts()) {
            out.evidence(Evidence.of(
                    "tcp connect",
                    a.endpoint(target.port()) + " " + a.state().id() + " after " + a.elapsedMs() + " ms"
                            + (a.error() == null ? "" : " (" + a.error() + ")")));
        }
        Vantage v = target.vantage();
        if (v != null) {
            out.evidence(Evidence.of("vantage", vantage(v)));
            if (v.nat()) {
                out.hint(MSG.msg("hint.nat", text(v.routeSource()), text(v.seenByServer())));
            }
        }
        if (!open.isEmpty() && open.stream().allMatch(ProbeCheck::isLoopback) && !allMatterOpen) {
            out.hint(MSG.msg("hint.loopback.only", port));
        }
        out.hints(ProbeHints.explain(result, target.timeout()));
        if (local) {
            String address = addressForClients(result.attempts(), target.client());
            out.hint(MSG.msg("hint.local", address == null ? system.hostname() : address, port));
        }
        return out.build();
    }

    /** Where the probe ran from, over SSH: the client's route source and the address the server sees. */
    static String vantage(Vantage v) {
        return "probed from the client over the network (route source " + text(v.routeSource())
                + "); the server " + v.destination() + " sees this client as " + text(v.seenByServer())
                + (v.nat() ? ": addresses are translated (NAT) between them" : "");
    }

    private static String text(InetAddress a) {
        return a == null ? "unknown" : Addresses.text(a);
    }

    /**
     * This host's addresses worth probing: not link-local (they need a scope and no client
     * uses them for a service), not multicast; 127.0.0.1 always. Interfaces report IPv6
     * addresses with their interface as scope ({@code fd42::154%eth1}); a scoped connect to
     * one's own address is sent out of that interface instead of being delivered locally, so
     * the scope is dropped. Non-loopback first, IPv4 first.
     */
    static List<InetAddress> ownAddresses(SystemView system) {
        List<InetAddress> out = new ArrayList<>();
        for (InetAddress a : system.localAddresses()) {
            if (a.isLinkLocalAddress() || a.isMulticastAddress() || a.isAnyLocalAddress()) {
                continue;
            }
            InetAddress plain = unscoped(a);
            if (!out.contains(plain)) {
                out.add(plain);
            }
        }
        InetAddress v4loopback = InetAddress.getLoopbackAddress() instanceof Inet4Address l ? l : null;
        if (v4loopback != null && !out.contains(v4loopback)) {
            out.add(v4loopback);
        }
        out.sort(Comparator.comparing((InetAddress a) -> a.isLoopbackAddress())
                .thenComparing(a -> !(a instanceof Inet4Address)));
        return out;
    }

    private static InetAddress unscoped(InetAddress a) {
        try {
            return InetAddress.getByAddress(a.getAddress());
        } catch (UnknownHostException e) {
            return a; // cannot happen for a 4- or 16-byte address
        }
    }

    /**
     * The address to name in "run this on a client": the one sharing the longest prefix with
     * {@code --client} when given (the address that client uses), else the first non-loopback.
     */
    static String addressForClients(List<Attempt> attempts, InetAddress client) {
        String best = null;
        int bestBits = -1;
        for (Attempt a : attempts) {
            if (isLoopback(a)) {
                continue;
            }
            int bits = client == null ? 0 : commonPrefix(literal(a.address()), client);
            if (bits > bestBits) {
                best = a.address();
                bestBits = bits;
            }
        }
        return best;
    }

    private static int commonPrefix(InetAddress a, InetAddress b) {
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        if (x.length != y.length) {
            return 0;
        }
        int bits = 0;
        for (int i = 0; i < x.length; i++) {
            int diff = (x[i] ^ y[i]) & 0xff;
            if (diff != 0) {
                return bits + Integer.numberOfLeadingZeros(diff) - 24;
            }
            bits += 8;
        }
        return bits;
    }

    private static InetAddress literal(String s) {
        try {
            return InetAddress.getByName(s); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    private static boolean isLoopback(Attempt a) {
        String s = a.address();
        return s.startsWith("127.") || s.equals("::1");
    }

    private static String addresses(List<Attempt> attempts) {
        return String.join(", ", attempts.stream().map(Attempt::address).toList());
    }

    private static String outcomes(List<Attempt> attempts) {
        return String.join(
                ", ",
                attempts.stream().map(a -> a.address() + " " + a.state().id()).toList());
    }
}
