package io.portdoc.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DESIGN.md, "Exit codes": 0 no problem, 1 a problem (FAIL), 2 bad input, 3 inconclusive, 4 internal. */
class ExitCodeTest {
    @ParameterizedTest
    @CsvSource({"OK, 0", "PROBLEM, 1", "BAD_INPUT, 2", "INCONCLUSIVE, 3", "INTERNAL_ERROR, 4"})
    void numbersAreTheContracts(ExitCode code, int number) {
        assertEquals(number, code.code());
    }

    // a conclusion's verdict: FAIL is a problem, UNKNOWN without FAIL inconclusive, warnings alone are fine
    @ParameterizedTest
    @CsvSource({"FAIL, PROBLEM", "UNKNOWN, INCONCLUSIVE", "WARN, OK", "PASS, OK", "SKIP, OK"})
    void ofAConclusion(Verdict verdict, ExitCode expected) {
        assertEquals(expected, ExitCode.of(verdict));
    }
}
