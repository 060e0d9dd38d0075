package io.portdoc.checks.config.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Word splitting as sds.c sdssplitargs does it (the table follows its comment and code). */
class RedisArgsTest {
    @Test
    void splitsLikeSdssplitargs() {
        assertEquals(List.of("bind", "127.0.0.1", "-::1"), RedisArgs.split("bind 127.0.0.1 -::1"));
        assertEquals(List.of("requirepass", ""), RedisArgs.split("requirepass \"\""));
        assertEquals(List.of("requirepass", "a b"), RedisArgs.split("requirepass 'a b'"));
        assertEquals(List.of("x", "a\nb", "A"), RedisArgs.split("x \"a\\nb\" \"\\x41\""));
        assertEquals(List.of("x", "it's"), RedisArgs.split("x 'it\\'s'"));
        assertEquals(List.of("user", "default", "on", "#abc"), RedisArgs.split("user default\ton #abc"));
    }

    @Test
    void rejectsUnbalancedOrGluedQuotes() {
        assertNull(RedisArgs.split("requirepass \"abc"));
        assertNull(RedisArgs.split("requirepass 'abc"));
        assertNull(RedisArgs.split("requirepass \"abc\"def"));
    }
}
