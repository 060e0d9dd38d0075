package io.portdoc.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.portdoc.core.Pipeline;
import io.portdoc.core.Target;
import io.portdoc.core.TargetResolver;
import io.portdoc.core.host.RecordedSystem;
import io.portdoc.core.host.SystemView;
import io.portdoc.core.profile.ProfileCatalog;
import io.portdoc.core.profile.ServiceProfile;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every command portdoc runs has an absolute program path: a run from cron
 * ({@code PATH=/usr/bin:/bin}) must find {@code /usr/sbin/nft} and {@code /usr/sbin/ip} as an
 * interactive root shell does, so no argv given to {@link SystemView#run} may start with a bare
 * name that the JVM would look up through PATH.
 */
class ProgramsByPathTest {
    private static final Path HOSTS = Path.of("..", "checks", "src", "test", "resources", "hosts");

    /** Classes that run a daemon's own binary by the absolute path of its executable; the rest go through Programs. */
    private static final List<String> OWN_BINARY = List.of(
            "io.portdoc.core.host.Programs",
            // a view over another view passes the argv through as its caller gave it
            "io.portdoc.core.host.RecordingSystem",
            "io.portdoc.checks.config.sshd.SshdT",
            "io.portdoc.checks.config.redis.RedisVerdict",
            "io.portdoc.checks.config.mysql.MysqlVerdict",
            "io.portdoc.checks.config.nginx.NginxLocator");

    @Test
    void onlyProgramsRunsCommandsNamedAsTyped() {
        DescribedPredicate<JavaClass> allowed = DescribedPredicate.describe(
                "run a program by an absolute path",
                c -> OWN_BINARY.stream()
                        .anyMatch(n -> c.getName().equals(n) || c.getName().startsWith(n + "$")));
        noClasses()
                .that(DescribedPredicate.not(allowed))
                .should()
                .callMethod(SystemView.class, "run", List.class, Duration.class)
                .because("a bare program name would be looked up through the caller's PATH")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.portdoc"));
    }

    @Test
    void everyRecordedHostIsDiagnosedWithAbsoluteProgramsOnly() throws IOException {
        List<Path> hosts;
        try (Stream<Path> s = Files.list(HOSTS)) {
            hosts = Stream.concat(s.filter(Files::isDirectory), Stream.of(SamplesTest.HOST))
                    .sorted()
                    .toList();
        }
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        Map<String, String> relative = new TreeMap<>();
        Set<String> seen = new TreeSet<>();
        Pipeline pipeline = new Pipeline(
                Pipeline.installedChecks(Main.class.getClassLoader()),
                Clock.fixed(Instant.parse(SamplesTest.FIXED_TIME), ZoneOffset.UTC),
                "test");
        for (Path host : hosts) {
            SystemView recorded = new RecordedSystem(host);
            SystemView watched = (SystemView) Proxy.newProxyInstance(
                    SystemView.class.getClassLoader(), new Class<?>[] {SystemView.class}, (proxy, method, args) -> {
                        if (method.getName().equals("run")) {
                            String program = ((List<?>) args[0]).get(0).toString();
                            seen.add(Path.of(program).getFileName().toString());
                            if (!program.startsWith("/")) {
                                relative.putIfAbsent(program, host.getFileName() + ": " + args[0]);
                            }
                        }
                        try {
                            return method.invoke(recorded, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            TargetResolver resolver = new TargetResolver(catalog, watched);
            for (ServiceProfile p : catalog.all()) {
                Target t = resolver.target(p.name(), null, null).withProbe(false, null);
                pipeline.run(watched, resolver.resolve(t));
            }
            // with a client the firewall step asks for the route to it
            Target t = resolver.target(catalog.all().get(0).name(), null, null).withProbe(false, null);
            pipeline.run(watched, resolver.resolve(t.withClient(TargetResolver.client("10.0.0.156"))));
        }
        assertEquals(Map.of(), relative, "commands run by a bare name (looked up through PATH)");
        // the diagnoses did run the tools this is about
        assertTrue(seen.containsAll(List.of("nft", "iptables-save", "ip", "systemctl")), seen.toString());
    }
}
