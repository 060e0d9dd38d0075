package io.portdoc.core;

/** Who ran the diagnosis, where; {@code privileged} is true for root. */
public record HostInfo(String hostname, String user, boolean privileged) {}
