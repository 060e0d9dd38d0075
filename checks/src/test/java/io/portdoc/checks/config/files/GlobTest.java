package io.portdoc.checks.config.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bracket expressions as fnmatch(3) with FNM_PATHNAME reads them (POSIX 2.13.1, apr_fnmatch.c). */
class GlobTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "site[0-9].conf | site5.conf | true",
                "site[0-9].conf | sitex.conf | false",
                "site[!0-9].conf | sitex.conf | true",
                "a[!x]b | a/b | false", // a slash is matched only by a slash
                "[[]x | [x | true", // '[' inside brackets is an ordinary character
                "[a&&b]x | &x | true", // no Java class intersection
                "[z-a]x | zx | false", // a reversed range matches nothing
                "[z-a]x | ax | false",
                "[-a]x | -x | true", // a dash first is a literal
                "[[[[\\E]x | Ex | true", // found by NginxFuzzTest: was a PatternSyntaxException
            })
    void bracketExpressions(String glob, String name, boolean matches) {
        assertEquals(matches, Glob.matches(glob, name));
    }
}
