package io.portdoc.checks.config.sshd.bench;

import io.portdoc.checks.config.ConfigRequest;
import io.portdoc.checks.config.sshd.SshdJudge;
import io.portdoc.core.Outcome;
import io.portdoc.core.Target;
import io.portdoc.core.host.CommandResult;
import io.portdoc.core.host.RealSystem;
import io.portdoc.core.host.SystemView;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
 * The budget for the sshd engine: an sshd_config with Includes, 200 files and 5,000
 * directives (a Match Address block per file), read from disk, parsed, modelled and evaluated
 * from the files (sshd -T is not run: its time is sshd's) in at most 100 ms: one client decision,
 * and who gets in (address regions x users). Not part of the test run. Build and run by hand:
 * <pre>
 * ./mvnw -q -B -Pbench -pl checks -am test-compile
 * ./mvnw -q -B -Pbench -pl checks dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp "checks/target/test-classes:checks/target/classes:$(cat /tmp/cp.txt)" \
 *     io.portdoc.checks.config.sshd.bench.SshdBench
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SshdBench {
    static final int FILES = 200;
    static final int DIRECTIVES = 5000;

    Path root;
    Target withClient;
    Target everyone;
    SystemView system;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        root = Files.createTempDirectory("pdsbench");
        Path main = generate(root);
        Target t = Target.of("sshd", 22).withConfigFile(main);
        everyone = t;
        withClient = t.withClient(InetAddress.getByName("10.0.7.33"));
        system = withoutSshd(new RealSystem());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** A main file including 199 files; each has ordinary lines and a Match Address block with user rules. */
    static Path generate(Path root) throws IOException {
        Path conf = Files.createDirectories(root.resolve("sshd_config.d"));
        int perFile = DIRECTIVES / FILES; // 25
        StringBuilder m = new StringBuilder("Port 22\nListenAddress 0.0.0.0\nListenAddress ::\n");
        m.append("Include ").append(conf).append("/*.conf\n");
        for (int i = 4; i < perFile; i++) {
            m.append("AcceptEnv LC_VAR").append(i).append('\n');
        }
        Path main = root.resolve("sshd_config");
        Files.writeString(main, m.toString());
        for (int f = 1; f < FILES; f++) {
            StringBuilder s = new StringBuilder("# file ").append(f).append('\n');
            s.append("AcceptEnv X_").append(f).append('\n');
            for (int i = 0; i < perFile - 6; i++) {
                s.append("ClientAliveInterval ").append(i).append('\n');
            }
            s.append("Match Address 10.")
                    .append(f % 250)
                    .append(".0.0/16,!10.")
                    .append(f % 250)
                    .append(".9.*\n");
            s.append("  DenyUsers guest").append(f).append('\n');
            s.append("  AllowUsers admin@10.")
                    .append(f % 250)
                    .append(".1.0/24 ops")
                    .append(f)
                    .append('\n');
            s.append("  X11Forwarding no\n  PermitTTY yes\n");
            Files.writeString(conf.resolve(String.format("%03d-site.conf", f)), s.toString());
        }
        return main;
    }

    @Benchmark
    public Outcome oneClient() {
        return new SshdJudge().judge(new ConfigRequest(system, withClient, Optional.empty()));
    }

    @Benchmark
    public Outcome whoGetsIn() {
        return new SshdJudge().judge(new ConfigRequest(system, everyone, Optional.empty()));
    }

    /** The real host, except that sshd -T is absent: the engine reads the files (the part measured). */
    static SystemView withoutSshd(SystemView real) {
        InvocationHandler h = (proxy, m, args) -> {
            if (m.getName().equals("run")) {
                @SuppressWarnings("unchecked")
                List<String> argv = (List<String>) args[0];
                return CommandResult.missing(argv);
            }
            try {
                return m.isDefault() ? InvocationHandler.invokeDefault(proxy, m, args) : m.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (SystemView)
                Proxy.newProxyInstance(SystemView.class.getClassLoader(), new Class<?>[] {SystemView.class}, h);
    }

    /**
     * CPU time of this thread per operation, after a warm-up: unlike wall time it does not grow when
     * other processes share the cores (the JMH numbers on a loaded machine do).
     */
    static void cpuTime(String name, Supplier<Object> op) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 30; i++) {
            op.get();
        }
        int n = 30;
        long start = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            op.get();
        }
        System.out.printf("%s: %.1f ms CPU per operation%n", name, (mx.getCurrentThreadCpuTime() - start) / 1e6 / n);
    }

    public static void main(String[] args) throws Exception {
        SshdBench b = new SshdBench();
        b.setUp();
        System.out.println(b.oneClient().summary().text());
        System.out.println(b.whoGetsIn().summary().text());
        cpuTime("oneClient", b::oneClient);
        cpuTime("whoGetsIn", b::whoGetsIn);
        b.tearDown();
        new Runner(new OptionsBuilder().include(SshdBench.class.getSimpleName()).build()).run();
    }
}
