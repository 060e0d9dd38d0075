package io.portdoc.checks.facts;

import java.nio.file.Path;

/** Which kernel table a TCP socket comes from: {@code /proc/net/tcp} or {@code /proc/net/tcp6}. */
public enum Family {
    IPV4("tcp", Path.of("/proc/net/tcp")),
    IPV6("tcp6", Path.of("/proc/net/tcp6"));

    /** netstat's protocol column. */
    public final String proto;

    public final Path file;

    Family(String proto, Path file) {
        this.proto = proto;
        this.file = file;
    }
}
