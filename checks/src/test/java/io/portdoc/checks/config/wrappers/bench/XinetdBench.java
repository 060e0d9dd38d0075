package io.portdoc.checks.config.wrappers.bench;

import io.portdoc.checks.config.ConfigRequest;
import io.portdoc.checks.config.wrappers.XinetdJudge;
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
 * The budget for the xinetd / TCP wrappers engine: an xinetd.conf with an includedir of
 * 199 files and 5,000 attribute lines (only_from / no_access in every entry), read from disk
 * with this host's hosts.allow / hosts.deny, parsed, modelled and evaluated in at most 100 ms: one
 * client decision, and who gets in. Run by hand like SshdBench, with
 * {@code io.portdoc.checks.config.wrappers.bench.XinetdBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class XinetdBench {
    static final int FILES = 200;
    static final int DIRECTIVES = 5000;

    Path root;
    Target withClient;
    Target everyone;
    SystemView system;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        root = Files.createTempDirectory("pdsxbench");
        Path main = generate(root);
        Target t = Target.of("xinetd", 7007).withConfigFile(main);
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

    /** xinetd.conf with defaults and an includedir; one service per file, the target's on port 7007. */
    static Path generate(Path root) throws IOException {
        Path d = Files.createDirectories(root.resolve("xinetd.d"));
        int perFile = DIRECTIVES / FILES; // 25
        StringBuilder m = new StringBuilder("defaults\n{\n");
        for (int i = 0; i < perFile - 4; i++) {
            m.append("\tlog_on_failure += HOST\n");
        }
        m.append("\tinstances = 60\n}\nincludedir ").append(d).append('\n');
        Path main = root.resolve("xinetd.conf");
        Files.writeString(main, m.toString());
        for (int f = 1; f < FILES; f++) {
            StringBuilder s = new StringBuilder("service svc").append(f).append("\n{\n");
            s.append("\tsocket_type = stream\n\tprotocol = tcp\n\twait = no\n\tuser = nobody\n");
            s.append("\tserver = /usr/sbin/in.svc").append(f).append('\n');
            s.append("\tport = ").append(f == 1 ? 7007 : 20000 + f).append("\n\ttype = UNLISTED\n");
            for (int i = 0; i < perFile - 12; i++) {
                s.append("\tonly_from += 10.")
                        .append(f % 250)
                        .append('.')
                        .append(i)
                        .append(".0/24\n");
            }
            s.append("\tno_access = 10.").append(f % 250).append(".0.7\n\tlog_type = SYSLOG daemon info\n");
            s.append("\tdisable = no\n}\n");
            Files.writeString(d.resolve("svc" + f), s.toString());
        }
        return main;
    }

    @Benchmark
    public Outcome oneClient() {
        return new XinetdJudge().judge(new ConfigRequest(system, withClient, Optional.empty()));
    }

    @Benchmark
    public Outcome whoGetsIn() {
        return new XinetdJudge().judge(new ConfigRequest(system, everyone, Optional.empty()));
    }

    /** The real host; commands are not needed (the xinetd engine runs none). */
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
        XinetdBench b = new XinetdBench();
        b.setUp();
        System.out.println(b.oneClient().summary().text());
        System.out.println(b.whoGetsIn().summary().text());
        cpuTime("oneClient", b::oneClient);
        cpuTime("whoGetsIn", b::whoGetsIn);
        b.tearDown();
        new Runner(new OptionsBuilder()
                        .include(XinetdBench.class.getSimpleName())
                        .build())
                .run();
    }
}
