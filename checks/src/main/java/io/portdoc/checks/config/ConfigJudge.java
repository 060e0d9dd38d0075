package io.portdoc.checks.config;

import io.portdoc.core.Outcome;
import java.util.Set;

/**
 * One daemon's access-rule engine for step 2 (nginx, sshd, PostgreSQL, ...). The config step
 * picks the judge whose {@link #format()} the profile names ({@code config.format}), or else
 * whose {@link #programs()} contain the service or one of the profile's process names. Judges
 * are found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.portdoc.checks.config.ConfigJudge}).
 */
public interface ConfigJudge {
    /** The profile's {@code config.format} value this judge answers, lower case ({@code nginx}). */
    String format();

    /** Lower-case process or service names whose rules this judge reads ({@code nginx}). */
    Set<String> programs();

    /**
     * For the request's client a PASS/FAIL naming the deciding rule ({@code file:line}); without
     * a client, who gets in. A config that cannot be read or parsed is UNKNOWN naming the file
     * and why; never throws for bad input.
     */
    Outcome judge(ConfigRequest request);
}
