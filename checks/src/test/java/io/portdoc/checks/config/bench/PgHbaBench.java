package io.portdoc.checks.config.bench;

import io.portdoc.checks.config.postgresql.HbaEnv;
import io.portdoc.checks.config.postgresql.HbaEvaluator;
import io.portdoc.checks.config.postgresql.HbaReader;
import io.portdoc.checks.config.postgresql.WhoGetsIn;
import io.portdoc.core.DbLogin;
import io.portdoc.core.host.RealSystem;
import io.portdoc.core.host.SystemView;
import io.portdoc.core.net.AddressSet;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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
 * The PostgreSQL engine's budget: a pg_hba.conf of 10,000 rules, read from disk and parsed,
 * then evaluated for one client (under 20 ms) or for who gets in over all of it (under 200 ms).
 * The client matches only the last rules, so the walk sees every line. Not part of the test
 * run; build and run by hand like {@link ConfigBench}:
 * <pre>
 * ./mvnw -q -B -Pbench -pl checks -am test-compile
 * ./mvnw -q -B -Pbench -pl checks dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp "checks/target/test-classes:checks/target/classes:$(cat /tmp/cp.txt)" \
 *     io.portdoc.checks.config.bench.PgHbaBench
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PgHbaBench {
    static final int LINES = 10_000;

    Path dir;
    Path hba;
    final SystemView system = new RealSystem();
    final HbaEnv env =
            new HbaEnv(true, 16, AddressSet.parseCidr("10.0.0.154"), AddressSet.parseCidr("10.0.0.0/24"), null);
    InetAddress client;
    HbaReader.Hba parsed;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("pdpbench");
        hba = dir.resolve("pg_hba.conf");
        Files.writeString(hba, generate());
        client = InetAddress.getByName("192.168.200.7");
        parsed = HbaReader.read(system, hba, 16);
        if (parsed.lines().size() != LINES || !parsed.problems().isEmpty()) {
            throw new IllegalStateException(parsed.lines().size() + " rules, " + parsed.problems());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(hba);
        Files.deleteIfExists(dir);
    }

    /** Per-host and per-subnet rules with database and user lists, rejects, SSL lines and comments. */
    public static String generate() {
        StringBuilder s = new StringBuilder("# TYPE  DATABASE        USER            ADDRESS                 METHOD\n");
        s.append("local   all             all                                     peer\n");
        for (int i = 0; i < LINES - 3; i++) {
            int a = 10 + (i % 5);
            int b = (i / 250) % 256;
            int c = i % 250;
            if (i % 10 == 0) {
                s.append("# site ").append(i).append('\n');
            }
            String type = i % 7 == 0 ? "hostssl" : i % 11 == 0 ? "hostnossl" : "host";
            String db = i % 3 == 0 ? "all" : "app" + (i % 40) + ",shop" + (i % 17);
            String user = i % 4 == 0 ? "all" : "u" + (i % 90);
            String net = a + "." + b + "." + c;
            String addr = i % 5 == 0 ? net + ".0/24" : net + "." + (i % 200 + 1) + "/32";
            String method = i % 13 == 0 ? "reject" : i % 2 == 0 ? "scram-sha-256" : "md5";
            s.append(String.format("%-7s %-15s %-15s %-23s %s%n", type, db, user, addr, method));
        }
        s.append("host    app             app             192.168.200.0/24        scram-sha-256\n");
        s.append("host    all             all             0.0.0.0/0               reject\n");
        return s.toString();
    }

    @Benchmark
    public HbaEvaluator.ClientDecision oneClient() {
        HbaReader.Hba h = HbaReader.read(system, hba, 16);
        return new HbaEvaluator(env).forClient(h.lines(), client, DbLogin.ANY);
    }

    @Benchmark
    public WhoGetsIn.Result whoGetsIn() {
        HbaReader.Hba h = HbaReader.read(system, hba, 16);
        return WhoGetsIn.of(h.lines(), env, DbLogin.ANY);
    }

    /** Reading and parsing alone. */
    @Benchmark
    public HbaReader.Hba parse() {
        return HbaReader.read(system, hba, 16);
    }

    /** The walk alone, on the parsed rules. */
    @Benchmark
    public HbaEvaluator.ClientDecision oneClientParsed() {
        return new HbaEvaluator(env).forClient(parsed.lines(), client, DbLogin.ANY);
    }

    /** The sweep alone, on the parsed rules. */
    @Benchmark
    public WhoGetsIn.Result whoGetsInParsed() {
        return WhoGetsIn.of(parsed.lines(), env, DbLogin.ANY);
    }

    public static void main(String[] args) throws Exception {
        new Runner(new OptionsBuilder()
                        .include(PgHbaBench.class.getSimpleName())
                        .build())
                .run();
    }
}
