package io.portdoc.core.profile;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.portdoc.core.BadInputException;
import io.portdoc.core.Durations;
import io.portdoc.core.Exposure;
import io.portdoc.core.host.FileLimits;
import io.portdoc.core.host.RefusedFileException;
import io.portdoc.core.profile.ProfileDoc.Located;
import io.portdoc.core.profile.ProfileDoc.ServiceDoc;
import io.portdoc.core.profile.ServiceProfile.PortSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;

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
    /** Its JSON twin, read at run time; written by the build ({@link BuiltinJson}), never by hand. */
    public static final String BUILTIN_JSON = "builtin.json";

    private static final int MAX_CHARS = 1_000_000;
    private static final Pattern PORT = Pattern.compile("(\\d{1,9})(?:\\s*/\\s*([A-Za-z]+))?");
    /** The strict YAML mapper, built only when a YAML profile is read (the jar's built-ins are JSON). */
    private static final class Yaml {
        static final ObjectMapper MAPPER = mapper();
    }

    private static volatile List<ServiceProfile> builtIn;

    /** A {@code schema} or {@code services} key, block or flow style: without one the file is no profile. */
    private static final Pattern SCHEMA_KEY = Pattern.compile("(?m)(^|[{,]\\s*)[\"']?(schema|services)[\"']?\\s*:");

    /** Largest profile file read: 1 MiB (the built-in profiles of every service are 4 KiB). */
    public static final long MAX_PROFILE_BYTES = 1L << 20;

    private ProfileLoader() {}

    /** Profiles from a file given on the command line. */
    public static List<ServiceProfile> load(Path file) {
        byte[] bytes;
        try {
            bytes = FileLimits.read(file, MAX_PROFILE_BYTES);
        } catch (RefusedFileException e) {
            throw new BadInputException("cannot read profile: " + e.getMessage());
        } catch (NoSuchFileException e) {
            throw new BadInputException("cannot read profile " + file + " (no such file)");
        } catch (AccessDeniedException e) {
            throw new BadInputException("cannot read profile " + file + " (permission denied)");
        } catch (IOException e) {
            throw new BadInputException("cannot read profile " + file + " (" + e.getMessage() + ")");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BadInputException(file + ":1:1: not a YAML profile (the file is not UTF-8 text)");
        }
        return parse(file.toString(), text);
    }

    /**
     * The profiles shipped in the jar. {@value #BUILTIN_RESOURCE} is the source; the jar reads its
     * JSON twin {@value #BUILTIN_JSON} as a plain tree, because binding YAML costs about 150 ms of
     * start-up on every diagnose. The build writes the twin from the YAML ({@link BuiltinJson});
     * where it did not run (an IDE's own compiler), the YAML is read instead.
     */
    public static List<ServiceProfile> builtIn() {
        List<ServiceProfile> b = builtIn;
        if (b == null) {
            try (InputStream in = ProfileLoader.class.getResourceAsStream(BUILTIN_JSON)) {
                b = in == null ? builtInFromYaml() : fromTree(new ObjectMapper().readTree(in));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the built-in profiles", e);
            }
            builtIn = b;
        }
        return b;
    }

    /** The built-in YAML, parsed by the strict reader (tests, and {@code profile list} sources). */
    public static List<ServiceProfile> builtInFromYaml() {
        try (InputStream in = ProfileLoader.class.getResourceAsStream(BUILTIN_RESOURCE)) {
            return parse("builtin:" + BUILTIN_RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the built-in profiles", e);
        }
    }

    /** Maps the trusted built-in tree; validation happened on the YAML it was made from. */
    static List<ServiceProfile> fromTree(JsonNode root) {
        List<ServiceProfile> out = new ArrayList<>();
        for (JsonNode s : root.path("services")) {
            JsonNode c = s.path("config");
            ServiceProfile.ConfigSpec config = c.isMissingNode()
                    ? null
                    : new ServiceProfile.ConfigSpec(
                            c.path("format").asText().toLowerCase(Locale.ROOT),
                            texts(c.path("files")),
                            c.has("path") ? c.path("path").asText() : null);
            JsonNode t = s.path("probe").path("timeout");
            out.add(new ServiceProfile(
                    s.path("name").asText(),
                    s.has("description") ? s.path("description").asText() : null,
                    texts(s.path("processes")),
                    texts(s.path("systemdUnits")),
                    texts(s.path("ports")).stream().map(ProfileLoader::port).toList(),
                    s.has("exposure")
                            ? choice(Exposure.class, s.path("exposure").asText())
                            : null,
                    config,
                    t.isMissingNode() ? null : duration(t.asText())));
        }
        return List.copyOf(out);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Profiles from YAML text; {@code source} names it in error messages. */
    public static List<ServiceProfile> parse(String source, String yaml) {
        if (yaml.length() > MAX_CHARS) {
            throw new BadInputException(source + ":1:1: the file is too large for a profile (over 1 MB)");
        }
        if (yaml.isBlank()) {
            throw new BadInputException(
                    source + ":1:1: schema: missing (the file is empty; start it with 'schema: " + SCHEMA + "')");
        }
        if (!SCHEMA_KEY.matcher(yaml).find()) {
            // /etc/shadow given by mistake: say what is wrong without echoing any of its lines
            throw new BadInputException(source + ":1:1: not a portdoc profile: expected a mapping starting with "
                    + "'schema: " + SCHEMA + "' (nothing of a file without it is quoted)");
        }
        ProfileDoc doc;
        try {
            doc = Yaml.MAPPER.readValue(yaml, ProfileDoc.class);
        } catch (JsonProcessingException e) {
            throw ProfileErrors.translate(source, yaml, e);
        }
        return new Validator(source).validate(doc);
    }

    private static ObjectMapper mapper() {
        LoaderOptions lo = new LoaderOptions();
        lo.setAllowDuplicateKeys(false);
        lo.setMaxAliasesForCollections(20); // no "billion laughs"
        lo.setAllowRecursiveKeys(false);
        lo.setCodePointLimit(MAX_CHARS);
        YAMLFactory f = YAMLFactory.builder()
                .loaderOptions(lo)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
        SimpleModule m = new SimpleModule("portdoc-profile");
        m.addDeserializer(PortSpec.class, new ValueDeserializer<>(PortSpec.class, ProfileLoader::port));
        m.addDeserializer(Duration.class, new ValueDeserializer<>(Duration.class, ProfileLoader::duration));
        m.addDeserializer(Exposure.class, new ValueDeserializer<>(Exposure.class, t -> choice(Exposure.class, t)));
        m.addDeserializer(
                ProfileDoc.ConfigFormat.class,
                new ValueDeserializer<>(ProfileDoc.ConfigFormat.class, t -> choice(ProfileDoc.ConfigFormat.class, t)));
        YAMLMapper mapper = YAMLMapper.builder(f)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .addModule(m)
                .build();
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
        return Durations.parse(text);
    }

    static <E extends Enum<E>> E choice(Class<E> type, String text) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text.trim())) {
                return e;
            }
        }
        List<String> names = Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .toList();
        throw new IllegalArgumentException("'" + text + "' is not one of " + String.join(", ", names));
    }

    /** A scalar value parsed by a function whose IllegalArgumentException becomes a located error. */
    static final class ValueDeserializer<T> extends StdScalarDeserializer<T> {
        private static final long serialVersionUID = 1L;
        private final transient Function<String, T> parse;

        ValueDeserializer(Class<T> type, Function<String, T> parse) {
            super(type);
            this.parse = parse;
        }

        @Override
        public T getNullValue(DeserializationContext ctxt) throws JsonMappingException {
            throw emptyValue(ctxt.getParser());
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                return ctxt.reportInputMismatch(
                        this, "expected a single value, found %s", ProfileErrors.describe(t, p));
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
        return new ProfileValueException(
                p,
                p.getParsingContext().inArray() ? "a list item is empty" : "empty (give a value or leave the key out)");
    }

    /** An error whose message is already a sentence for the user. */
    static final class ProfileValueException extends JsonMappingException {
        private static final long serialVersionUID = 1L;

        ProfileValueException(JsonParser p, String msg) {
            super(p, msg, p.currentTokenLocation());
        }
    }

    /** Rules that span values: required keys, duplicate names, absolute paths. */
    private static final class Validator {
        private final String source;

        Validator(String source) {
            this.source = source;
        }

        List<ServiceProfile> validate(ProfileDoc doc) {
            if (doc.schema == null) {
                throw ProfileErrors.bad(
                        source, null, "schema", "missing (start the file with 'schema: " + SCHEMA + "')", null);
            }
            if (!SCHEMA.equals(doc.schema.value())) {
                throw ProfileErrors.bad(
                        source,
                        doc.schema.location(),
                        "schema",
                        "'" + doc.schema.value() + "' is not supported (this portdoc reads " + SCHEMA + ")",
                        null);
            }
            if (doc.services == null || doc.services.value().isEmpty()) {
                throw ProfileErrors.bad(
                        source,
                        doc.services == null ? null : doc.services.location(),
                        "services",
                        "missing (list at least one service)",
                        null);
            }
            Map<String, Located<String>> names = new HashMap<>();
            List<ServiceProfile> out = new ArrayList<>();
            for (Located<ServiceDoc> ls : doc.services.value()) {
                ServiceDoc s = ls.value();
                if (s.name == null || s.name.value() == null || s.name.value().isBlank()) {
                    throw ProfileErrors.bad(
                            source,
                            s.name == null ? ls.location() : s.name.location(),
                            "name",
                            "missing (every service needs a name)",
                            null);
                }
                String name = s.name.value().strip();
                Located<String> earlier = names.putIfAbsent(name.toLowerCase(Locale.ROOT), s.name);
                if (earlier != null) {
                    throw ProfileErrors.bad(
                            source,
                            s.name.location(),
                            "name",
                            "'" + name + "' is already defined at line "
                                    + earlier.location().getLineNr(),
                            null);
                }
                if (s.ports == null || s.ports.value().isEmpty()) {
                    throw ProfileErrors.bad(
                            source,
                            s.ports == null ? ls.location() : s.ports.location(),
                            "ports",
                            "missing (service " + name + " needs at least one port, e.g. [80/tcp])",
                            null);
                }
                ServiceProfile.ConfigSpec config = null;
                if (s.config != null) {
                    ProfileDoc.ConfigDoc c = s.config.value();
                    if (c.format == null) {
                        throw ProfileErrors.bad(
                                source,
                                s.config.location(),
                                "format",
                                "missing (apache, cups, nginx, sshd, tcpwrappers, xinetd, postgresql, mysql or redis)",
                                null);
                    }
                    List<String> files = new ArrayList<>();
                    for (Located<String> f : c.files == null ? List.<Located<String>>of() : c.files) {
                        if (!f.value().startsWith("/")) {
                            throw ProfileErrors.bad(
                                    source, f.location(), "files", "'" + f.value() + "' is not an absolute path", null);
                        }
                        files.add(f.value());
                    }
                    if (c.path != null && !c.path.value().startsWith("/")) {
                        throw ProfileErrors.bad(
                                source,
                                c.path.location(),
                                "path",
                                "'" + c.path.value() + "' is not a URL path (it starts with /)",
                                null);
                    }
                    config = new ServiceProfile.ConfigSpec(
                            c.format.name().toLowerCase(Locale.ROOT), files, c.path == null ? null : c.path.value());
                }
                Duration timeout = s.probe == null ? null : s.probe.timeout;
                out.add(new ServiceProfile(
                        name,
                        s.description,
                        s.processes,
                        s.systemdUnits,
                        s.ports.value(),
                        s.exposure,
                        config,
                        timeout));
            }
            return List.copyOf(out);
        }
    }
}
