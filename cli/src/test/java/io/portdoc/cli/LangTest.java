package io.portdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.core.Messages;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which language portdoc speaks: --lang, else LC_ALL > LC_MESSAGES > LANG (locale(7)), JSON English. */
class LangTest {
    @AfterEach
    void english() {
        Messages.use(Locale.ROOT);
    }

    static Map<String, String> env(String lcAll, String lcMessages, String lang) {
        Map<String, String> env = new HashMap<>();
        env.put("LC_ALL", lcAll);
        env.put("LC_MESSAGES", lcMessages);
        env.put("LANG", lang);
        env.values().removeIf(v -> v == null);
        return env;
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "-",
            value = {
                // LC_ALL, LC_MESSAGES, LANG, expected
                "-,           -,           -,           EN",
                "-,           -,           nl_NL.UTF-8, NL",
                "-,           -,           nl_BE@euro,  NL",
                "-,           -,           nl,          NL",
                "-,           -,           C.UTF-8,     EN",
                "-,           -,           nds_DE,      EN",
                "-,           en_US.UTF-8, nl_NL.UTF-8, EN",
                "-,           nl_NL.UTF-8, en_US.UTF-8, NL",
                "C,           nl_NL.UTF-8, nl_NL.UTF-8, EN",
                "nl_NL.UTF-8, C,           C,           NL",
                "'',          nl_NL.UTF-8, C,           NL"
            })
    void localeVariables(String lcAll, String lcMessages, String lang, Lang expected) {
        assertEquals(expected, Lang.fromEnvironment(env(lcAll, lcMessages, lang)));
    }

    @Test
    void jsonStaysEnglishUnlessAsked() {
        Map<String, String> dutch = env(null, null, "nl_NL.UTF-8");
        assertEquals(Lang.NL, Lang.choose(null, false, dutch));
        assertEquals(Lang.EN, Lang.choose(null, true, dutch));
        assertEquals(Lang.NL, Lang.choose(Lang.NL, true, dutch));
        assertEquals(Lang.EN, Lang.choose(Lang.EN, false, dutch));
    }

    @Test
    void langOptionSpeaksDutchInTextAndJson() {
        String[] seed = {
            "--recorded-host",
            SamplesTest.HOST.toString(),
            "diagnose",
            "--service",
            "httpd",
            "--client",
            "192.168.1.7",
            "--no-probe",
            "--lang",
            "nl"
        };
        CliTest.Run text = CliTest.run(seed);
        assertEquals(1, text.code(), text.err());
        assertTrue(
                text.out().contains("192.168.1.7 wordt geweigerd voor / door /etc/apache2/vhosts.d/intranet.conf:6"),
                text.out());
        assertTrue(text.out().contains("De eerste gebroken schakel is stap config"), text.out());

        String[] json = Arrays.copyOf(seed, seed.length + 2);
        json[seed.length] = "--format";
        json[seed.length + 1] = "json";
        CliTest.Run nl = CliTest.run(json);
        assertTrue(nl.out().replace(" ", "").contains("\"summaryKey\":\"fail.client\""), nl.out());
        assertTrue(nl.out().contains("wordt geweigerd voor"), nl.out());

        json[seed.length - 1] = "en";
        CliTest.Run en = CliTest.run(json);
        assertTrue(en.out().contains("is denied for / by"), en.out());
    }

    @Test
    void unknownLanguageIsBadInput() {
        CliTest.Run r = CliTest.run("--lang", "fr", "listening");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown language 'fr' (use en or nl)"), r.err());
        assertThrows(IllegalArgumentException.class, () -> Lang.parse("dutch"));
    }
}
