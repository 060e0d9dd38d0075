package io.portdoc.checks.config.redis;

import java.util.List;
import java.util.Optional;

/**
 * A Redis configuration as the server reads it: the directives in processing order (includes
 * expanded in place, command-line options last), the files read, and the first reason the
 * reading stopped (null when complete).
 */
record RedisConfig(List<RedisLine> lines, List<String> files, String problem, boolean denied) {
    RedisConfig {
        lines = List.copyOf(lines);
        files = List.copyOf(files);
    }

    /** The line that sets {@code name} last: Redis keeps the last value of a single-valued option. */
    Optional<RedisLine> last(String name) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).name().equals(name)) {
                return Optional.of(lines.get(i));
            }
        }
        return Optional.empty();
    }

    List<RedisLine> all(String name) {
        return lines.stream().filter(l -> l.name().equals(name)).toList();
    }
}
