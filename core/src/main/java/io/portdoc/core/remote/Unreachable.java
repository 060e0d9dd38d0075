package io.portdoc.core.remote;

import io.portdoc.core.Conclusions;
import io.portdoc.core.HostInfo;
import io.portdoc.core.Messages;
import io.portdoc.core.Msg;
import io.portdoc.core.Outcome;
import io.portdoc.core.Pipeline;
import io.portdoc.core.Report;
import io.portdoc.core.StepResult;
import io.portdoc.core.Target;
import io.portdoc.core.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The report of a server that could not be read over SSH (one host of several), or whose
 * {@code sudo} needs a password: every step UNKNOWN with the reason and how to get the answer,
 * never a guess.
 */
public final class Unreachable {
    private static final Messages MSG = Messages.of(Unreachable.class);

    private Unreachable() {}

    public static Report report(String version, Instant at, SshAddress address, Target target, SshException why) {
        Msg summary = why.sudoPassword()
                ? MSG.msg("sudo.password", address.toString())
                : MSG.msg("ssh.failed", why.getMessage());
        Msg hint = why.sudoPassword()
                ? MSG.msg("sudo.password.hint", address.user() == null ? "USER" : address.user())
                : MSG.msg("ssh.failed.hint", address.toString());
        List<StepResult> steps = new ArrayList<>();
        for (Pipeline.Step step : Pipeline.Step.values()) {
            Outcome o = Outcome.of(Verdict.UNKNOWN, summary).hint(hint).build();
            steps.add(StepResult.of(step.id, step.title(), o, 0));
        }
        return new Report(
                version,
                at,
                new HostInfo(address.host(), address.user() == null ? "" : address.user(), false),
                target,
                null,
                steps,
                Conclusions.conclude(steps, target, List.of()));
    }
}
