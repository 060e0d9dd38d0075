package io.portdoc.core;

/**
 * One checklist step. Implementations are found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.portdoc.core.Check}), carry their metadata in {@link CheckInfo},
 * read the host only through {@link CheckContext#system()} and never print.
 */
public interface Check {
    Outcome run(CheckContext context) throws Exception;

    /**
     * Called for every check before the first step runs, so a check whose slow reads do not
     * depend on earlier steps (the firewall's commands) can start them in the background and
     * share the pending result as a fact. Decides nothing; a failure here is ignored and
     * {@link #run} reads again.
     */
    default void prepare(CheckContext context) {}
}
