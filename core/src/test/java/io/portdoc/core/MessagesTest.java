package io.portdoc.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MessagesTest {
    @Test
    void placeholdersAndApostrophes() {
        assertEquals(
                "port 2626 is held by nc (pid 812), not sshd's",
                Messages.format("port {0} is held by {1} (pid {2}), not {3}'s", 2626, "nc", 812, "sshd"));
        assertEquals("{x} {9} {}", Messages.format("{x} {9} {}"));
    }

    @Test
    void bundleKeysAndMissingKey() {
        Msg m = Messages.of(Pipeline.class).msg("step.crashed", "NullPointerException", "boom");
        assertEquals("step.crashed", m.key());
        assertEquals("the check failed with NullPointerException: boom", m.text());
        assertThrows(
                IllegalStateException.class, () -> Messages.of(Pipeline.class).msg("no.such.key"));
    }

    @Test
    void durations() {
        assertEquals(3000, Durations.parse("3s").toMillis());
        assertEquals(500, Durations.parse("500ms").toMillis());
        assertEquals(60000, Durations.parse("1m").toMillis());
        assertEquals(2000, Durations.parse("2").toMillis());
        assertEquals("500ms", Durations.format(Durations.parse("0.5s")));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("3x"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("0s"));
    }
}
