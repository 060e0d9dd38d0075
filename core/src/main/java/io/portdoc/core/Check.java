package io.portdoc.core;

/**
 * One checklist step. Implementations are found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.portdoc.core.Check}), carry their metadata in {@link CheckInfo},
 * read the host only through {@link CheckContext#system()} and never print.
 */
public interface Check {
    Outcome run(CheckContext context) throws Exception;
}
