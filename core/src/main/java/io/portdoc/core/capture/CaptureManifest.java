package io.portdoc.core.capture;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * {@code manifest.json} at the top of a capture bundle ({@value #SCHEMA}): where and when it was
 * taken, by whom, for which service, and what could not be read and why.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaptureManifest(
        String schema,
        String format,
        String host,
        Instant takenAt,
        String toolVersion,
        String user,
        boolean privileged,
        CaptureTarget target,
        List<Unreadable> unreadable) {
    public static final String SCHEMA = "portdoc/capture/v1";

    public CaptureManifest {
        unreadable = unreadable == null ? List.of() : List.copyOf(unreadable);
    }

    /** The service and port the capture read for; service may be null (a port alone). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CaptureTarget(String service, Integer port, String protocol) {}

    /** A path (or command line) not in the bundle, and why. */
    public record Unreadable(String path, String why) {}
}
