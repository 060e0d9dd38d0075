package io.portdoc.core.profile;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.JacksonYAMLParseException;
import io.portdoc.core.BadInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Jackson's and SnakeYAML's exceptions as the one line a user can act on:
 * {@code FILE:LINE:COLUMN: key: what is wrong}. Lines and columns are 1-based; key errors
 * point at the key, value errors at the value.
 */
final class ProfileErrors {
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'");
    private static final Pattern FROM_VALUE = Pattern.compile("from ([A-Za-z-]+) value(?: \\('(.*?)'\\))?");
    private static final Pattern TOKEN = Pattern.compile("JsonToken\\.([A-Z_]+)");

    private ProfileErrors() {}

    static BadInputException translate(String source, String yaml, JsonProcessingException e) {
        if (e instanceof JsonMappingException && e.getCause() instanceof JsonParseException pe) {
            e = pe; // a syntax error met while binding: report the syntax error itself
        }
        JsonLocation loc = e.getLocation();
        if (e instanceof JacksonYAMLParseException && e.getCause() instanceof MarkedYAMLException y) {
            Mark mark = y.getProblemMark() != null ? y.getProblemMark() : y.getContextMark();
            String problem = y.getProblem() != null ? y.getProblem() : y.getContext();
            if (String.valueOf(y.getProblem()).contains("<block")
                    || String.valueOf(y.getContext()).contains("block")) {
                problem += " (check the indentation)";
            }
            return new BadInputException(
                    at(source, mark == null ? 1 : mark.getLine() + 1, mark == null ? 1 : mark.getColumn() + 1)
                            + "not valid YAML: " + problem,
                    e);
        }
        if (e instanceof JsonParseException) {
            Matcher dup = DUPLICATE.matcher(e.getOriginalMessage());
            if (dup.find()) {
                return bad(
                        source,
                        keyAt(yaml, loc, dup.group(1)),
                        dup.group(1),
                        "duplicate key (each key may appear once per mapping)",
                        e);
            }
            return bad(source, loc, null, "not valid YAML: " + firstLine(e.getOriginalMessage()), e);
        }
        String key = e instanceof JsonMappingException jm ? key(jm) : null;
        if (e instanceof UnrecognizedPropertyException u) {
            List<String> known = new ArrayList<>();
            Collection<Object> ids = u.getKnownPropertyIds();
            if (ids != null) {
                ids.forEach(i -> known.add(String.valueOf(i)));
            }
            Collections.sort(known);
            return bad(
                    source,
                    keyAt(yaml, loc, u.getPropertyName()),
                    u.getPropertyName(),
                    "unknown key" + (known.isEmpty() ? "" : " (expected one of: " + String.join(", ", known) + ")"),
                    e);
        }
        if (e instanceof ProfileLoader.ProfileValueException) {
            return bad(source, loc, key, e.getOriginalMessage(), e);
        }
        if (e instanceof InvalidNullException n) {
            List<JsonMappingException.Reference> path = n.getPath();
            boolean item = !path.isEmpty() && path.get(path.size() - 1).getIndex() >= 0;
            return bad(
                    source, loc, key, item ? "a list item is empty" : "empty (give a value or leave the key out)", e);
        }
        if (e instanceof MismatchedInputException mi) {
            String found = found(mi, yaml);
            if (mi.getTargetType() == ProfileDoc.class && mi.getPath().isEmpty()) {
                return bad(
                        source,
                        loc,
                        null,
                        "not a portdoc profile: expected a mapping starting with 'schema: " + ProfileLoader.SCHEMA
                                + "', found " + found,
                        e);
            }
            String expected = expected(mi.getTargetType());
            if (expected == null) {
                return bad(source, loc, key, firstLine(e.getOriginalMessage()), e);
            }
            return bad(source, loc, key, "expected " + expected + ", found " + found, e);
        }
        return bad(source, loc, key, firstLine(e.getOriginalMessage()), e);
    }

    /**
     * What the document had instead. Jackson names the offending token in its message; the
     * parser may already have moved past it (e.g. into an array), so trust the message first.
     */
    private static String found(MismatchedInputException e, String yaml) {
        String msg = String.valueOf(e.getOriginalMessage());
        Matcher v = FROM_VALUE.matcher(msg);
        if (v.find()) {
            return switch (v.group(1)) {
                case "Array" -> "a list";
                case "Object" -> "a mapping";
                case "Null" -> "nothing";
                default -> v.group(2) != null ? "'" + shorten(v.group(2)) + "'" : scalarAt(yaml, e.getLocation());
            };
        }
        Matcher m = TOKEN.matcher(msg);
        if (m.find()) {
            JsonToken t = JsonToken.valueOf(m.group(1));
            return t.isScalarValue() ? "a single value" : describe(t, null);
        }
        return "something else";
    }

    /** The plain scalar written at a position, for messages; "a single value" when unsure. */
    static String scalarAt(String yaml, JsonLocation loc) {
        String[] lines = yaml.split("\n", -1);
        if (loc == null || loc.getLineNr() < 1 || loc.getLineNr() > lines.length || loc.getColumnNr() < 1) {
            return "a single value";
        }
        String line = lines[loc.getLineNr() - 1];
        if (loc.getColumnNr() > line.length()) {
            return "a single value";
        }
        String v = line.substring(loc.getColumnNr() - 1);
        int hash = v.indexOf(" #");
        v = (hash >= 0 ? v.substring(0, hash) : v).strip();
        return v.isEmpty() || v.length() > 60 || "[{'\"&*!|>".indexOf(v.charAt(0)) >= 0
                ? "a single value"
                : "'" + v + "'";
    }

    /**
     * Where {@code key:} is written: Jackson reports key errors at the value that follows the
     * key, so step back to the nearest occurrence of the key at or before that position.
     */
    static JsonLocation keyAt(String yaml, JsonLocation reported, String key) {
        if (reported == null || reported.getLineNr() < 1 || key == null) {
            return reported;
        }
        String[] lines = yaml.split("\n", -1);
        Pattern p = Pattern.compile("(?:^|[\\s{,\\-])(" + Pattern.quote(key) + "|'" + Pattern.quote(key) + "'|\""
                + Pattern.quote(key) + "\")\\s*:");
        for (int line = Math.min(reported.getLineNr(), lines.length); line >= 1; line--) {
            String text = lines[line - 1];
            if (line == reported.getLineNr() && reported.getColumnNr() > 0) {
                text = text.substring(0, Math.min(text.length(), reported.getColumnNr()));
            }
            Matcher m = p.matcher(text);
            int col = -1;
            while (m.find()) {
                col = m.start(1) + 1;
            }
            if (col > 0) {
                return new JsonLocation(reported.contentReference(), -1L, line, col);
            }
        }
        return reported;
    }

    /** The innermost key of the path ({@code ports} for {@code services[0].ports[1]}). */
    private static String key(JsonMappingException e) {
        String key = null;
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                key = r.getFieldName();
            }
        }
        return key;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return null;
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type == String.class) {
            return "a single value";
        }
        if (type.getName().startsWith(ProfileDoc.class.getName()) || Map.class.isAssignableFrom(type)) {
            return "a mapping (key: value lines)";
        }
        return "a single value";
    }

    static String describe(JsonToken t, JsonParser p) {
        if (t == null) {
            return "nothing";
        }
        try {
            return switch (t) {
                case START_ARRAY -> "a list";
                case START_OBJECT, FIELD_NAME -> "a mapping";
                case VALUE_NULL -> "nothing";
                case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE ->
                    p == null ? "a single value" : "'" + shorten(p.getText()) + "'";
                default -> t.asString() == null ? t.name() : t.asString();
            };
        } catch (IOException e) {
            return t.name();
        }
    }

    /** A value quoted in a one-line message: the first 40 characters of its first line. */
    static String shorten(String s) {
        String line = s.lines().findFirst().orElse("");
        return quotable(line);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "invalid";
        }
        int nl = s.indexOf('\n');
        return (nl >= 0 ? s.substring(0, nl) : s).strip();
    }

    static String at(String source, int line, int column) {
        return source + ":" + line + ":" + column + ": ";
    }

    static BadInputException bad(String source, JsonLocation loc, String key, String what, Throwable cause) {
        int line = loc == null || loc.getLineNr() < 1 ? 1 : loc.getLineNr();
        int col = loc == null || loc.getColumnNr() < 1 ? 1 : loc.getColumnNr();
        return new BadInputException(at(source, line, col) + (key == null ? "" : quotable(key) + ": ") + what, cause);
    }

    /**
     * A key as it may be quoted: at most 24 printable ASCII characters (others shown as '?'), so
     * a secret that happens to parse as a key is never echoed whole.
     */
    static String quotable(String key) {
        StringBuilder b = new StringBuilder();
        key.codePoints().limit(24).forEach(c -> b.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return key.codePointCount(0, key.length()) > 24 ? b + "..." : b.toString();
    }
}
