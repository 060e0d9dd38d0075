package io.portdoc.checks.config.bench;

import io.portdoc.checks.config.ConfigRequest;
import io.portdoc.checks.config.nginx.ConfigReader;
import io.portdoc.checks.config.nginx.NginxJudge;
import io.portdoc.core.Target;
import io.portdoc.core.host.RealSystem;
import io.portdoc.core.host.SystemView;
import io.portdoc.core.profile.ProfileCatalog;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The nginx engine's budget: 200 files and 5,000 directives read from disk, parsed, modelled and
 * evaluated (one client's decision, and who gets in) in under 100 ms. Not part of the test run.
 * Build and run by hand:
 * <pre>
 * ./mvnw -q -B -Pbench -pl checks -am test-compile
 * ./mvnw -q -B -Pbench -pl checks dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp "checks/target/test-classes:checks/target/classes:$(cat /tmp/cp.txt)" \
 *     io.portdoc.checks.config.bench.NginxBench
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NginxBench {
    static final int FILES = 200;
    static final int DIRECTIVES = 5000;

    Path root;
    Path main;
    final SystemView system = new RealSystem();
    Target withClient;
    Target everyone;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        root = Files.createTempDirectory("pdnbench");
        main = generate(root);
        Target t = Target.of("nginx", 80)
                .withProfile(ProfileCatalog.builtIn().find("nginx").orElseThrow())
                .withConfigFile(main);
        everyone = t;
        withClient = t.withClient(InetAddress.getByName("10.0.7.33"));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** nginx.conf including 199 site files; each a server with locations, access rules and ordinary lines. */
    static Path generate(Path root) throws IOException {
        Path sites = Files.createDirectories(root.resolve("sites-enabled"));
        int perFile = DIRECTIVES / FILES; // 25 directives per file, block directives counted once
        StringBuilder m = new StringBuilder("user www-data;\nworker_processes auto;\npid /run/nginx.pid;\n");
        m.append("events { worker_connections 768; }\nhttp {\n  sendfile on;\n  tcp_nopush on;\n");
        m.append("  allow 10.0.0.0/8;\n  deny all;\n  include sites-enabled/*.conf;\n");
        for (int i = 0; i < perFile - 11; i++) {
            m.append("  map_hash_bucket_size ").append(64).append(";\n");
        }
        m.append("}\n");
        Files.writeString(root.resolve("nginx.conf"), m.toString());
        for (int f = 1; f < FILES; f++) {
            StringBuilder s = new StringBuilder("# site ").append(f).append('\n');
            s.append("server {\n  listen 80")
                    .append(f == 1 ? " default_server" : "")
                    .append(";\n");
            s.append("  listen [::]:80").append(f == 1 ? " default_server" : "").append(";\n");
            s.append("  server_name site")
                    .append(f)
                    .append(".example.org;\n  root /srv/site")
                    .append(f)
                    .append(";\n");
            s.append("  location / {\n    allow 10.0.").append(f % 250).append(".0/24;\n    deny 10.0.7.33;\n");
            s.append("    allow 2001:db8::/32;\n    deny all;\n  }\n");
            s.append("  location = /status { allow 127.0.0.1; deny all; }\n");
            s.append("  location ^~ /static/ { allow all; }\n");
            s.append("  location ~* \\.(png|jpg)$ { expires 30d; }\n");
            s.append("  location /admin/ {\n    satisfy any;\n    auth_basic \"admin\";\n");
            s.append("    location ~ ^/admin/api { deny all; }\n  }\n");
            for (int i = 0; i < perFile - 21; i++) {
                s.append("  add_header X-Site-")
                        .append(i)
                        .append(" v")
                        .append(f)
                        .append(";\n");
            }
            s.append("}\n");
            Files.writeString(sites.resolve(String.format("%03d-site.conf", f)), s.toString());
        }
        return root.resolve("nginx.conf");
    }

    /** Read, model and decide for one client ({@code --client}). */
    @Benchmark
    public Object clientDecision() {
        return new NginxJudge().judge(new ConfigRequest(system, withClient, Optional.empty()));
    }

    /** Read, model and say who gets in (no {@code --client}). */
    @Benchmark
    public Object whoGetsIn() {
        return new NginxJudge().judge(new ConfigRequest(system, everyone, Optional.empty()));
    }

    public static void main(String[] args) throws Exception {
        Path tmp = Files.createTempDirectory("pdnbench-size");
        ConfigReader.Parsed p = ConfigReader.read(new RealSystem(), generate(tmp));
        System.out.println("tree: " + p.files().size() + " files, " + p.directives() + " directives");
        try (Stream<Path> s = Files.walk(tmp)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
        new Runner(new OptionsBuilder()
                        .include(NginxBench.class.getSimpleName())
                        .build())
                .run();
    }
}
