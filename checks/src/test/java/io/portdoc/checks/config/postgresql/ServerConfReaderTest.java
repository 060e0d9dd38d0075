package io.portdoc.checks.config.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.core.host.RecordedSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * postgresql.conf as guc-file.l reads it (PostgreSQL manual 20.1, "Setting Parameters"): the
 * last assignment wins, includes are relative to the including file, include_dir takes only
 * *.conf files in name order, postgresql.auto.conf after the file, the command line last.
 */
class ServerConfReaderTest {
    @TempDir
    Path root;

    private Path etc() throws IOException {
        return Files.createDirectories(root.resolve("fs/etc/pg"));
    }

    @Test
    void lastAssignmentWinsAcrossIncludes() throws IOException {
        Path etc = etc();
        Files.createDirectories(etc.resolve("conf.d"));
        Files.writeString(etc.resolve("postgresql.conf"), """
                # comment
                port = 5433
                listen_addresses='localhost'   # trailing comment
                include_dir 'conf.d'
                include_if_exists 'absent.conf'
                SSL on
                """);
        Files.writeString(etc.resolve("conf.d/20-b.conf"), "listen_addresses = 'it''s, *'\n");
        Files.writeString(etc.resolve("conf.d/10-a.conf"), "listen_addresses = '10.0.0.154'\nport=6000\n");
        Files.writeString(etc.resolve("conf.d/30-c.txt"), "port = 1\n");
        Files.writeString(etc.resolve("auto.conf"), "port = '7000'\n");
        Settings s = ServerConfReader.read(
                new RecordedSystem(root),
                Path.of("/etc/pg/postgresql.conf"),
                Path.of("/etc/pg/auto.conf"),
                Map.of("listen_addresses", "*"));
        assertEquals(List.of(), s.problems());
        assertEquals("7000", s.value("port", null));
        assertEquals("/etc/pg/auto.conf:1", s.get("port").orElseThrow().where());
        assertEquals("*", s.value("listen_addresses", null));
        assertEquals(
                "the postgres command line",
                s.get("listen_addresses").orElseThrow().where());
        assertEquals("on", s.value("ssl", null));
        assertEquals(4, s.files().size());
    }

    @Test
    void quotedValuesAndSyntaxErrors() {
        assertEquals("it's", ServerConfReader.value("'it''s' # x", 0));
        assertEquals("a b", ServerConfReader.value("'a b'", 0));
        assertEquals(null, ServerConfReader.value("'open", 0));
        assertEquals(null, ServerConfReader.value("a b", 0));
    }

    @Test
    void loopsAndDepthEndWithAProblem() throws IOException {
        Path etc = etc();
        Files.writeString(etc.resolve("a.conf"), "include 'b.conf'\n");
        Files.writeString(etc.resolve("b.conf"), "include 'a.conf'\n");
        Settings s = ServerConfReader.read(new RecordedSystem(root), Path.of("/etc/pg/a.conf"), null, Map.of());
        assertEquals(Problem.Kind.HOSTILE, s.problems().get(0).kind());
        assertTrue(s.problems().get(0).detail().contains("includes itself"));
        for (int i = 0; i < 12; i++) {
            Files.writeString(etc.resolve("d" + i + ".conf"), "include 'd" + (i + 1) + ".conf'\n");
        }
        Files.writeString(etc.resolve("d12.conf"), "port = 1\n");
        Settings deep = ServerConfReader.read(new RecordedSystem(root), Path.of("/etc/pg/d0.conf"), null, Map.of());
        assertTrue(
                deep.problems().get(0).detail().contains("maximum nesting depth exceeded"),
                deep.problems().toString());
    }

    @Test
    void postmasterCommandLine() {
        Postmaster pm = Postmaster.parse(List.of(
                "/usr/lib/postgresql/15/bin/postgres",
                "-D",
                "/var/lib/postgresql/15/main",
                "-c",
                "config_file=/etc/postgresql/15/main/postgresql.conf",
                "--hba-file=/x/hba",
                "-p5433",
                "-i"));
        assertEquals("/var/lib/postgresql/15/main", pm.dataDir());
        assertEquals(
                Map.of(
                        "config_file",
                        "/etc/postgresql/15/main/postgresql.conf",
                        "hba_file",
                        "/x/hba",
                        "port",
                        "5433",
                        "listen_addresses",
                        "*"),
                pm.settings());
    }

    @Test
    void stockSampleAndDebianFilesReadWithoutProblems() throws IOException {
        for (String f :
                List.of("sample15/postgresql.conf.sample", "debian15/postgresql.conf", "initdb15/postgresql.conf")) {
            Path p = etc().resolve("x.conf");
            Files.writeString(p, PostgresJudgeTest.fixture(f).replace("include_dir = 'conf.d'", ""));
            Settings s = ServerConfReader.read(new RecordedSystem(root), Path.of("/etc/pg/x.conf"), null, Map.of());
            assertEquals(List.of(), s.problems(), f);
        }
        // the sample as initdb fills it in (its @...@ placeholders)
        HbaReader.Hba sample = HbaReader.parse(
                new RecordedSystem(root),
                "/s",
                PostgresJudgeTest.fixture("sample15/pg_hba.conf.sample")
                        .replace("@authmethodlocal@", "peer")
                        .replace("@authmethodhost@", "md5")
                        .replace("@remove-line-for-nolocal@", "")
                        .replace("@authcomment@", ""),
                15);
        assertEquals(List.of(), sample.problems());
        assertEquals(6, sample.lines().size());
    }
}
