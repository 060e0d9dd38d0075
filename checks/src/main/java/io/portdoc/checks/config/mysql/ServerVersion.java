package io.portdoc.checks.config.mysql;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's product and version, from {@code mysqld --version} ("mariadbd Ver 10.11.19-MariaDB
 * ..." or "mysqld Ver 8.0.36 for Linux"): it decides which option groups the server reads and
 * whether {@code bind-address} takes a list.
 */
record ServerVersion(boolean mariadb, int major, int minor, int patch) {
    private static final Pattern VER = Pattern.compile("Ver (\\d+)\\.(\\d+)\\.(\\d+)");

    static ServerVersion parse(String versionOutput) {
        Matcher m = VER.matcher(versionOutput);
        if (!m.find()) {
            return null;
        }
        return new ServerVersion(
                versionOutput.contains("MariaDB"),
                Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)));
    }

    /**
     * The groups the server reads, as {@code mariadbd --help --verbose} lists them: "mysqld server
     * mysqld-10.11 mariadb mariadb-10.11 mariadbd mariadbd-10.11 client-server galera"; MySQL reads
     * "mysqld server mysqld-8.0". Without a version: the groups every version reads.
     */
    static List<String> groups(ServerVersion v) {
        List<String> g = new ArrayList<>(List.of("mysqld", "server"));
        if (v == null) {
            g.addAll(List.of("mariadb", "mariadbd", "client-server", "galera"));
            return g;
        }
        String xy = v.major + "." + v.minor;
        g.add("mysqld-" + xy);
        if (v.mariadb) {
            g.addAll(List.of("mariadb", "mariadb-" + xy, "mariadbd", "mariadbd-" + xy, "client-server", "galera"));
        }
        return g;
    }

    /** MariaDB 10.11 and MySQL 8.0.13 accept a comma-separated list of bind addresses. */
    boolean bindList() {
        return mariadb
                ? major > 10 || (major == 10 && minor >= 11)
                : major > 8 || (major == 8 && (minor > 0 || patch >= 13));
    }

    @Override
    public String toString() {
        return (mariadb ? "MariaDB " : "MySQL ") + major + "." + minor + "." + patch;
    }
}
