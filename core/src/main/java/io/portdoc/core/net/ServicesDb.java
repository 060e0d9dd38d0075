package io.portdoc.core.net;

import io.portdoc.core.host.SystemView;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@code /etc/services}: names to ports and back ({@code http 80/tcp www}). */
public final class ServicesDb {
    public static final Path FILE = Path.of("/etc/services");
    private final Map<String, Integer> byName = new HashMap<>();
    private final Map<Integer, String> byPort = new HashMap<>();

    public ServicesDb(String content, String protocol) {
        for (String raw : content.split("\n")) {
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).trim();
            String[] f = line.split("\\s+");
            if (f.length < 2 || !f[1].contains("/")) {
                continue;
            }
            String[] pp = f[1].split("/", 2);
            if (!pp[1].equalsIgnoreCase(protocol)) {
                continue;
            }
            int port;
            try {
                port = Integer.parseInt(pp[0]);
            } catch (NumberFormatException e) {
                continue;
            }
            if (port < 1 || port > 65535) {
                continue; // "-1/tcp", "70000/tcp": not a port a client could connect to
            }
            byPort.putIfAbsent(port, f[0]);
            for (int i = 0; i < f.length; i++) {
                if (i != 1) {
                    byName.putIfAbsent(f[i].toLowerCase(Locale.ROOT), port);
                }
            }
        }
    }

    public static ServicesDb load(SystemView system, String protocol) {
        return new ServicesDb(system.readFileOrEmpty(FILE), protocol);
    }

    public Optional<Integer> port(String name) {
        return Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT)));
    }

    public Optional<String> name(int port) {
        return Optional.ofNullable(byPort.get(port));
    }
}
