package io.portdoc.checks.config.mysql;

import io.portdoc.checks.config.dbconf.Where;
import io.portdoc.core.host.SystemView;
import io.portdoc.core.net.Addresses;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The server's error log, where it has one as a file ({@code log-error}; a relative name or none
 * given is in the data directory, the bare option means {@code HOSTNAME.err}; unset, the server
 * logs to stderr, i.e. the journal), and its lines about one client: refusals of the client's
 * host ("Host '10.0.0.156' is not allowed to connect", MySQL), denied logins ("Access denied for
 * user 'app'@'10.0.0.156'") and connections dropped before a login ("Aborted connection 5 ...
 * user: 'unauthenticated' host: '10.0.0.156'": how MariaDB 10.11 with log_warnings 4 records a
 * refused host; it logs no "not allowed" line itself). Only the end of a big log is read.
 */
final class ErrorLog {
    /** Logs grow without bound: only this many characters from the end are searched. */
    static final int MAX_CHARS = 8 << 20;

    static final int MAX_LINES = 5;

    record Lines(String file, List<Where> where, List<String> lines, String problem) {}

    private ErrorLog() {}

    static Optional<String> file(MySettings s, String hostname) {
        Optional<MyOption> log = s.last("log-error");
        if (log.isEmpty()) {
            return Optional.empty();
        }
        String datadir = s.last("datadir").map(MyOption::value).orElse("/var/lib/mysql");
        String v = log.get().value();
        String name = v == null || v.isBlank() ? hostname + ".err" : v;
        if (!name.contains(".")) {
            name = name + ".err";
        }
        return Optional.of(
                name.startsWith("/") ? name : Path.of(datadir).resolve(name).toString());
    }

    static Lines about(SystemView system, String file, InetAddress client) {
        String text;
        try {
            text = system.readFile(Path.of(file));
        } catch (AccessDeniedException e) {
            return new Lines(file, List.of(), List.of(), "permission denied");
        } catch (IOException e) {
            return new Lines(file, List.of(), List.of(), String.valueOf(e.getMessage()));
        }
        int from = Math.max(0, text.length() - MAX_CHARS);
        String[] lines = text.substring(from).split("\n", -1);
        int first = 1;
        for (int i = 0; i < from; i++) {
            first += text.charAt(i) == '\n' ? 1 : 0;
        }
        String ip = Addresses.text(client);
        List<Where> where = new ArrayList<>();
        List<String> found = new ArrayList<>();
        for (int i = lines.length - 1; i >= 0 && found.size() < MAX_LINES; i--) {
            String l = lines[i];
            if (l.contains("'" + ip + "'")
                    && (l.contains("is not allowed to connect")
                            || l.contains("Access denied")
                            || l.contains("Aborted connection"))) {
                where.add(0, new Where(file, first + i));
                found.add(0, l.strip());
            }
        }
        return new Lines(file, where, found, null);
    }
}
