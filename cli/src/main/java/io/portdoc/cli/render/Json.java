package io.portdoc.cli.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The one pretty-printing mapper of the JSON renderers. Built on first use only: creating an
 * ObjectMapper costs a quarter of a second of start-up, which text output should not pay.
 */
public final class Json {
    private Json() {}

    private static final class Holder {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    public static ObjectMapper mapper() {
        return Holder.MAPPER;
    }

    /** Pretty JSON with a final newline. */
    public static String write(JsonNode node) {
        try {
            return Holder.MAPPER.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
