package io.portdoc.checks.config.nginx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.portdoc.core.host.ProcessInfo;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The master's options as nginx's own parser reads them (src/core/nginx.c {@code ngx_get_options}:
 * {@code -c FILE} or {@code -cFILE}, the last one wins, {@code -g} takes the next word), from the
 * title nginx writes over its argv (padded with NULs) or from a plain argv.
 */
class NginxLocatorTest {
    static Stream<Arguments> argvs() {
        return Stream.of(
                Arguments.of(
                        List.of("nginx: master process /usr/sbin/nginx -g daemon on; master_process on;"), null, null),
                Arguments.of(
                        List.of("nginx: master process /usr/sbin/nginx -c /etc/nginx/alt.conf", "", "", ""),
                        "/etc/nginx/alt.conf",
                        null),
                Arguments.of(
                        List.of("nginx: master process nginx -p /srv/n/ -c conf/n.conf -g daemon off;"),
                        "conf/n.conf",
                        "/srv/n/"),
                Arguments.of(List.of("/usr/sbin/nginx", "-c/etc/a.conf", "-c", "/etc/b.conf"), "/etc/b.conf", null),
                Arguments.of(List.of("/usr/sbin/nginx", "-g", "-c x;", "-p", "/p"), null, "/p"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("argvs")
    void optionsOfTheMaster(List<String> argv, String conf, String prefix) {
        List<String> args = NginxLocator.args(new ProcessInfo(1, 0, "root", null, "nginx", null, argv));
        assertEquals(conf, NginxLocator.option(args, "-c"), args.toString());
        assertEquals(prefix, NginxLocator.option(args, "-p"), args.toString());
    }
}
