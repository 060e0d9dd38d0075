package io.portdoc.checks.facts;

import io.portdoc.core.host.SystemView;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which network namespace a process lives in ({@code /proc/PID/ns/net -> net:[4026531840]}). A
 * process in another namespace (a container's Apache) has its own sockets and its own firewall:
 * it is never this host's daemon. The link of another user's process is unreadable without root;
 * such a process counts as here, as it did before namespaces were looked at.
 */
public final class NetNamespace {
    private final Optional<String> own;
    private final SystemView system;

    private NetNamespace(SystemView system) {
        this.system = system;
        this.own = link(system, "self");
    }

    public static NetNamespace of(SystemView system) {
        return new NetNamespace(system);
    }

    /** False only when both links are known and differ. */
    public boolean here(long pid) {
        if (own.isEmpty()) {
            return true;
        }
        Optional<String> theirs = link(system, Long.toString(pid));
        return theirs.isEmpty() || theirs.equals(own);
    }

    private static Optional<String> link(SystemView system, String pid) {
        try {
            return system.readLink(Path.of("/proc", pid, "ns", "net"));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
