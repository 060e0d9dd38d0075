package io.portdoc.checks.config.apache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configurations that would hold the parser forever, exhaust its stack or its memory end with one
 * problem in bounded time. Include limits are httpd's (AP_MAX_INCLUDE_DEPTH and
 * AP_MAX_INCLUDE_DIR_DEPTH, 128, with its messages from server/core.c and server/config.c).
 */
class HostileConfigTest {
    private static final Duration BOUND = Duration.ofSeconds(10);

    private static List<Problem> problems(ParsedConfig pc, Problem.Kind kind) {
        return pc.problems().stream().filter(p -> p.kind() == kind).toList();
    }

    @Test
    void directoryOfLinksToItselfIsARecursion(@TempDir Path tmp) throws Exception {
        Tree t = Tree.at(tmp).file("/e/a.conf", "Include /e/loop\nListen 80\n");
        Path loop = Files.createDirectories(tmp.resolve("fs/e/loop"));
        Files.createSymbolicLink(loop.resolve("a"), Path.of("."));
        Files.createSymbolicLink(loop.resolve("b"), Path.of("."));
        ParsedConfig pc =
                assertTimeoutPreemptively(BOUND, () -> t.parse("/e/a.conf", ConfigParser.Options.apache("/e")));
        List<Problem> refused = problems(pc, Problem.Kind.REFUSED);
        assertTrue(
                !refused.isEmpty()
                        && refused.get(0)
                                .detail()
                                .startsWith("Directory /e/loop/a exceeds the maximum "
                                        + "include directory nesting level of 128"),
                refused.toString());
        assertEquals("/e/a.conf:1", refused.get(0).loc().toString());
    }

    /** apache2 -t: "Syntax error on line 2 ...: Invalid command 'Directory', perhaps misspelled ...". */
    @Test
    void bareSectionNameIsAnInvalidCommand(@TempDir Path tmp) {
        Tree t = Tree.at(tmp).file("/e/a.conf", "Listen 80\nDirectory /srv\nOptions None\n");
        ApacheModel model = ApacheModel.build(t.parse("/e/a.conf", ConfigParser.Options.apache("/e")));
        List<Problem> refused = model.problems().stream()
                .filter(p -> p.kind() == Problem.Kind.REFUSED)
                .toList();
        assertEquals(1, refused.size(), refused.toString());
        assertEquals(
                "Invalid command 'Directory', perhaps misspelled or defined by a module not included in the"
                        + " server configuration",
                refused.get(0).detail());
        assertEquals("/e/a.conf:2", refused.get(0).loc().toString());
    }

    @Test
    void chainOf300IncludesIsRefusedAsApacheRefusesIt(@TempDir Path tmp) {
        Tree t = Tree.at(tmp);
        for (int i = 0; i < 300; i++) {
            t.file("/e/c" + i + ".conf", i == 299 ? "Listen 80\n" : "Include /e/c" + (i + 1) + ".conf\n");
        }
        ParsedConfig pc =
                assertTimeoutPreemptively(BOUND, () -> t.parse("/e/c0.conf", ConfigParser.Options.apache("/e")));
        List<Problem> refused = problems(pc, Problem.Kind.REFUSED);
        assertEquals(1, refused.size(), refused.toString());
        assertEquals(
                "Exceeded maximum include depth of 128, There appears to be a recursion.",
                refused.get(0).detail());
        assertEquals("/e/c128.conf:1", refused.get(0).loc().toString());
    }

    @Test
    void chainOf128IncludesIsRead(@TempDir Path tmp) {
        Tree t = Tree.at(tmp);
        for (int i = 0; i <= 128; i++) {
            t.file("/e/c" + i + ".conf", i == 128 ? "Listen 80\n" : "Include /e/c" + (i + 1) + ".conf\n");
        }
        ParsedConfig pc = t.parse("/e/c0.conf", ConfigParser.Options.apache("/e"));
        assertEquals(List.of(), pc.problems());
        assertEquals(129, pc.files().size());
    }

    @Test
    void deeplyNestedSectionsEndWithOneProblem(@TempDir Path tmp) {
        String nested = "<IfModule !x>\n".repeat(2000) + "Listen 80\n" + "</IfModule>\n".repeat(2000);
        Tree t = Tree.at(tmp).file("/e/n.conf", nested);
        ParsedConfig pc =
                assertTimeoutPreemptively(BOUND, () -> t.parse("/e/n.conf", ConfigParser.Options.apache("/e")));
        List<Problem> notRead = problems(pc, Problem.Kind.NOT_READ);
        assertEquals(1, notRead.size(), notRead.toString());
        assertEquals("/e/n.conf:257", notRead.get(0).loc().toString());
        assertEquals(List.of(), problems(pc, Problem.Kind.REFUSED));
    }

    @Test
    void fifoIncludeIsNotRead(@TempDir Path tmp) throws Exception {
        Tree t = Tree.at(tmp).file("/e/a.conf", "Listen 80\nInclude /e/pipe\n");
        assertEquals(
                0,
                new ProcessBuilder("mkfifo", tmp.resolve("fs/e/pipe").toString())
                        .start()
                        .waitFor());
        ParsedConfig pc =
                assertTimeoutPreemptively(BOUND, () -> t.parse("/e/a.conf", ConfigParser.Options.apache("/e")));
        List<Problem> notRead = problems(pc, Problem.Kind.NOT_READ);
        assertEquals(1, notRead.size(), pc.problems().toString());
        assertEquals("/e/pipe is a FIFO, not a regular file", notRead.get(0).detail());
        assertEquals("/e/a.conf:2", notRead.get(0).loc().toString());
    }

    @Test
    void devZeroIncludeIsNotRead(@TempDir Path tmp) throws Exception {
        Tree t = Tree.at(tmp).file("/e/a.conf", "Listen 80\nInclude /e/zero\n");
        Files.createSymbolicLink(tmp.resolve("fs/e/zero"), Path.of("/dev/zero"));
        ParsedConfig pc =
                assertTimeoutPreemptively(BOUND, () -> t.parse("/e/a.conf", ConfigParser.Options.apache("/e")));
        List<Problem> notRead = problems(pc, Problem.Kind.NOT_READ);
        assertEquals(
                List.of("/e/zero is a character device, not a regular file"),
                notRead.stream().map(Problem::detail).toList());
    }
}
