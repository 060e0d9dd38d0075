package io.portdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every user-facing sentence has a Dutch text: each {@code messages.properties} under a module's
 * {@code src/main/resources} has a {@code messages_nl.properties} beside it with the same keys, and each
 * Dutch text uses exactly the placeholders of its English one (a lost {@code {2}} would drop a file:line).
 * The bundles are found on disk, so a bundle or key added in any module is caught here.
 */
class DutchBundlesTest {
    private static final Path ROOT = Path.of("..");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d{1,2}}");

    static List<Path> englishBundles() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            List<Path> roots = modules.map(m -> m.resolve("src/main/resources"))
                    .filter(Files::isDirectory)
                    .toList();
            for (Path resources : roots) {
                try (Stream<Path> files = Files.walk(resources)) {
                    files.filter(f -> f.getFileName().toString().equals("messages.properties"))
                            .forEach(out::add);
                }
            }
        }
        return out;
    }

    static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    static Set<String> placeholders(String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    @Test
    void everyBundleIsFound() throws IOException {
        // core, checks (5 steps), cli, examples: fewer means the scan is looking in the wrong place
        assertTrue(englishBundles().size() >= 8, "bundles found: " + englishBundles());
    }

    @Test
    void everyKeyHasDutchWithTheSamePlaceholders() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path en : englishBundles()) {
            Path nl = en.resolveSibling("messages_nl.properties");
            if (!Files.exists(nl)) {
                problems.add(ROOT.relativize(nl) + " is missing");
                continue;
            }
            Properties english = load(en);
            Properties dutch = load(nl);
            for (String key : new TreeSet<>(english.stringPropertyNames())) {
                String d = dutch.getProperty(key);
                if (d == null || d.isBlank()) {
                    problems.add(nl + ": no Dutch text for " + key);
                } else if (!placeholders(d).equals(placeholders(english.getProperty(key)))) {
                    problems.add(nl + ": " + key + " has " + placeholders(d) + ", English has "
                            + placeholders(english.getProperty(key)));
                }
            }
            for (String key : dutch.stringPropertyNames()) {
                if (!english.containsKey(key)) {
                    problems.add(nl + ": " + key + " is not an English key (renamed or removed?)");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void placeholdersAreCompared() {
        assertEquals(Set.of("{0}", "{12}"), placeholders("a {0} b {12} {0} {x} {}"));
        assertFalse(placeholders("port {0}").equals(placeholders("poort")));
    }
}
