package io.portdoc.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed launcher (src/main/launcher/portdoc) with this build's jar: it finds a Java 17+ runtime or
 * says in one line that there is none, and keeps its start-up archive only in a cache directory the user
 * owns, ignoring a stale or foreign one without a word.
 */
class LauncherTest {
    static final Path LAUNCHER = Path.of("src/main/launcher/portdoc").toAbsolutePath();
    static final Path JAR = Path.of("../cli/target/portdoc.jar").toAbsolutePath();

    record Run(int code, String out, String err) {}

    @TempDir
    Path tmp;

    @BeforeAll
    static void needsShAndTheJar() {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh");
        assumeTrue(Files.isRegularFile(JAR), "no " + JAR + " (run the cli module's package first)");
    }

    Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(
                Stream.concat(Stream.of(LAUNCHER.toString()), Stream.of(args)).toList());
        pb.environment().remove("PORTDOC_JAVA");
        pb.environment().remove("PORTDOC_CACHE_DIR");
        pb.environment().remove("XDG_CACHE_HOME");
        pb.environment().put("HOME", tmp.resolve("home").toString());
        pb.environment().put("PORTDOC_JAR", JAR.toString());
        pb.environment().putAll(env);
        Path out = tmp.resolve("out");
        Path err = tmp.resolve("err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "launcher still running after 120 s");
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    static long archives(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().matches("portdoc-.+\\.(jsa|aot)"))
                    .filter(f -> f.toFile().length() > 0)
                    .count();
        }
    }

    @Test
    void noJavaIsOneClearLine() throws Exception {
        Run r = run(Map.of("PORTDOC_JAVA", "/nonexistent/bin/java"), "--version");
        assertEquals(4, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("portdoc: needs a Java 17 or newer runtime"), r.err());
    }

    @Test
    void tooOldJavaIsRefusedFromItsReleaseFile() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("jdk11/bin"));
        Files.writeString(tmp.resolve("jdk11/release"), "JAVA_VERSION=\"11.0.2\"\n");
        Path java = home.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho should not run >&2\nexit 99\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Run r = run(Map.of("PORTDOC_JAVA", java.toString()), "--version");
        assertEquals(4, r.code(), r.err());
        assertTrue(r.err().startsWith("portdoc: needs a Java 17 or newer runtime"), r.err());
    }

    @Test
    void archiveGoesToTheUsersCacheAndAForeignOneIsIgnoredSilently() throws Exception {
        Path cache = tmp.resolve("cache");
        Run first = run(Map.of("XDG_CACHE_HOME", cache.toString()), "--version");
        assertEquals(0, first.code(), first.err());
        assertEquals(
                "portdoc " + System.getProperty("portdoc.version", "0.1.0"),
                first.out().strip());
        assertEquals("", first.err());
        assertEquals(1, archives(cache.resolve("portdoc")), "one start-up archive in " + cache);

        try (Stream<Path> s = Files.list(cache.resolve("portdoc"))) {
            Path archive = s.findFirst().orElseThrow();
            Files.write(archive, "not an archive, or one from another JDK build".getBytes(StandardCharsets.UTF_8));
        }
        Run second = run(Map.of("XDG_CACHE_HOME", cache.toString()), "--version");
        assertEquals(0, second.code());
        assertEquals("", second.err(), "a foreign archive is ignored silently");
        assertTrue(second.out().startsWith("portdoc "));
    }

    @Test
    void noArchiveInADirectoryOwnedBySomeoneElse() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to make a directory of another user");
        Path theirs = Files.createDirectories(tmp.resolve("their-home/.cache"));
        Files.setOwner(
                theirs, theirs.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        Files.setOwner(
                theirs.getParent(),
                theirs.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        Run r = run(Map.of("HOME", theirs.getParent().toString()), "--version");
        assertEquals(0, r.code(), r.err());
        assertEquals(0, archives(theirs.resolve("portdoc")), "root wrote into another user's home");
        assertTrue(!Files.exists(theirs.resolve("portdoc")));
    }

    @Test
    void noCacheMeansNoArchive() throws Exception {
        Path cache = tmp.resolve("cache2");
        Run r = run(Map.of("XDG_CACHE_HOME", cache.toString(), "PORTDOC_NO_CACHE", "1"), "--version");
        assertEquals(0, r.code(), r.err());
        assertEquals(0, archives(cache.resolve("portdoc")));
    }

    /** The seed's case in a Dutch session: text in Dutch, JSON (read by programs) in English unless --lang. */
    @Test
    void dutchLocaleSpeaksDutchButJsonStaysEnglish() throws Exception {
        String[] seed = {
            "--recorded-host",
            Path.of("../examples/hosts/boven").toAbsolutePath().toString(),
            "diagnose",
            "--service",
            "httpd",
            "--client",
            "192.168.1.7",
            "--no-probe"
        };
        Map<String, String> dutch = Map.of("PORTDOC_NO_CACHE", "1", "LC_ALL", "", "LANG", "nl_NL.UTF-8");
        Run text = run(dutch, seed);
        assertEquals(1, text.code(), text.err());
        assertTrue(text.out().contains("192.168.1.7 wordt geweigerd voor / door"), text.out());

        String[] json =
                Stream.concat(Stream.of(seed), Stream.of("--format", "json")).toArray(String[]::new);
        Run english = run(dutch, json);
        assertTrue(english.out().contains("192.168.1.7 is denied for / by"), english.out());
        assertTrue(english.out().contains("\"summaryKey\" : \"fail.client\""), english.out());

        String[] asked =
                Stream.concat(Stream.of(json), Stream.of("--lang", "nl")).toArray(String[]::new);
        assertTrue(run(dutch, asked).out().contains("wordt geweigerd voor"));
        assertTrue(
                run(Map.of("PORTDOC_NO_CACHE", "1", "LC_ALL", "C", "LANG", "nl_NL.UTF-8"), seed)
                        .out()
                        .contains("is denied for"),
                "LC_ALL=C wins over LANG");
    }

    @Test
    void exitCodeAndArgumentsPassThrough() throws Exception {
        Run r = run(Map.of("PORTDOC_NO_CACHE", "1"), "diagnose", "--port", "22", "--format", "xml");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown format 'xml'"), r.err());
    }
}
