package io.portdoc.core.vantage;

import io.portdoc.core.Evidence;
import io.portdoc.core.Messages;
import io.portdoc.core.Outcome;
import io.portdoc.core.Verdict;
import io.portdoc.core.probe.Attempt;
import io.portdoc.core.probe.ProbeHints;
import io.portdoc.core.probe.ProbeResult;
import io.portdoc.core.probe.ProbeState;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * Step 5 when portdoc runs on the client: the client's own "telnet host port", which crosses the
 * network, the router and both firewalls. PASS when every address it tried accepted, WARN when
 * some did, FAIL when none; SKIP with {@code --no-probe}.
 */
public final class ClientProbeStep {
    private static final Messages MSG = Messages.of(ClientProbeStep.class);

    private ClientProbeStep() {}

    public static Outcome outcome(ClientFacts facts, Duration timeout) {
        ProbeResult r = facts.probe();
        if (r == null) {
            return Outcome.of(Verdict.SKIP, MSG.msg("probe.skip")).build();
        }
        String open = r.attempts().stream()
                .filter(a -> a.state() == ProbeState.OPEN)
                .map(Attempt::address)
                .collect(Collectors.joining(", "));
        String closed = r.attempts().stream()
                .filter(a -> a.state() != ProbeState.OPEN)
                .map(a -> a.address() + " " + a.state().id())
                .collect(Collectors.joining(", "));
        Outcome.Builder out;
        if (r.state() == ProbeState.UNRESOLVED) {
            out = Outcome.of(Verdict.FAIL, MSG.msg("probe.unresolved", r.host()));
        } else if (closed.isEmpty()) {
            out = Outcome.of(Verdict.PASS, MSG.msg("probe.open", r.host(), r.port(), open));
        } else if (open.isEmpty()) {
            out = Outcome.of(
                    Verdict.FAIL,
                    MSG.msg("probe.closed", r.host(), r.port(), r.state().id(), closed));
        } else {
            out = Outcome.of(Verdict.WARN, MSG.msg("probe.mixed", r.host(), r.port(), open, closed));
        }
        for (Attempt a : r.attempts()) {
            out.evidence(Evidence.of(
                    "tcp connect from " + facts.hostname(),
                    a.endpoint(r.port()) + " " + a.state().id() + " after " + a.elapsedMs() + " ms"
                            + (a.error() == null ? "" : " (" + a.error() + ")")));
        }
        return out.hints(ProbeHints.explain(r, timeout)).build();
    }
}
