package io.portdoc.core;

import io.portdoc.core.host.SystemView;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Runs the checklist in order. The five built-in steps always appear (SKIP when no check for
 * one is installed); plugin steps follow in their declared order. A check that throws becomes
 * UNKNOWN for its step rather than ending the diagnosis.
 */
public final class Pipeline {
    private static final Messages MSG = Messages.of(Pipeline.class);

    /** The checklist of the seed article; plugin steps come after these. */
    public enum Step {
        DAEMON("daemon", 10), CONFIG("config", 20), LISTENING("listening", 30),
        FIREWALL("firewall", 40), PROBE("probe", 50);

        public final String id;
        public final int order;

        Step(String id, int order) {
            this.id = id;
            this.order = order;
        }

        public String title() {
            return MSG.msg("step." + id + ".title").text();
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
        for (Step step : Step.values()) {
            List<Check> forStep = checks.stream().filter(c -> info(c).id().equals(step.id)).toList();
            runPluginsBefore(step.order, ctx, done);
            if (step == Step.PROBE && resolved.probe() && !forStep.isEmpty() && hasDeadline
                    && System.nanoTime() - deadlineNanos > 0) {
                done.add(StepResult.of(step.id, step.title(), Outcome.of(Verdict.UNKNOWN, MSG.msg("step.deadline"))
                        .hint(MSG.msg("step.deadline.hint")).build(), 0));
            } else if (forStep.isEmpty()) {
                done.add(StepResult.of(step.id, step.title(),
                        Outcome.of(Verdict.SKIP, MSG.msg("step.not.installed")).build(), 0));
            } else {
                forStep.forEach(c -> done.add(runOne(c, ctx.next(done))));
            }
        }
        runPluginsBefore(Integer.MAX_VALUE, ctx, done);
        return new Report(version, clock.instant(),
                new HostInfo(system.hostname(), system.user(), system.privileged()),
                resolved, resolved.portName(), done, Conclusions.conclude(done, resolved, system.localAddresses()));
    }

    /** Plugin steps (ids that are not built-in) whose order falls before {@code order}. */
    private void runPluginsBefore(int order, CheckContext ctx, List<StepResult> done) {
        for (Check c : checks) {
            CheckInfo info = info(c);
            boolean builtIn = java.util.Arrays.stream(Step.values()).anyMatch(s -> s.id.equals(info.id()));
            boolean ran = done.stream().anyMatch(r -> r.id().equals(info.id()));
            if (!builtIn && !ran && info.order() < order) {
                done.add(runOne(c, ctx.next(done)));
            }
        }
    }

    private StepResult runOne(Check check, CheckContext ctx) {
        CheckInfo info = info(check);
        String title = Messages.of(check.getClass()).msg(info.title()).text();
        long start = System.nanoTime();
        Outcome outcome;
        try {
            outcome = check.run(ctx);
        } catch (Exception | LinkageError e) {
            outcome = Outcome.of(Verdict.UNKNOWN, MSG.msg("step.crashed", e.getClass().getSimpleName(),
                    String.valueOf(e.getMessage()))).hint(MSG.msg("step.crashed.hint")).build();
        }
        return StepResult.of(info.id(), title, outcome, (System.nanoTime() - start) / 1_000_000);
    }
}
