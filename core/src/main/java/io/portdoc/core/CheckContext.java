package io.portdoc.core;

import io.portdoc.core.host.SystemView;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What a check gets: the host, the target, the results of the steps before it, and facts
 * shared between steps (the daemon step publishes the daemon's PIDs, the listening step reads
 * them; a parsed socket table is computed once and reused). Facts are keyed by their type.
 */
public final class CheckContext {
    private final SystemView system;
    private final Target target;
    private final List<StepResult> previous;
    private final Map<Class<?>, Object> facts;

    /** The target is resolved on {@code system} here unless it already is: once per diagnosis. */
    public CheckContext(SystemView system, Target target) {
        this(system, TargetResolver.resolved(system, target), List.of(), new ConcurrentHashMap<>());
    }

    private CheckContext(SystemView system, Target target, List<StepResult> previous, Map<Class<?>, Object> facts) {
        this.system = system;
        this.target = target;
        this.previous = previous;
        this.facts = facts;
    }

    /** The same context seen by the next step: same facts, more previous results. */
    CheckContext next(List<StepResult> done) {
        return new CheckContext(system, target, List.copyOf(done), facts);
    }

    public SystemView system() {
        return system;
    }

    public Target target() {
        return target;
    }

    public List<StepResult> previous() {
        return previous;
    }

    public Optional<StepResult> previous(String stepId) {
        return previous.stream().filter(r -> r.id().equals(stepId)).findFirst();
    }

    public <T> void share(Class<T> type, T value) {
        facts.put(type, value);
    }

    public <T> Optional<T> fact(Class<T> type) {
        return Optional.ofNullable(type.cast(facts.get(type)));
    }

    /** A fact computed at most once per diagnosis (parsing /proc/net/tcp, say). */
    public <T> T fact(Class<T> type, Supplier<T> compute) {
        Object v = facts.get(type);
        if (v == null) {
            v = compute.get();
            facts.put(type, v);
        }
        return type.cast(v);
    }
}
