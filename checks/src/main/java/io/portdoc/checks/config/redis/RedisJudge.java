package io.portdoc.checks.config.redis;

import io.portdoc.checks.config.ConfigJudge;
import io.portdoc.checks.config.ConfigRequest;
import io.portdoc.core.Messages;
import io.portdoc.core.Outcome;
import io.portdoc.core.Verdict;
import java.util.Set;

/**
 * Step 2 for Redis: the redis.conf the server reads, its {@code port}, {@code bind} and
 * {@code protected-mode}, and whether the default user needs a password ({@code requirepass},
 * {@code user} lines, {@code aclfile}). Protected mode without a password refuses every client
 * that is not on loopback.
 */
public final class RedisJudge implements ConfigJudge {
    static final Messages MSG = Messages.of(RedisJudge.class);

    @Override
    public String format() {
        return "redis";
    }

    @Override
    public Set<String> programs() {
        return Set.of("redis-server", "redis");
    }

    @Override
    public Outcome judge(ConfigRequest request) {
        try {
            return RedisVerdict.of(request);
        } catch (RuntimeException e) {
            // a judge never throws: an unforeseen input is reported, not propagated
            return Outcome.of(Verdict.UNKNOWN, MSG.msg("unknown.internal", String.valueOf(e.getMessage())))
                    .build();
        }
    }
}
