package io.portdoc.checks.config.wrappers;

import io.portdoc.core.host.ProcessInfo;
import io.portdoc.core.host.SystemView;
import io.portdoc.core.net.AddressSet;
import io.portdoc.core.net.Addresses;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * TCP wrappers for a daemon: whether it uses libwrap at all ({@code libwrap.so} mapped in
 * /proc/PID/maps), and what hosts.allow / hosts.deny answer for a daemon name and a client.
 */
public final class Wrappers {
    private final SystemView system;
    private final HostsFiles files;

    private Wrappers(SystemView system, HostsFiles files) {
        this.system = system;
        this.files = files;
    }

    public static Wrappers read(SystemView system) {
        return new Wrappers(system, HostsFiles.read(system));
    }

    /** True, false, or empty when /proc/PID/maps cannot be read (another user's process without root). */
    public static Optional<Boolean> linked(SystemView system, ProcessInfo daemon) {
        try {
            String maps = system.readFile(Path.of("/proc", Long.toString(daemon.pid()), "maps"));
            return Optional.of(maps.contains("/libwrap.so"));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether a program's binary names libwrap among the libraries it needs (when no process of it runs). */
    public static boolean needs(SystemView system, Path binary) {
        try {
            String text = system.readFile(binary);
            return text.length() < 64 * 1024 * 1024 && text.contains("libwrap.so");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Why hosts.allow or hosts.deny cannot be read ("FILE: reason"), or null. */
    public String unreadable() {
        return files.unreadable() == null ? null : files.unreadableFile() + ": " + files.unreadable();
    }

    public List<String> warnings() {
        return files.warnings();
    }

    /** The client as libwrap sees it: the name from a double reverse lookup, when there is one. */
    public Client client(InetAddress addr) {
        Optional<String> name = system.reverse(addr);
        String verified = name.filter(n -> system.resolve(n).stream()
                        .anyMatch(a -> Addresses.unmap(a).equals(Addresses.unmap(addr))))
                .orElse(null);
        return new Client(addr, verified, true);
    }

    public WrapDecision decide(String daemon, Client client, InetAddress server) {
        return HostsAccess.decide(files, daemon, client, server);
    }

    /** Every address set the rules name (for cutting the address space into regions). */
    public List<AddressSet> atoms() {
        List<AddressSet> out = new ArrayList<>();
        for (List<AccessRule> t : List.of(files.allow(), files.deny())) {
            for (AccessRule r : t) {
                for (String w : r.clients()) {
                    HostPatterns.addresses(w).ifPresent(out::add);
                }
            }
        }
        return out;
    }

    /** For an address standing for its region: TRUE let in, FALSE refused, null depends on names. */
    public Boolean admits(String daemon, InetAddress addr, InetAddress server) {
        WrapDecision d = decide(daemon, Client.unnamed(addr), server);
        return d.result() == WrapDecision.Result.DEPENDS ? null : d.result() == WrapDecision.Result.ALLOW;
    }
}
