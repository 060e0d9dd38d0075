package io.portdoc.checks.config;

import io.portdoc.core.Target;
import io.portdoc.core.host.ProcessInfo;
import io.portdoc.core.host.SystemView;
import java.util.Optional;

/**
 * What a {@link ConfigJudge} reads: the host (all reads through it), the target (port, client,
 * {@code --config}, profile with its URL path) and the daemon instance whose configuration is
 * judged: the process that holds the target port, or else the best name match (empty when none
 * runs; a judge then falls back to {@code --config} and the distribution's default paths).
 */
public record ConfigRequest(SystemView system, Target target, Optional<ProcessInfo> daemon) {}
