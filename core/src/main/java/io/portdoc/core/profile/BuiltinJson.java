package io.portdoc.core.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Build step of core (exec-maven-plugin, process-classes): writes {@value ProfileLoader#BUILTIN_JSON},
 * the twin of {@value ProfileLoader#BUILTIN_RESOURCE} that the jar reads at start-up, once the
 * strict reader has accepted the YAML. The YAML is the one source: a built-in profile that is
 * not valid fails the build, and the JSON is never written by hand.
 */
public final class BuiltinJson {
    private BuiltinJson() {}

    /** {@code BuiltinJson YAML_FILE JSON_FILE}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: BuiltinJson builtin.yaml builtin.json");
        }
        Path yaml = Path.of(args[0]);
        Path json = Path.of(args[1]);
        String text = Files.readString(yaml, StandardCharsets.UTF_8);
        ProfileLoader.parse("builtin:" + yaml.getFileName(), text); // strict: throws on any mistake
        Files.writeString(json, toJson(text), StandardCharsets.UTF_8);
    }

    /** The YAML document as compact JSON: the same tree, without the comments. */
    static String toJson(String yaml) throws IOException {
        JsonNode tree = new YAMLMapper().readTree(yaml);
        return new ObjectMapper().writeValueAsString(tree) + "\n";
    }
}
