package io.portdoc.core.profile;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import io.portdoc.core.Exposure;
import io.portdoc.core.profile.ServiceProfile.PortSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The YAML document as bound by Jackson (schema portdoc/profile/v1). Only {@link ProfileLoader}
 * sees these; it checks what spans values and turns them into {@link ServiceProfile}s.
 *
 * <p>Plain classes with fields, not records, on purpose: Jackson binds records through their
 * constructor and reports unknown keys only at the end of the mapping, while field binding
 * reports them where they are. Values whose errors need a position the binder cannot give are
 * wrapped in {@link Located}.
 */
final class ProfileDoc {
    public Located<String> schema;
    public Located<List<Located<ServiceDoc>>> services;

    static final class ServiceDoc {
        public Located<String> name;
        public String description;
        public List<String> processes;
        public List<String> systemdUnits;
        public Located<List<PortSpec>> ports;
        public Exposure exposure;
        public Located<ConfigDoc> config;
        public ProbeDoc probe;
    }

    static final class ConfigDoc {
        public ConfigFormat format;
        public List<Located<String>> files;
        public Located<String> path;
    }

    static final class ProbeDoc {
        public Duration timeout;
    }

    /** The config grammars the config step understands. */
    enum ConfigFormat {
        APACHE,
        CUPS,
        NGINX,
        SSHD,
        TCPWRAPPERS,
        XINETD,
        POSTGRESQL,
        MYSQL,
        REDIS
    }

    /** A value and where it starts in the file. */
    @JsonDeserialize(using = LocatedDeserializer.class)
    record Located<T>(T value, JsonLocation location) {}

    /** Remembers the token position, then lets Jackson bind the wrapped type as usual. */
    static final class LocatedDeserializer extends JsonDeserializer<Located<?>> implements ContextualDeserializer {
        private final JavaType valueType;

        LocatedDeserializer() {
            this(null);
        }

        private LocatedDeserializer(JavaType valueType) {
            this.valueType = valueType;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            JavaType wrapper = ctxt.getContextualType() != null ? ctxt.getContextualType() : property.getType();
            return new LocatedDeserializer(wrapper.containedType(0));
        }

        /** Nulls are never a value in a profile: {@code name: ~} is an error at its position. */
        @Override
        public Located<?> getNullValue(DeserializationContext ctxt) throws JsonMappingException {
            throw ProfileLoader.emptyValue(ctxt.getParser());
        }

        @Override
        public Located<?> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonLocation at = p.currentTokenLocation();
            return new Located<>(ctxt.readValue(p, valueType), at);
        }
    }
}
