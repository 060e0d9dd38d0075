package io.portdoc.checks.config.nginx;

import static io.portdoc.checks.config.nginx.NginxFixture.CONF;
import static io.portdoc.checks.config.nginx.NginxFixture.all;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.checks.config.ConfigCheck;
import io.portdoc.core.CheckContext;
import io.portdoc.core.Exposure;
import io.portdoc.core.Outcome;
import io.portdoc.core.Target;
import io.portdoc.core.Verdict;
import io.portdoc.core.host.ProcessInfo;
import io.portdoc.core.host.RecordedSystem;
import io.portdoc.core.profile.ProfileCatalog;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The judge on recorded hosts: Debian's stock /etc/nginx, listen lines, locations, refusals, hostile files. */
class NginxJudgeTest {
    static final Path DEBIAN = Path.of("src/test/resources/hosts/nginx-debian");
    static final ProcessInfo DEBIAN_MASTER = new ProcessInfo(
            901,
            1,
            "root",
            null,
            "nginx",
            "/usr/sbin/nginx",
            List.of("nginx: master process /usr/sbin/nginx -g daemon on; master_process on;"));

    @TempDir
    Path tmp;

    @Test
    void debianStockConfigLetsEveryoneIn() {
        NginxFixture f = new NginxFixture(DEBIAN);
        Outcome o = f.judge(NginxFixture.target(null, 80, "/", Exposure.LAN), Optional.of(DEBIAN_MASTER));
        assertEquals(Verdict.PASS, o.verdict(), all(o));
        assertEquals("everyone is let in for /", o.summary().text());
        String ev = NginxFixture.evidence(o);
        // no -c: the path nginx -V reports (--conf-path), includes of mime.types and sites-enabled/* followed
        assertTrue(
                ev.contains("/etc/nginx/nginx.conf: the running nginx master (pid 901) uses its compiled-in path"), ev);
        assertTrue(ev.contains("3 files"), ev);
        assertTrue(ev.contains("/etc/nginx/sites-enabled/default:22 listen 80 default_server;"), ev);
        assertTrue(ev.contains("/etc/nginx/sites-enabled/default:48 GET / uses location / {"), ev);
    }

    @Test
    void debianStockConfigForAClientAndIpv6() {
        NginxFixture f = new NginxFixture(DEBIAN);
        assertEquals(
                Verdict.PASS,
                f.judge(NginxFixture.target("10.0.0.156", 80, "/", Exposure.LAN), Optional.of(DEBIAN_MASTER))
                        .verdict());
        Outcome v6 = f.judge(NginxFixture.target("fd42:0:0:2::20", 80, "/", Exposure.LAN), Optional.of(DEBIAN_MASTER));
        assertEquals(Verdict.PASS, v6.verdict(), all(v6));
        assertTrue(all(v6).contains("[::]:80"), all(v6));
    }

    @Test
    void builtInProfileDispatchesThroughTheConfigStep() {
        Target t = Target.of("nginx", 80)
                .withProfile(ProfileCatalog.builtIn().find("nginx").orElseThrow());
        Outcome o = new ConfigCheck().run(new CheckContext(new RecordedSystem(DEBIAN), t));
        assertEquals(Verdict.PASS, o.verdict(), all(o));
        // the daemon is a shared fact: the config step finds the running master without the daemon step
        assertTrue(
                NginxFixture.evidence(o).contains("/etc/nginx/nginx.conf: the running nginx master (pid 901)"), all(o));
    }

    @Test
    void workerLeadsToItsMasterAndItsDashC() {
        NginxFixture f = new NginxFixture(tmp)
                .file(
                        "/srv/ngx/conf/main.conf",
                        "events {}\nhttp { server { listen 8080; location / { deny all; } } }\n");
        f.write(
                "processes.json",
                "[{\"pid\":7,\"ppid\":1,\"comm\":\"nginx\",\"argv\":[\"nginx: master process "
                        + "/usr/sbin/nginx -p /srv/ngx/ -c conf/main.conf -g daemon off;\"]}]");
        ProcessInfo worker =
                new ProcessInfo(8, 7, "www-data", null, "nginx", "/usr/sbin/nginx", List.of("nginx: worker process"));
        Outcome o = f.judge(NginxFixture.target("10.0.0.156", 8080, "/", Exposure.LAN), Optional.of(worker));
        assertEquals(Verdict.FAIL, o.verdict(), all(o));
        assertTrue(o.summary().text().contains("/srv/ngx/conf/main.conf:2: deny all;"), all(o));
        assertTrue(NginxFixture.evidence(o).contains("pid 7) was started with -c"), all(o));
    }

    @Test
    void runningMastersConfigComesBeforeDashDashConfig() {
        NginxFixture f = new NginxFixture(tmp).http("server { listen 80; }").file("/tmp/other.conf", "events {}\n");
        ProcessInfo master = new ProcessInfo(7, 1, "root", null, "nginx", null, List.of("/usr/sbin/nginx", "-c", CONF));
        Target t = NginxFixture.target(null, 80, "/", Exposure.LAN).withConfigFile(Path.of("/tmp/other.conf"));
        Outcome o = f.judge(t, Optional.of(master));
        assertEquals(Verdict.PASS, o.verdict(), all(o));
        assertTrue(
                NginxFixture.hints(o).contains("the running nginx reads /etc/nginx/nginx.conf, not /tmp/other.conf"),
                all(o));
    }

    @Test
    void noConfigAnywhereIsUnknown() {
        Outcome o = new NginxFixture(tmp).judge("10.0.0.156");
        assertEquals(Verdict.UNKNOWN, o.verdict());
        assertTrue(o.summary().text().contains("/usr/local/nginx/conf/nginx.conf"), all(o));
    }

    static Stream<Arguments> listens() {
        return Stream.of(
                Arguments.of("listen 8080;", "10.0.0.156", Verdict.FAIL, "nginx listens on 8080, you asked about 80"),
                Arguments.of("", "10.0.0.156", Verdict.PASS, "server without listen: *:80"),
                Arguments.of("listen [::]:80;", "10.0.0.156", Verdict.FAIL, "only for IPv6 clients"),
                Arguments.of("listen [::]:80 ipv6only=off;", "10.0.0.156", Verdict.PASS, "[::]:80"),
                Arguments.of("listen 80;", "fd42:0:0:1::156", Verdict.FAIL, "only for IPv4 clients"),
                Arguments.of("listen 127.0.0.1:80;", "10.0.0.156", Verdict.FAIL, "only local clients can ever connect"),
                Arguments.of("listen 127.0.0.1:80;", "127.0.0.1", Verdict.PASS, "127.0.0.1:80"),
                Arguments.of(
                        "listen unix:/run/x.sock; listen 10.0.0.154:80;", "10.0.0.156", Verdict.PASS, "10.0.0.154:80"),
                Arguments.of("listen 10.0.0.154;", "10.0.0.156", Verdict.PASS, "10.0.0.154:80"));
    }

    @ParameterizedTest(name = "{0} client {1}: {2}")
    @MethodSource("listens")
    void listenLinesAgainstTheTarget(String listen, String client, Verdict expected, String said) {
        Outcome o = new NginxFixture(tmp).http("server {\n" + listen + "\n}").judge(client);
        assertEquals(expected, o.verdict(), all(o));
        assertTrue(all(o).contains(said), all(o));
    }

    @Test
    void defaultServerOfTheSocketIsChosen() {
        Outcome o = new NginxFixture(tmp).http("""
                server { listen 80; server_name a; location / { deny all; } }
                server { listen 80 default_server; server_name b; location / { allow 10.0.0.0/24; deny all; } }
                server { listen 10.0.0.154:80; server_name c; location / { deny all; } }""").judge("10.0.0.156");
        assertEquals(Verdict.PASS, o.verdict(), all(o));
        assertTrue(all(o).contains("1 more servers listen on 0.0.0.0:80"), all(o));
        Outcome specific = new NginxFixture(tmp)
                .http("""
                server { listen 80; location / { allow all; } }
                server { listen 10.0.0.154:80; location / { deny all; } }""")
                .judge(
                        NginxFixture.target("10.0.0.156", 80, "/", Exposure.LAN).withHost("10.0.0.154"),
                        Optional.empty());
        assertEquals(Verdict.FAIL, specific.verdict(), all(specific));
    }

    static Stream<Arguments> locations() {
        String conf = """
                server { listen 80;
                  location / { allow all; }
                  location = /exact { deny all; }
                  location /img/ { deny all; }
                  location ^~ /static/ { allow all; }
                  location ~ \\.php$ { deny 10.0.0.156; }
                  location ~* \\.JPG$ { deny 10.0.0.156; }
                  location /app/ {
                    allow all;
                    location ~ ^/app/admin { deny all; }
                  }
                }""";
        return Stream.of(
                Arguments.of(conf, "/", Verdict.PASS),
                Arguments.of(conf, "/exact", Verdict.FAIL),
                Arguments.of(conf, "/exact/more", Verdict.PASS),
                Arguments.of(conf, "/img/a.png", Verdict.FAIL),
                // a regex beats the longest prefix ...
                Arguments.of(conf, "/index.php", Verdict.FAIL),
                Arguments.of(conf, "/img/a.jpg", Verdict.FAIL),
                // ... unless the prefix has ^~
                Arguments.of(conf, "/static/x.php", Verdict.PASS),
                // nested regex inside the matched prefix
                Arguments.of(conf, "/app/admin/x", Verdict.FAIL),
                Arguments.of(conf, "/app/user", Verdict.PASS));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("locations")
    void locationChosenAsNginxDoes(String conf, String path, Verdict expected) {
        Outcome o = new NginxFixture(tmp).http(conf).judge("10.0.0.156", 80, path);
        assertEquals(expected, o.verdict(), all(o));
    }

    @Test
    void returnsAndIfBlocksAreWarnedAboutNotEvaluated() {
        Outcome o = new NginxFixture(tmp).http("""
                server { listen 80;
                  location / {
                    if ($remote_addr = 10.0.0.156) { return 444; }
                  }
                }""").judge("10.0.0.156");
        assertEquals(Verdict.WARN, o.verdict(), all(o));
        assertTrue(
                o.summary()
                        .text()
                        .contains(CONF + ":5 answers before the access rules are checked (not evaluated): "
                                + "if ($remote_addr = 10.0.0.156) {"),
                all(o));
        Outcome r = new NginxFixture(tmp)
                .http("server { listen 80; location / { return 403; } }")
                .judge(null);
        assertEquals(Verdict.WARN, r.verdict(), all(r));
        assertTrue(
                r.summary()
                        .text()
                        .contains(CONF + ":3 answers before the access rules are checked (not evaluated): "
                                + "return 403;"),
                all(r));
    }

    @Test
    void regexNamedGroupsInPcreSyntaxAndUnreadableExpressions() {
        Outcome named = new NginxFixture(tmp)
                .http("server { listen 80; location / { }\n" + "location ~ ^/(?P<page>.*)$ { deny 10.0.0.156; } }")
                .judge("10.0.0.156");
        assertEquals(Verdict.FAIL, named.verdict(), all(named));
        Outcome bad = new NginxFixture(tmp)
                .http("server { listen 80; location / { }\n" + "location ~ ^/(?=x)(?C1) { deny 10.0.0.156; } }")
                .judge("10.0.0.156");
        assertEquals(Verdict.WARN, bad.verdict(), all(bad));
        assertTrue(bad.summary().text().contains(CONF + ":4 was not evaluated"), all(bad));
    }

    @Test
    void realIpFromAProxyIsNamedInAHint() {
        Outcome o = new NginxFixture(tmp)
                .http("set_real_ip_from 10.0.0.1;\nreal_ip_header X-Forwarded-For;\n"
                        + "server { listen 80; location / { allow 10.0.0.0/24; deny all; } }")
                .judge("10.0.0.156");
        assertEquals(Verdict.PASS, o.verdict(), all(o));
        assertTrue(
                NginxFixture.hints(o)
                        .contains(CONF + ":3: \"set_real_ip_from 10.0.0.1;\": for requests from that "
                                + "proxy, allow/deny judge the address in the real_ip_header"),
                all(o));
    }

    @Test
    void limitExceptRulesApplyToTheMethodsItDoesNotName() {
        // ngx_http_core_limit_except: the block applies to every method except the named ones (GET implies HEAD)
        Outcome get = new NginxFixture(tmp)
                .http("server { listen 80; location / { limit_except GET { deny all; } } }")
                .judge("10.0.0.156");
        assertEquals(Verdict.PASS, get.verdict(), all(get));
        Outcome post = new NginxFixture(tmp)
                .http("server { listen 80; location / {\n" + "limit_except POST { allow 10.0.0.0/24; deny all; } } }")
                .judge("172.16.5.20");
        assertEquals(Verdict.FAIL, post.verdict(), all(post));
        assertTrue(NginxFixture.evidence(post).contains("limit_except does not name GET"), all(post));
    }

    static Stream<Arguments> whoGetsIn() {
        return Stream.of(
                Arguments.of(
                        "allow 10.0.0.0/24; deny all;",
                        Verdict.WARN,
                        "only some clients can get in for /: allowed: 10.0.0.0/24; everything else denied"),
                Arguments.of("deny all;", Verdict.FAIL, "no remote client can get in for /: allowed: nobody"),
                Arguments.of("deny 172.16.0.0/12;", Verdict.WARN, "allowed: 0.0.0.0/1, 128.0.0.0/3"),
                Arguments.of("", Verdict.PASS, "everyone is let in for /"),
                Arguments.of(
                        "satisfy any; allow 10.0.0.0/24; deny all; auth_basic x;",
                        Verdict.WARN,
                        "allowed: 10.0.0.0/24; after login: "),
                Arguments.of(
                        "allow 10.0.0.0/24; deny all; auth_basic x;",
                        Verdict.WARN,
                        "allowed: nobody; after login: 10.0.0.0/24; everything else denied"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("whoGetsIn")
    void withoutAClientSaysWhoGetsIn(String rules, Verdict expected, String said) {
        Outcome o = new NginxFixture(tmp)
                .http("server { listen 80; location / { " + rules + " } }")
                .judge(null);
        assertEquals(expected, o.verdict(), all(o));
        assertTrue(o.summary().text().contains(said), all(o));
    }

    @Test
    void localExposureAcceptsLocalOnlyRules() {
        Outcome o = new NginxFixture(tmp)
                .http("server { listen 80; allow 127.0.0.1; deny all; }")
                .judge(NginxFixture.target(null, 80, "/", Exposure.LOCAL), Optional.empty());
        assertEquals(Verdict.PASS, o.verdict(), all(o));
    }

    @Test
    void streamServerRules() {
        NginxFixture f = new NginxFixture(tmp).file(CONF, """
                events {}
                stream {
                  deny 172.16.0.0/12;
                  server { listen 5432; }
                  server { listen 6379; allow 10.0.0.0/24; deny all; }
                }
                """);
        assertEquals(Verdict.FAIL, f.judge("172.16.5.20", 5432, "/").verdict());
        assertEquals(Verdict.PASS, f.judge("10.0.0.156", 5432, "/").verdict());
        Outcome o = f.judge("172.16.5.20", 6379, "/");
        assertEquals(Verdict.FAIL, o.verdict(), all(o));
        assertTrue(o.summary().text().contains(CONF + ":5: deny all;"), all(o));
    }

    @Test
    void includeGlobsRelativeToTheConfDirectorySorted() {
        NginxFixture f = new NginxFixture(tmp)
                .file(CONF, "events {}\nhttp { include sites/*.conf; }\n")
                .file("/etc/nginx/sites/b.conf", "server { listen 80 default_server; location / { deny all; } }\n")
                .file("/etc/nginx/sites/a.conf", "server { listen 80; location / { allow all; } }\n")
                .file("/etc/nginx/sites/c.conf.off", "this is not read\n");
        Outcome o = f.judge("10.0.0.156");
        assertEquals(Verdict.FAIL, o.verdict(), all(o));
        assertTrue(o.summary().text().contains("/etc/nginx/sites/b.conf:1: deny all;"), all(o));
        assertTrue(NginxFixture.evidence(o).contains("3 files"), all(o));
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(
                        "events {}\nhttp {\nserver {\n", "unexpected end of file, expecting \"}\" in " + CONF + ":4"),
                Arguments.of("events {}\n}\n", "unexpected \"}\" in " + CONF + ":2"),
                Arguments.of("events {}\nallow all;\n", "\"allow\" directive is not allowed here in " + CONF + ":2"),
                Arguments.of(
                        "events {}\nhttp { server { allow 10.0.0.300; } }\n",
                        "invalid parameter \"10.0.0.300\" in " + CONF + ":2"),
                Arguments.of(
                        "events {}\nhttp { server { allow 10.0.0.0/255.255.255.0; } }\n",
                        "invalid parameter \"10.0.0.0/255.255.255.0\" in " + CONF + ":2"),
                Arguments.of(
                        "events {}\nhttp { server { deny; } }\n",
                        "invalid number of arguments in \"deny\" directive in " + CONF + ":2"),
                Arguments.of("http { }\n", "no \"events\" section in configuration"),
                Arguments.of(
                        "events {}\nhttp { include missing.conf; }\n",
                        "open() \"/etc/nginx/missing.conf\" failed (2: No such file or directory) in " + CONF + ":2"),
                Arguments.of(
                        "events {}\nhttp { server { listen 80 default_server; }\n"
                                + "server { listen 80 default; } }\n",
                        "a duplicate default server for 0.0.0.0:80 in " + CONF + ":3"),
                Arguments.of(
                        "events {}\nhttp { server { listen 80 bogus; } }\n",
                        "invalid parameter \"bogus\" in " + CONF + ":2"),
                Arguments.of(
                        "events {}\nhttp { server { location / { if ($x) { deny all; } } } }\n",
                        "\"deny\" directive is not allowed here in " + CONF + ":2"),
                Arguments.of("events {}\nhttp { server { listen \"80\"x; } }\n", "unexpected \"x\" in " + CONF + ":2"),
                // nginx handles each directive as it reads it: the earlier error is the one it reports
                Arguments.of(
                        "events {}\nhttp { server { allow 10.0.0.0/33; }\nserver {\n",
                        "invalid parameter \"10.0.0.0/33\" in " + CONF + ":2"),
                Arguments.of(
                        "events {}\nhttp { include later.conf; }\nallow all;\n",
                        "unexpected end of file, expecting \"}\" in /etc/nginx/later.conf:2"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("refusals")
    void configNginxRefusesIsReportedInItsWords(String conf, String emerg) {
        Outcome o = new NginxFixture(tmp)
                .file(CONF, conf)
                .file("/etc/nginx/later.conf", "server {\n")
                .judge("10.0.0.156");
        assertEquals(Verdict.FAIL, o.verdict(), all(o));
        assertEquals(
                "nginx will not start with this configuration: [emerg] " + emerg,
                o.summary().text());
    }

    @Test
    void refusedConfigOfARunningDaemonIsUnknown() {
        NginxFixture f = new NginxFixture(tmp).file(CONF, "events {}\n}\n");
        ProcessInfo master = new ProcessInfo(7, 1, "root", null, "nginx", null, List.of("/usr/sbin/nginx"));
        Outcome o = f.judge(NginxFixture.target("10.0.0.156", 80, "/", Exposure.LAN), Optional.of(master));
        assertEquals(Verdict.UNKNOWN, o.verdict(), all(o));
        assertTrue(o.summary().text().contains("[emerg] unexpected \"}\" in " + CONF + ":2"), all(o));
    }

    static Stream<Arguments> hostile() {
        return Stream.of(
                Arguments.of("events {}\nhttp { include nginx.conf; }\n", "include loop"),
                Arguments.of("events {}\nhttp { include /etc/nginx/loop/*.conf; }\n", "include loop"),
                Arguments.of("events {}\n\0\1\2 binary", "binary file"),
                Arguments.of("events {}\n" + "x {\n".repeat(100), "blocks nested deeper than"),
                Arguments.of("events {}\n" + "#".repeat(9 << 20), "larger than 8 MiB"),
                // no loop, but 64^4 includes: the directive cap ends it
                Arguments.of("events {}\nhttp { include fan/a.conf; }\n", "more than 100000 directives"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("hostile")
    void hostileFilesEndInUnknownWithAMessage(String conf, String said) {
        NginxFixture f = new NginxFixture(tmp)
                .file(CONF, conf)
                .file("/etc/nginx/loop/a.conf", "include loop/b.conf;\n")
                .file("/etc/nginx/loop/b.conf", "include loop/a.conf;\n")
                .file("/etc/nginx/fan/a.conf", "include fan/b.conf;\n".repeat(64))
                .file("/etc/nginx/fan/b.conf", "include fan/c.conf;\n".repeat(64))
                .file("/etc/nginx/fan/c.conf", "include fan/d.conf;\n".repeat(64))
                .file("/etc/nginx/fan/d.conf", "allow all;\n".repeat(64));
        long start = System.nanoTime();
        Outcome o = f.judge("10.0.0.156");
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "bounded time");
        assertEquals(Verdict.UNKNOWN, o.verdict(), all(o));
        assertTrue(o.summary().text().contains(said), all(o));
    }

    @Test
    void unreadableIncludeIsUnknownWithHowToFix() {
        NginxFixture f = new NginxFixture(tmp)
                .file(CONF, "events {}\nhttp { include secret.conf; }\n")
                .file("/etc/nginx/secret.conf", "server { listen 80; }\n")
                .write("denied.txt", "/etc/nginx/secret.conf\n");
        Outcome o = f.judge("10.0.0.156");
        assertEquals(Verdict.UNKNOWN, o.verdict(), all(o));
        assertTrue(o.summary().text().contains("cannot read /etc/nginx/secret.conf: permission denied"), all(o));
        assertTrue(NginxFixture.hints(o).contains("run portdoc as root"), all(o));
    }

    @Test
    void quotedWordsEscapesAndCommentsReadAsNginxReadsThem() throws Exception {
        Outcome o = new NginxFixture(tmp).http("""
                server { listen "80"; # listen 81;
                  location '/a b' { deny all; }
                  location / { deny 10.0.0.1#x; }
                }""").judge("10.0.0.156", 80, "/a b/c");
        assertEquals(Verdict.FAIL, o.verdict(), all(o));
        assertEquals(InetAddress.getByName("10.0.0.156"), InetAddress.getByName("10.0.0.156"));
    }
}
