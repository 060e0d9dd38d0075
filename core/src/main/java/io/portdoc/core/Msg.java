package io.portdoc.core;

import java.util.List;

/**
 * A user-facing sentence: the bundle key it came from and the rendered text. JSON keeps the
 * key beside the text so tickets can be grouped and translated; see {@link Messages}.
 */
public record Msg(String key, String text) {
    public Msg {
        if (key == null || text == null) {
            throw new IllegalArgumentException("key and text are required");
        }
    }

    public static List<String> texts(List<Msg> msgs) {
        return msgs.stream().map(Msg::text).toList();
    }

    public static List<String> keys(List<Msg> msgs) {
        return msgs.stream().map(Msg::key).toList();
    }

    @Override
    public String toString() {
        return text;
    }
}
