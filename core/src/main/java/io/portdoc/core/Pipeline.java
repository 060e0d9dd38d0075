package io.portdoc.core;

import io.portdoc.core.host.SystemView;
import io.portdoc.core.net.Addresses;
import io.portdoc.core.probe.ProbeResult;
import io.portdoc.core.vantage.ClientFacts;
import io.portdoc.core.vantage.ClientFactsSource;
import io.portdoc.core.vantage.ClientProbeStep;
import io.portdoc.core.vantage.Reconciler;
import io.portdoc.core.vantage.RouteBack;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Runs the checks in the order their {@link CheckInfo} declares. The five built-in steps always
 * appear: one with no check installed is a SKIP, placed after the built-in step before it. A
 * check that throws becomes UNKNOWN for its step, with its stack trace kept for {@code --verbose},
 * rather than ending the diagnosis.
 */
public final class Pipeline {
    private static final Messages MSG = Messages.of(Pipeline.class);

    /** The checklist of the seed article, in its order: only to name and place a step that has no check. */
    public enum Step {
        DAEMON("daemon"),
        CONFIG("config"),
        LISTENING("listening"),
        FIREWALL("firewall"),
        PROBE("probe");

        public final String id;

        Step(String id) {
            this.id = id;
        }

        public String title() {
            return MSG.msg("step." + id + ".title").text();
        }

        static Optional<Step> byId(String id) {
            return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
        }
    }

    /** One place in the run: a check, or a built-in step that has none ({@code check} null). */
    private record Slot(String id, Check check) {
        int builtInIndex() {
            return Step.byId(id).map(Step::ordinal).orElse(-1);
        }
    }

    private final List<Check> checks;
    private final Clock clock;
    private final String version;
    private final long deadlineNanos;
    private final boolean hasDeadline;

    public Pipeline(List<Check> checks, Clock clock, String version) {
        this(checks, clock, version, 0, false);
    }

    private Pipeline(List<Check> checks, Clock clock, String version, long deadlineNanos, boolean hasDeadline) {
        this.checks = new ArrayList<>(checks);
        this.checks.sort(Comparator.comparingInt(c -> info(c).order()));
        this.clock = clock;
        this.version = version;
        this.deadlineNanos = deadlineNanos;
        this.hasDeadline = hasDeadline;
    }

    /**
     * This pipeline with an overall deadline ({@link System#nanoTime()} value): a probe step
     * that would start after it is UNKNOWN "not tried", since probes are what takes time.
     */
    public Pipeline until(long nanoTime) {
        return new Pipeline(checks, clock, version, nanoTime, true);
    }

    /** The checks on the class path, found through ServiceLoader. */
    public static List<Check> installedChecks(ClassLoader loader) {
        List<Check> out = new ArrayList<>();
        ServiceLoader.load(Check.class, loader).forEach(out::add);
        return out;
    }

    public static CheckInfo info(Check c) {
        CheckInfo info = c.getClass().getAnnotation(CheckInfo.class);
        if (info == null) {
            throw new IllegalStateException(c.getClass().getName() + " has no @CheckInfo");
        }
        return info;
    }

    public Report run(SystemView system, Target target) {
        return run(system, null, target);
    }

    /**
     * A diagnosis of the server {@code system} from the client {@code client} (the machine portdoc
     * runs on; null in server-local mode): the client's facts join the report and the conclusion
     * reconciles both ends ({@link Reconciler}). The server's route back to the target's client is
     * read by the firewall step in both modes.
     */
    public Report run(SystemView system, SystemView client, Target target) {
        CheckContext ctx = new CheckContext(system, target);
        Target resolved = ctx.target();
        for (Check c : checks) {
            try {
                c.prepare(ctx);
            } catch (RuntimeException e) {
                // only a head start: run() reads again
            }
        }
        List<StepResult> done = new ArrayList<>();
        ClientFacts facts = null;
        Set<String> clientSteps = new HashSet<>();
        for (Slot slot : slots()) {
            if (slot.check() == null) {
                Step step = Step.values()[slot.builtInIndex()];
                done.add(StepResult.of(
                        step.id,
                        step.title(),
                        Outcome.of(Verdict.SKIP, MSG.msg("step.not.installed")).build(),
                        0));
            } else if (slot.id().equals(Step.PROBE.id)
                    && resolved.probe()
                    && hasDeadline
                    && System.nanoTime() - deadlineNanos > 0) {
                done.add(StepResult.of(
                        slot.id(),
                        Step.PROBE.title(),
                        Outcome.of(Verdict.UNKNOWN, MSG.msg("step.deadline"))
                                .hint(MSG.msg("step.deadline.hint"))
                                .build(),
                        0));
            } else if (slot.id().equals(Step.PROBE.id) && client != null && resolved.vantage() == null) {
                // from the client, step 5 is the client's own connection, read with its other facts
                long start = System.nanoTime();
                facts = clientFacts(system, client, resolved);
                Outcome o = facts == null
                        ? Outcome.of(Verdict.UNKNOWN, MSG.msg("step.client.none"))
                                .build()
                        : ClientProbeStep.outcome(facts, resolved.timeout());
                done.add(StepResult.of(slot.id(), Step.PROBE.title(), o, (System.nanoTime() - start) / 1_000_000));
                clientSteps.add(slot.id());
            } else {
                done.add(runOne(slot.check(), ctx.next(done)));
            }
        }
        if (client != null && facts == null) {
            // over SSH the probe step already ran from the client: its result is the client's probe
            ProbeResult probed = ctx.fact(ProbeResult.class).orElse(null);
            facts = clientFacts(system, client, resolved.withProbe(false, resolved.timeout()));
            if (facts != null) {
                facts = facts.withProbe(probed);
            }
        }
        Conclusion base = Conclusions.conclude(done, resolved, system.localAddresses());
        return new Report(
                version,
                clock.instant(),
                new HostInfo(system.hostname(), system.user(), system.privileged()),
                resolved,
                resolved.portName(),
                done,
                Reconciler.reconcile(
                        base, done, facts, ctx.fact(RouteBack.class).orElse(null)),
                facts,
                clientSteps);
    }

    /** What the client sees of the server, or null when no reader of client facts is installed. */
    private static ClientFacts clientFacts(SystemView server, SystemView client, Target target) {
        List<InetAddress> serverAddresses = server.localAddresses().stream()
                .map(Addresses::unmap)
                .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .distinct()
                .toList();
        Vantage v = target.vantage();
        // over SSH, --host absent means the SSH server's address: look up the name the user typed
        boolean sshHost = v != null
                && (target.host() == null
                        || (v.server() != null && target.host().equals(Addresses.text(v.server()))));
        String name = sshHost ? v.hostName() : target.host() != null ? target.host() : server.hostname();
        InetAddress seen = v == null ? null : v.seenByServer();
        return ClientFactsSource.installed(Pipeline.class.getClassLoader())
                .map(s -> s.read(client, target, name, serverAddresses, seen))
                .orElse(null);
    }

    /**
     * The checks in annotation order, and each missing built-in step right after the nearest
     * built-in step before it in the checklist (or before the nearest one after it).
     */
    private List<Slot> slots() {
        List<Slot> slots = new ArrayList<>(
                checks.stream().map(c -> new Slot(info(c).id(), c)).toList());
        for (Step step : Step.values()) {
            if (slots.stream().anyMatch(s -> s.id().equals(step.id))) {
                continue;
            }
            int at = 0;
            for (int i = 0; i < slots.size(); i++) {
                int b = slots.get(i).builtInIndex();
                if (b >= 0 && b < step.ordinal()) {
                    at = i + 1;
                }
            }
            if (at == 0) {
                for (int i = slots.size() - 1; i >= 0; i--) {
                    if (slots.get(i).builtInIndex() > step.ordinal()) {
                        at = i;
                    }
                }
            }
            slots.add(at, new Slot(step.id, null));
        }
        return slots;
    }

    private StepResult runOne(Check check, CheckContext ctx) {
        CheckInfo info = info(check);
        String title = Messages.of(check.getClass()).msg(info.title()).text();
        long start = System.nanoTime();
        try {
            Outcome outcome = check.run(ctx);
            return StepResult.of(info.id(), title, outcome, (System.nanoTime() - start) / 1_000_000);
        } catch (Exception | LinkageError e) {
            Outcome outcome = Outcome.of(
                            Verdict.UNKNOWN,
                            MSG.msg("step.crashed", e.getClass().getSimpleName(), String.valueOf(e.getMessage())))
                    .hint(MSG.msg("step.crashed.hint"))
                    .build();
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            return new StepResult(
                    info.id(),
                    title,
                    outcome.verdict(),
                    outcome.summary(),
                    outcome.evidence(),
                    outcome.hints(),
                    (System.nanoTime() - start) / 1_000_000,
                    trace.toString());
        }
    }
}
