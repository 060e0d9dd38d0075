package io.portdoc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.core.Exposure;
import io.portdoc.core.profile.ProfileLoader;
import io.portdoc.core.profile.ServiceProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** examples/profiles/ holds the built-in profiles as files, exactly, plus a custom in-house one. */
class ExampleProfilesTest {
    static final Path DIR = Path.of("profiles");
    static final String CUSTOM = "inhouse-billing.yaml";

    @Test
    void builtInProfilesAreTheExampleFiles() throws IOException {
        Map<String, ServiceProfile> fromFiles = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")
                            && !p.getFileName().toString().equals(CUSTOM))
                    .sorted()
                    .toList();
        }
        for (Path f : files) {
            ProfileLoader.load(f).forEach(p -> assertEquals(null, fromFiles.put(p.name(), p), p.name() + " twice"));
        }
        Map<String, ServiceProfile> builtIn = new LinkedHashMap<>();
        ProfileLoader.builtIn().forEach(p -> builtIn.put(p.name(), p));
        assertEquals(
                new ArrayList<>(builtIn.keySet()).stream().sorted().toList(),
                new ArrayList<>(fromFiles.keySet()).stream().sorted().toList(),
                "same services");
        builtIn.forEach((name, p) -> assertEquals(
                p,
                fromFiles.get(name),
                "examples/profiles differs from core's builtin.yaml for " + name + ": edit both"));
    }

    @Test
    void inHouseProfileShowsEveryExposure() {
        List<ServiceProfile> ps = ProfileLoader.load(DIR.resolve(CUSTOM));
        assertEquals(
                List.of(Exposure.PUBLIC, Exposure.LAN, Exposure.LOCAL),
                ps.stream().map(ServiceProfile::exposure).toList());
        assertTrue(
                ps.stream()
                        .noneMatch(p -> ProfileLoader.builtIn().stream()
                                .anyMatch(b -> b.name().equals(p.name()))),
                "a custom service, not an override");
    }
}
