package io.portdoc.checks.config.bench;

import io.portdoc.checks.config.apache.AccessDecision;
import io.portdoc.checks.config.apache.AccessEvaluator;
import io.portdoc.checks.config.apache.Admission;
import io.portdoc.checks.config.apache.ApacheModel;
import io.portdoc.checks.config.apache.ConfigParser;
import io.portdoc.checks.config.apache.Facts;
import io.portdoc.checks.config.apache.ParsedConfig;
import io.portdoc.checks.config.apache.RequestWalker;
import io.portdoc.checks.config.apache.VhostSelector;
import io.portdoc.core.host.RealSystem;
import io.portdoc.core.host.SystemView;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
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
 * The budget: a configuration tree of 200 files and 5,000 directives, read from disk,
 * parsed, modelled and evaluated (one client decision and the who-is-let-in sets) in at most
 * 100 ms. Not part of the test run. Build and run by hand:
 * <pre>
 * ./mvnw -q -B -Pbench -pl checks -am test-compile
 * ./mvnw -q -B -Pbench -pl checks dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp "checks/target/test-classes:checks/target/classes:$(cat /tmp/cp.txt)" io.portdoc.checks.config.bench.ConfigBench
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ConfigBench {
    static final int FILES = 200;
    static final int DIRECTIVES = 5000;

    Path root;
    String main;
    final SystemView system = new RealSystem();
    InetAddress client;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        root = Files.createTempDirectory("pdbench");
        main = generate(root);
        client = InetAddress.getByName("10.0.7.33");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** A main file including 199 site files; every file has sections, access rules and ordinary lines. */
    static String generate(Path root) throws IOException {
        Path conf = Files.createDirectories(root.resolve("conf.d"));
        int perFile = DIRECTIVES / FILES; // 25 directives (section lines and closing tags not counted)
        StringBuilder m = new StringBuilder();
        m.append("ServerRoot \"").append(root).append("\"\nListen 80\nDocumentRoot /var/www/html\n");
        m.append("<Directory />\nRequire all denied\n</Directory>\n");
        m.append("<Directory /var/www/>\nRequire all granted\n</Directory>\n");
        m.append("IncludeOptional conf.d/*.conf\n");
        for (int i = 1; i < perFile - 6; i++) {
            m.append("LogFormat \"%h %l %u %t \\\"%r\\\" %>s %b\" fmt")
                    .append(i)
                    .append('\n');
        }
        Files.writeString(root.resolve("apache2.conf"), m.toString());
        for (int f = 1; f < FILES; f++) {
            StringBuilder s = new StringBuilder();
            s.append("# site ").append(f).append('\n');
            s.append("<VirtualHost *:80>\n  ServerName site").append(f).append(".example.org\n");
            s.append("  DocumentRoot /srv/site").append(f).append('\n');
            s.append("  <Directory /srv/site").append(f).append(">\n    Options None\n    AllowOverride None\n");
            s.append("    Order Deny,Allow\n    Deny from all\n    Allow from 10.0.")
                    .append(f % 250)
                    .append('\n');
            s.append("    Allow from localhost\n  </Directory>\n");
            s.append(
                            "  <Location /admin>\n    <RequireAll>\n      Require ip 10.0.0.0/16\n      Require not ip 10.0.0.")
                    .append(f % 250)
                    .append("\n    </RequireAll>\n  </Location>\n");
            s.append("  <Files \"*.bak\">\n    Require all denied\n  </Files>\n");
            s.append("  SetEnvIf Remote_Addr \"^10\\.0\\.").append(f % 250).append("\\.\" office\n");
            s.append("  Alias /static")
                    .append(f)
                    .append(" /srv/static/")
                    .append(f)
                    .append('\n');
            for (int i = 0; i < perFile - 18; i++) {
                s.append("  Header set X-Site-")
                        .append(i)
                        .append(" v")
                        .append(f)
                        .append('\n');
            }
            s.append("</VirtualHost>\n");
            Files.writeString(conf.resolve(String.format("%03d-site.conf", f)), s.toString());
        }
        return root.resolve("apache2.conf").toString();
    }

    @Benchmark
    public Object parseAndEvaluate() {
        ParsedConfig pc = ConfigParser.parse(system, main, ConfigParser.Options.apache(root.toString()));
        ApacheModel model = ApacheModel.build(pc);
        VhostSelector.Choice c = VhostSelector.select(model.vhosts(), 80, null);
        RequestWalker.Walk walk = new RequestWalker(system).walk(model, c.server(), "/");
        Facts facts = new Facts(system, model.setEnv());
        AccessDecision d = new AccessEvaluator(facts).decide(walk.merged(), client);
        Admission.Result who = new Admission(facts).admitted(walk.merged());
        return new Object[] {pc.size(), d, who};
    }

    public static void main(String[] args) throws Exception {
        Path tmp = Files.createTempDirectory("pdbench-size");
        ConfigBench b = new ConfigBench();
        b.root = tmp;
        b.main = generate(tmp);
        ParsedConfig pc = ConfigParser.parse(b.system, b.main, ConfigParser.Options.apache(tmp.toString()));
        System.out.println("tree: " + pc.files().size() + " files, " + pc.size() + " directives");
        b.tearDown();
        new Runner(new OptionsBuilder()
                        .include(ConfigBench.class.getSimpleName())
                        .build())
                .run();
    }
}
