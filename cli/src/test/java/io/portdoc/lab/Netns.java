package io.portdoc.lab;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A named network namespace by its identity, the inode of {@code /run/netns/NAME}. A process
 * started with {@code ip netns exec} or {@code nsenter} is in the machine's own namespace until
 * it switches, so what its {@code /proc/PID/net/tcp} shows counts only once
 * {@code /proc/PID/ns/net} is this namespace.
 */
record Netns(String name, long inode) {
    static Netns of(String name) {
        try {
            return new Netns(name, ((Number) Files.getAttribute(Path.of("/run/netns", name), "unix:ino")).longValue());
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("no network namespace " + name + ": " + e.getMessage(), e);
        }
    }

    /** True when process {@code pid} is in this namespace now. */
    boolean holds(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns", "net"))
                    .toString()
                    .equals("net:[" + inode + "]");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Addresses a client in the namespace of {@code pid} can connect to for its listening TCP
     * sockets on {@code port} (the wildcard becomes loopback), read from /proc/PID/net/tcp{,6}.
     */
    static List<String> listening(long pid, int port) {
        String hexPort = String.format(":%04X", port);
        List<String> addresses = new ArrayList<>();
        for (String f : List.of("tcp", "tcp6")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", f));
            } catch (IOException e) {
                return List.of();
            }
            for (String line : lines) {
                String[] c = line.trim().split("\\s+");
                if (c.length > 3 && c[1].endsWith(hexPort) && c[3].equals("0A")) {
                    addresses.add(connectable(c[1].substring(0, c[1].indexOf(':'))));
                }
            }
        }
        return addresses;
    }

    /** /proc/net/tcp writes an address as 32-bit words in host (little-endian) byte order. */
    static String connectable(String hex) {
        byte[] raw = HexFormat.of().parseHex(hex);
        byte[] b = new byte[raw.length];
        for (int w = 0; w < raw.length; w += 4) {
            for (int i = 0; i < 4; i++) {
                b[w + i] = raw[w + 3 - i];
            }
        }
        try {
            InetAddress a = InetAddress.getByAddress(b); // a v4-mapped address comes back as IPv4
            if (a.isAnyLocalAddress()) {
                return a instanceof Inet4Address ? "127.0.0.1" : "::1";
            }
            if (a instanceof Inet6Address && a.isLoopbackAddress()) {
                return "::1";
            }
            return a.getHostAddress(); // nc takes Java's uncompressed IPv6 text too
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(hex, e);
        }
    }
}
