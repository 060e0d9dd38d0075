package io.portdoc.checks.config.apache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Lines Apache refuses to start with (texts as apache2 2.4.71 printed them for "apache2 -t"
 * where we checked), each reported at its line. {@code |} separates config lines.
 */
class RefusedTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = ';',
            value = {
                "<Directory />|Allow from 10.1/16|</Directory>; 2; The specified IP address is invalid.",
                "<Directory />|Allow from 0.0.0.0/0|</Directory>; 2; The specified network mask is invalid.",
                "<Directory />|Allow from [::1]|</Directory>; 2; The specified IP address is invalid.",
                "<Directory />|Allow from ::ffff:10.0.0.1|</Directory>; 2; The specified IP address is invalid.",
                "<Directory />|Allow from example.org/24|</Directory>; 2; An IP address was expected",
                "<Directory />|Allow 10.0.0.1 10.0.0.2|</Directory>; 2; allow and deny must be followed by 'from'",
                "<Directory />|Allow 10.0.0.1|</Directory>; 2; allow requires at least two arguments",
                "<Directory />|Order allow, deny|</Directory>; 2; order takes one argument, 'allow,deny', 'deny,allow', or 'mutual-failure'",
                "<Directory />|Order deny|</Directory>; 2; unknown order",
                "<Directory />|Satisfy some|</Directory>; 2; Satisfy either 'any' or 'all'.",
                "<Directory />|Require not ip 10.0.0.1|</Directory>; 2; negative Require directive has no effect in <RequireAny> directive",
                "<Directory />|<RequireAll>|</RequireAll>|</Directory>; 2; <RequireAll> directive contains no authorization directives",
                "<Directory />|<RequireNone>|Require ip 10.0.0.1|</RequireNone>|</Directory>; 2; <RequireNone> directive has no effect in <RequireAny> directive",
                "<Directory />|Require ip localhost|</Directory>; 2; ip address 'localhost' appears to be invalid",
                "<Directory />|Require ip 10.1/16|</Directory>; 2; ip address '10.1/16' appears to be invalid: The specified IP address is invalid.",
                "<Directory />|Require all yes|</Directory>; 2; Argument for 'Require all' must be 'granted' or 'denied'",
                "<Directory />|<RequireAll>|Require not ip 10.0.0.1|</RequireAll>|</Directory>; 2; <RequireAll> directive contains only negative authorization directives",
                "<Directory />|<RequireAll>|<RequireNone>|Require ip 10.0.0.2|</RequireNone>|</RequireAll>|</Directory>; 2; <RequireAll> directive contains only negative authorization directives",
                "<Directory />|<RequireNone>|Require not ip 10.0.0.2|</RequireNone>|</Directory>; 3; negative Require directive has no effect in <RequireNone> directive",
                "Order allow,deny; 1; order not allowed here",
                "<VirtualHost *:80>|Require all granted|</VirtualHost>; 2; Require not allowed in <VirtualHost> context",
                "<VirtualHost *:80>|Listen 81|</VirtualHost>; 2; Listen cannot occur within <VirtualHost> section",
                "Listen notaport; 1; Port must be specified",
                "LoadModule authz_core_module x/mod_authz_core.so|<Directory />|Order allow,deny|</Directory>; 3; Invalid command 'Order'",
                "LoadModule access_compat_module x/mod_access_compat.so|<Directory />|Require all granted|</Directory>; 3; Invalid command 'Require'",
                "LoadModule authz_core_module x/mod_authz_core.so|<Directory />|Require ip 10.0.0.1|</Directory>; 3; Unknown Authz provider: ip",
            })
    void apacheRefuses(String config, int line, String message, @TempDir Path tmp) {
        ParsedConfig pc = Tree.at(tmp)
                .file("/e/r.conf", config.replace('|', '\n') + "\n")
                .parse("/e/r.conf", ConfigParser.Options.apache("/e"));
        List<Problem> refused = ApacheModel.build(pc).problems().stream()
                .filter(p -> p.kind() == Problem.Kind.REFUSED)
                .toList();
        assertEquals(1, refused.size(), refused.toString());
        assertEquals(line, refused.get(0).loc().line());
        assertTrue(refused.get(0).detail().startsWith(message), refused.get(0).detail());
    }
}
