package io.portdoc.checks.config.files;

/**
 * One configuration file as read through the host: its text, or why it could not be used
 * ({@code reason} is a short phrase such as "permission denied" and {@code text} is null then).
 */
public record FileRead(String file, String text, String reason) {
    public boolean ok() {
        return text != null;
    }
}
