package io.portdoc.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @Test
    void readsUnitsAndBareSeconds() {
        assertEquals(Duration.ofSeconds(3), Durations.parse("3s"));
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofMinutes(1), Durations.parse("1m"));
        assertEquals(Duration.ofHours(2), Durations.parse("2h"));
        assertEquals(Duration.ofSeconds(3), Durations.parse("3"));
        assertEquals(Duration.ofSeconds(10), Durations.parse(" 10 S "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"3x", "", "s", "-1s", "1.5s", "3 seconds", "ms500"})
    void rejectsOtherSpellings(String bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(bad));
        assertTrue(e.getMessage().contains("invalid duration"), e.getMessage());
    }

    @Test
    void rejectsNull() {
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(null));
    }

    @Test
    void formatReadsBack() {
        for (String s : new String[] {"3s", "500ms", "1500ms", "2m", "1h", "0s"}) {
            assertEquals(s, Durations.format(Durations.parse(s)));
        }
    }
}
