package io.portdoc.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Text echoed from a host (a 6 MB Listen line) is shortened in sentences and capped in evidence. */
class EchoLimitTest {
    private static final String HUGE = "Listen " + "1".repeat(6_000_000);

    @Test
    void sentenceArgumentsAreShortened() {
        String s = Messages.format("{0} says {1}: only local clients can ever connect", "/e/a.conf:1", HUGE);
        assertTrue(s.length() < 700, "length " + s.length());
        assertTrue(s.contains("... (5999507 more characters)"), s.substring(0, 100));
        assertEquals("a b", Messages.format("{0} {1}", "a", "b"));
    }

    @Test
    void evidenceIsCapped() {
        Evidence e = Evidence.at("config", HUGE, "/e/a.conf:1");
        assertEquals(Evidence.MAX_CHARS, e.text().indexOf("... ("));
        assertTrue(e.text().length() < Evidence.MAX_CHARS + 40);
        assertEquals("/e/a.conf:1", e.location());
    }
}
