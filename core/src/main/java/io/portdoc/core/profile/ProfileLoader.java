package io.portdoc.core.profile;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.JacksonYAMLParseException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.portdoc.core.BadInputException;
import io.portdoc.core.Exposure;
import io.portdoc.core.profile.ProfileDoc.Located;
import io.portdoc.core.profile.ProfileDoc.ServiceDoc;
import io.portdoc.core.profile.ServiceProfile.PortSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads service profiles (schema {@value #SCHEMA}) strictly: unknown keys, duplicate keys, wrong
 * types, ports outside 1-65535, bad durations and missing names are all bad input, reported as
 * one line {@code FILE:LINE:COLUMN: key: what is wrong} (exit 2 in the CLI).
 *
 * <p>YAML is read by jackson-dataformat-yaml, which uses SnakeYAML only as an event parser: no
 * tags are honoured and no Java objects are constructed from the document (safe loading).
 */
public final class ProfileLoader {
    public static final String SCHEMA = "portdoc/profile/v1";
    /** The built-in profiles, a resource next to this class. */
    public static final String BUILTIN_RESOURCE = "builtin.yaml";
    private static final int MAX_CHARS = 1_000_000;
    private static final Pattern PORT = Pattern.compile("(\\d{1,9})(?:\\s*/\\s*([A-Za-z]+))?");
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'");
    private static final Pattern FROM_VALUE = Pattern.compile("from ([A-Za-z-]+) value(?: \\('(.*?)'\\))?");
    private static final Pattern TOKEN = Pattern.compile("JsonToken\\.([A-Z_]+)");
    private static final ObjectMapper MAPPER = mapper();
    private static volatile List<ServiceProfile> builtIn;

    private ProfileLoader() {
    }

    /** Profiles from a file given on the command line. */
    public static List<ServiceProfile> load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException("cannot read profile " + file + " (no such file)");
        } catch (AccessDeniedException e) {
            throw new BadInputException("cannot read profile " + file + " (permission denied)");
        } catch (IOException e) {
            throw new BadInputException("cannot read profile " + file + " (" + e.getMessage() + ")");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new BadInputException(file + ":1:1: not a YAML profile (the file is not UTF-8 text)");
        }
        return parse(file.toString(), text);
    }

    /** The profiles shipped in the jar; loaded by the same strict reader. */
    public static List<ServiceProfile> builtIn() {
        List<ServiceProfile> b = builtIn;
        if (b == null) {
            try (InputStream in = ProfileLoader.class.getResourceAsStream(BUILTIN_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("built-in profiles missing from the class path");
                }
                b = parse("builtin:" + BUILTIN_RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the built-in profiles", e);
            }
            builtIn = b;
        }
        return b;
    }

    /** Profiles from YAML text; {@code source} names it in error messages. */
    public static List<ServiceProfile> parse(String source, String yaml) {
        if (yaml.length() > MAX_CHARS) {
            throw new BadInputException(source + ":1:1: the file is too large for a profile (over 1 MB)");
        }
        if (yaml.isBlank()) {
            throw new BadInputException(source + ":1:1: schema: missing (the file is empty; start it with 'schema: " + SCHEMA + "')");
        }
        ProfileDoc doc;
        try {
            doc = MAPPER.readValue(yaml, ProfileDoc.class);
        } catch (JsonProcessingException e) {
            throw translate(source, yaml, e);
        }
        return new Validator(source).validate(doc);
    }

    private static ObjectMapper mapper() {
        LoaderOptions lo = new LoaderOptions();
        lo.setAllowDuplicateKeys(false);
        lo.setMaxAliasesForCollections(20); // no "billion laughs"
        lo.setAllowRecursiveKeys(false);
        lo.setCodePointLimit(MAX_CHARS);
        YAMLFactory f = YAMLFactory.builder().loaderOptions(lo)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();
        SimpleModule m = new SimpleModule("portdoc-profile");
        m.addDeserializer(PortSpec.class, new ValueDeserializer<>(PortSpec.class, ProfileLoader::port));
        m.addDeserializer(Duration.class, new ValueDeserializer<>(Duration.class, ProfileLoader::duration));
        m.addDeserializer(Exposure.class, new ValueDeserializer<>(Exposure.class, t -> choice(Exposure.class, t)));
        m.addDeserializer(ProfileDoc.ConfigFormat.class, new ValueDeserializer<>(ProfileDoc.ConfigFormat.class,
                t -> choice(ProfileDoc.ConfigFormat.class, t)));
        YAMLMapper mapper = YAMLMapper.builder(f)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .addModule(m).build();
        // "name: ~" or "ports: [80/tcp, ~]" is an error, not a null.
        mapper.setDefaultSetterInfo(JsonSetter.Value.forValueNulls(Nulls.FAIL));
        mapper.configOverride(List.class).setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.FAIL, Nulls.FAIL));
        return mapper;
    }

    // ---- values that need more than a type: checked while binding, so errors carry the value's position

    static PortSpec port(String text) {
        Matcher m = PORT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a port (write it as 80/tcp)");
        }
        long n = Long.parseLong(m.group(1));
        if (n < 1 || n > 65535) {
            throw new IllegalArgumentException("port " + n + " is outside 1-65535");
        }
        String proto = m.group(2) == null ? "tcp" : m.group(2).toLowerCase(Locale.ROOT);
        if (!proto.equals("tcp")) {
            throw new IllegalArgumentException("protocol '" + m.group(2) + "' in '" + text
                    + "' is not supported (portdoc diagnoses tcp ports only)");
        }
        return new PortSpec((int) n, proto);
    }

    static Duration duration(String text) {
        return io.portdoc.core.Durations.parse(text);
    }

    static <E extends Enum<E>> E choice(Class<E> type, String text) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text.trim())) {
                return e;
            }
        }
        List<String> names = java.util.Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
        throw new IllegalArgumentException("'" + text + "' is not one of " + String.join(", ", names));
    }

    /** A scalar value parsed by a function whose IllegalArgumentException becomes a located error. */
    static final class ValueDeserializer<T> extends com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer<T> {
        private static final long serialVersionUID = 1L;
        private final transient java.util.function.Function<String, T> parse;

        ValueDeserializer(Class<T> type, java.util.function.Function<String, T> parse) {
            super(type);
            this.parse = parse;
        }

        @Override
        public T getNullValue(com.fasterxml.jackson.databind.DeserializationContext ctxt) throws JsonMappingException {
            throw emptyValue(ctxt.getParser());
        }

        @Override
        public T deserialize(JsonParser p, com.fasterxml.jackson.databind.DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                return ctxt.reportInputMismatch(this, "expected a single value, found %s", describe(t, p));
            }
            if (p.getText().isBlank()) {
                throw emptyValue(p);
            }
            try {
                return parse.apply(p.getText());
            } catch (IllegalArgumentException e) {
                throw new ProfileValueException(p, e.getMessage());
            }
        }
    }

    /** {@code key: ~}, {@code key:} with nothing after it, or {@code [a, ~]}. */
    static ProfileValueException emptyValue(JsonParser p) {
        return new ProfileValueException(p, p.getParsingContext().inArray() ? "a list item is empty"
                : "empty (give a value or leave the key out)");
    }

    /** An error whose message is already a sentence for the user. */
    static final class ProfileValueException extends JsonMappingException {
        private static final long serialVersionUID = 1L;

        ProfileValueException(JsonParser p, String msg) {
            super(p, msg, p.currentTokenLocation());
        }
    }

    // ---- Jackson's exceptions as one line: FILE:LINE:COLUMN: key: what is wrong

    static BadInputException translate(String source, String yaml, JsonProcessingException e) {
        if (e instanceof JsonMappingException && e.getCause() instanceof JsonParseException pe) {
            e = pe; // a syntax error met while binding: report the syntax error itself
        }
        JsonLocation loc = e.getLocation();
        if (e instanceof JacksonYAMLParseException && e.getCause() instanceof MarkedYAMLException y) {
            Mark mark = y.getProblemMark() != null ? y.getProblemMark() : y.getContextMark();
            String problem = y.getProblem() != null ? y.getProblem() : y.getContext();
            if (String.valueOf(y.getProblem()).contains("<block") || String.valueOf(y.getContext()).contains("block")) {
                problem += " (check the indentation)";
            }
            return new BadInputException(at(source, mark == null ? 1 : mark.getLine() + 1,
                    mark == null ? 1 : mark.getColumn() + 1) + "not valid YAML: " + problem, e);
        }
        if (e instanceof JsonParseException) {
            Matcher dup = DUPLICATE.matcher(e.getOriginalMessage());
            if (dup.find()) {
                return bad(source, keyAt(yaml, loc, dup.group(1)), dup.group(1),
                        "duplicate key (each key may appear once per mapping)", e);
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
            java.util.Collections.sort(known);
            return bad(source, keyAt(yaml, loc, u.getPropertyName()), u.getPropertyName(), "unknown key"
                    + (known.isEmpty() ? "" : " (expected one of: " + String.join(", ", known) + ")"), e);
        }
        if (e instanceof ProfileValueException) {
            return bad(source, loc, key, e.getOriginalMessage(), e);
        }
        if (e instanceof InvalidNullException n) {
            List<JsonMappingException.Reference> path = n.getPath();
            boolean item = !path.isEmpty() && path.get(path.size() - 1).getIndex() >= 0;
            return bad(source, loc, key, item ? "a list item is empty" : "empty (give a value or leave the key out)", e);
        }
        if (e instanceof MismatchedInputException mi) {
            String found = found(mi, yaml);
            if (mi.getTargetType() == ProfileDoc.class && mi.getPath().isEmpty()) {
                return bad(source, loc, null, "not a portdoc profile: expected a mapping starting with 'schema: "
                        + SCHEMA + "', found " + found, e);
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
                default -> v.group(2) != null ? "'" + v.group(2) + "'" : scalarAt(yaml, e.getLocation());
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
        return v.isEmpty() || v.length() > 60 || "[{'\"&*!|>".indexOf(v.charAt(0)) >= 0 ? "a single value" : "'" + v + "'";
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
                        p == null ? "a single value" : "'" + p.getText() + "'";
                default -> t.asString() == null ? t.name() : t.asString();
            };
        } catch (IOException e) {
            return t.name();
        }
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
        return new BadInputException(at(source, line, col) + (key == null ? "" : key + ": ") + what, cause);
    }

    /** Rules that span values: required keys, duplicate names, absolute paths. */
    private static final class Validator {
        private final String source;

        Validator(String source) {
            this.source = source;
        }

        List<ServiceProfile> validate(ProfileDoc doc) {
            if (doc.schema == null) {
                throw bad(source, null, "schema", "missing (start the file with 'schema: " + SCHEMA + "')", null);
            }
            if (!SCHEMA.equals(doc.schema.value())) {
                throw bad(source, doc.schema.location(), "schema", "'" + doc.schema.value()
                        + "' is not supported (this portdoc reads " + SCHEMA + ")", null);
            }
            if (doc.services == null || doc.services.value().isEmpty()) {
                throw bad(source, doc.services == null ? null : doc.services.location(), "services",
                        "missing (list at least one service)", null);
            }
            Map<String, Located<String>> names = new HashMap<>();
            List<ServiceProfile> out = new ArrayList<>();
            for (Located<ServiceDoc> ls : doc.services.value()) {
                ServiceDoc s = ls.value();
                if (s.name == null || s.name.value() == null || s.name.value().isBlank()) {
                    throw bad(source, s.name == null ? ls.location() : s.name.location(), "name",
                            "missing (every service needs a name)", null);
                }
                String name = s.name.value().strip();
                Located<String> earlier = names.putIfAbsent(name.toLowerCase(Locale.ROOT), s.name);
                if (earlier != null) {
                    throw bad(source, s.name.location(), "name", "'" + name + "' is already defined at line "
                            + earlier.location().getLineNr(), null);
                }
                if (s.ports == null || s.ports.value().isEmpty()) {
                    throw bad(source, s.ports == null ? ls.location() : s.ports.location(), "ports",
                            "missing (service " + name + " needs at least one port, e.g. [80/tcp])", null);
                }
                ServiceProfile.ConfigSpec config = null;
                if (s.config != null) {
                    ProfileDoc.ConfigDoc c = s.config.value();
                    if (c.format == null) {
                        throw bad(source, s.config.location(), "format", "missing (apache or cups)", null);
                    }
                    List<String> files = new ArrayList<>();
                    for (Located<String> f : c.files == null ? List.<Located<String>>of() : c.files) {
                        if (!f.value().startsWith("/")) {
                            throw bad(source, f.location(), "files", "'" + f.value() + "' is not an absolute path", null);
                        }
                        files.add(f.value());
                    }
                    if (c.path != null && !c.path.value().startsWith("/")) {
                        throw bad(source, c.path.location(), "path", "'" + c.path.value()
                                + "' is not a URL path (it starts with /)", null);
                    }
                    config = new ServiceProfile.ConfigSpec(c.format.name().toLowerCase(Locale.ROOT), files,
                            c.path == null ? null : c.path.value());
                }
                Duration timeout = s.probe == null ? null : s.probe.timeout;
                out.add(new ServiceProfile(name, s.description, s.processes, s.systemdUnits,
                        s.ports.value(), s.exposure, config, timeout));
            }
            return List.copyOf(out);
        }
    }
}
