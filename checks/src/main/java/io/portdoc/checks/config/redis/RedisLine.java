package io.portdoc.checks.config.redis;

import io.portdoc.checks.config.dbconf.Where;
import java.util.List;

/** One directive of a Redis configuration: its name (lower case), its words, and where it was read. */
record RedisLine(String name, List<String> args, Where where, String text) {
    RedisLine {
        args = List.copyOf(args);
    }

    String arg(int i) {
        return i < args.size() ? args.get(i) : "";
    }
}
