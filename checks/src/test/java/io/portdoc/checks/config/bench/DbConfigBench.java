package io.portdoc.checks.config.bench;

import io.portdoc.checks.config.ConfigRequest;
import io.portdoc.checks.config.mysql.MysqlJudge;
import io.portdoc.checks.config.redis.RedisJudge;
import io.portdoc.core.Outcome;
import io.portdoc.core.Target;
import io.portdoc.core.host.RealSystem;
import io.portdoc.core.profile.ServiceProfile;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
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
 * The Redis and MySQL / MariaDB engines, whole judgements read from disk: Debian's stock
 * redis.conf (106 KiB, mostly comments), and for each engine a tree of 200 files with 5,000
 * directives (ConfigBench's budget: 100 ms). The MySQL judgement runs {@code mariadbd --version}
 * (when installed) only when an option in a group some servers skip ({@code [mariadb]}) decides;
 * one tree needs it (the process start is included), the other does not.
 * Not part of the test run. Build and run by hand as ConfigBench says, from the {@code checks}
 * directory (the stock file is read from its test resources), with main class
 * {@code io.portdoc.checks.config.bench.DbConfigBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DbConfigBench {
    static final int FILES = 200;
    static final int DIRECTIVES = 5000;

    Path root;
    Target redisStock;
    Target redisTree;
    Target mysqlTree;
    Target mysqlPlainTree;
    final RealSystem system = new RealSystem();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        root = Files.createTempDirectory("pddbench");
        Path stock = root.resolve("stock-redis.conf");
        Files.copy(Path.of("src/test/resources/hosts/redis-debian/fs/etc/redis/redis.conf"), stock);
        InetAddress client = InetAddress.getByName("10.0.7.33");
        redisStock = target("redis", 6379, stock, client);
        redisTree = target("redis", 6379, redisTree(root.resolve("redis")), client);
        mysqlTree = target("mysql", 3306, mysqlTree(root.resolve("mysql"), true), client);
        mysqlPlainTree = target("mysql", 3306, mysqlTree(root.resolve("mysql-plain"), false), client);
    }

    static Target target(String format, int port, Path conf, InetAddress client) {
        ServiceProfile p = new ServiceProfile(
                format,
                null,
                List.of(),
                List.of(),
                List.of(new ServiceProfile.PortSpec(port, "tcp")),
                null,
                new ServiceProfile.ConfigSpec(format, List.of(), null),
                null);
        return Target.of(format, port).withProfile(p).withConfigFile(conf).withClient(client);
    }

    /** redis.conf including 199 files by a glob; 25 directives a file, the last ones open it up. */
    static Path redisTree(Path dir) throws IOException {
        Path d = Files.createDirectories(dir.resolve("conf.d"));
        int per = DIRECTIVES / FILES;
        for (int f = 1; f < FILES; f++) {
            StringBuilder s = new StringBuilder("# site " + f + "\n");
            for (int i = 0; i < per; i++) {
                String user = "user u" + f + "x" + i + " on >pw ~k" + i + " +get";
                s.append(i % 2 == 0 ? "maxmemory-samples " + (i + 1) : user).append('\n');
            }
            Files.writeString(d.resolve(String.format("%03d.conf", f)), s);
        }
        Path main = dir.resolve("redis.conf");
        StringBuilder s = new StringBuilder("port 6379\nbind 127.0.0.1 -::1\nprotected-mode yes\n");
        s.append("include ").append(d).append("/*.conf\n");
        for (int i = 4; i < per; i++) {
            s.append("timeout ").append(i).append('\n');
        }
        s.append("bind * -::*\nrequirepass s3cret\n");
        Files.writeString(main, s);
        return main;
    }

    /**
     * my.cnf with !includedir of 199 files in several groups; the server's bind-address comes last.
     * {@code versioned}: some files use [mariadb], so the server binary is asked for its version.
     */
    static Path mysqlTree(Path dir, boolean versioned) throws IOException {
        Path d = Files.createDirectories(dir.resolve("conf.d"));
        int per = DIRECTIVES / FILES;
        String[] groups = versioned
                ? new String[] {"mysqld", "client", "mariadb", "server", "mysqldump"}
                : new String[] {"mysqld", "client", "server", "mysqldump"};
        for (int f = 1; f < FILES; f++) {
            StringBuilder s = new StringBuilder("[" + groups[f % groups.length] + "]\n");
            for (int i = 0; i < per; i++) {
                s.append(i % 3 == 0 ? "bind-address = 127.0.0.1" : "max_connections = " + (100 + i))
                        .append('\n');
            }
            Files.writeString(d.resolve(String.format("%03d.cnf", f)), s);
        }
        Path main = dir.resolve("my.cnf");
        StringBuilder s = new StringBuilder("[client-server]\nsocket = /run/mysqld/mysqld.sock\n");
        s.append("!includedir ").append(d).append('\n').append("[mysqld]\n");
        for (int i = 3; i < per - 1; i++) {
            s.append("key_buffer_size = ").append(i).append("M\n");
        }
        s.append("bind-address = 0.0.0.0\n");
        Files.writeString(main, s);
        return main;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public Outcome redisDebianStock() {
        return new RedisJudge().judge(new ConfigRequest(system, redisStock, Optional.empty()));
    }

    @Benchmark
    public Outcome redis200Files5000Directives() {
        return new RedisJudge().judge(new ConfigRequest(system, redisTree, Optional.empty()));
    }

    @Benchmark
    public Outcome mysql200Files5000Options() {
        return new MysqlJudge().judge(new ConfigRequest(system, mysqlTree, Optional.empty()));
    }

    @Benchmark
    public Outcome mysql200Files5000OptionsNoVersionNeeded() {
        return new MysqlJudge().judge(new ConfigRequest(system, mysqlPlainTree, Optional.empty()));
    }

    public static void main(String[] args) throws Exception {
        DbConfigBench b = new DbConfigBench();
        b.setUp();
        // the inputs mean what they should: the last lines open each tree up
        System.out.println("redis stock: " + b.redisDebianStock().summary().text());
        System.out.println(
                "redis tree: " + b.redis200Files5000Directives().summary().text());
        System.out.println(
                "mysql tree: " + b.mysql200Files5000Options().summary().text());
        b.tearDown();
        new Runner(new OptionsBuilder()
                        .include(DbConfigBench.class.getSimpleName())
                        .build())
                .run();
    }
}
