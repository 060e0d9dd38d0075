package io.portdoc.checks.config;

import java.util.List;
import java.util.Locale;

/**
 * Where a distribution's build looks by default: the compiled-in ServerRoot and configuration
 * file of its binary ({@code apache2 -V}: HTTPD_ROOT, SERVER_CONFIG_FILE), and its program names.
 */
enum Layout {
    DEBIAN("/etc/apache2", "apache2.conf", List.of("apache2")),
    REDHAT("/etc/httpd", "conf/httpd.conf", List.of("httpd")),
    SUSE(
            "/srv/www",
            "/etc/apache2/httpd.conf",
            List.of("httpd2", "httpd2-prefork", "httpd2-worker", "httpd2-event", "httpd-prefork")),
    CUPS("/etc/cups", "cupsd.conf", List.of("cupsd"));

    static final List<String> APACHE_NAMES = List.of(
            "apache2",
            "httpd",
            "apache",
            "httpd2",
            "httpd2-prefork",
            "httpd2-worker",
            "httpd2-event",
            "httpd-prefork",
            "apache2ctl",
            "apachectl");
    static final List<String> CUPS_NAMES = List.of("cupsd", "cups");

    final String serverRoot;
    /** SERVER_CONFIG_FILE: relative to the ServerRoot unless absolute. */
    final String configFile;

    final List<String> programs;

    Layout(String serverRoot, String configFile, List<String> programs) {
        this.serverRoot = serverRoot;
        this.configFile = configFile;
        this.programs = programs;
    }

    static Layout forProgram(String program) {
        String p = program.toLowerCase(Locale.ROOT);
        for (Layout l : values()) {
            if (l.programs.contains(p)) {
                return l;
            }
        }
        return p.startsWith("httpd2") ? SUSE : p.startsWith("cups") ? CUPS : p.startsWith("apache") ? DEBIAN : REDHAT;
    }

    /** The configuration file under a given ServerRoot. */
    String configUnder(String root) {
        return configFile.startsWith("/") ? configFile : root + "/" + configFile;
    }

    /** The default file of this layout. */
    String defaultFile() {
        return configUnder(serverRoot);
    }

    boolean cups() {
        return this == CUPS;
    }
}
