package io.portdoc.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The man pages are made from the picocli model in generate-resources / process-resources, before this
 * test runs: every page the packages promise exists with its sections, and every option it lists has a
 * description (an empty one would be an empty paragraph in man and in --help).
 */
class ManPagesTest {
    static final Path MAN1 = Path.of("target/man/man1");
    /** Commands documented on their parent's page or not worth a page. */
    static final List<String> NO_PAGE =
            List.of("portdoc-help", "portdoc-generate-completion", "portdoc-profile-check", "portdoc-profile-list");

    static List<CommandSpec> commands(CommandSpec spec) {
        List<CommandSpec> out = new ArrayList<>(List.of(spec));
        spec.subcommands().values().stream()
                .map(CommandLine::getCommandSpec)
                .filter(s -> !s.usageMessage().hidden())
                .forEach(s -> out.addAll(commands(s)));
        return out;
    }

    @Test
    void everyOptionAndParameterHasADescription() {
        List<String> missing = new ArrayList<>();
        for (CommandSpec c : commands(Main.commandLine().getCommandSpec())) {
            List<ArgSpec> args = new ArrayList<>(c.options());
            args.addAll(c.positionalParameters());
            for (ArgSpec a : args) {
                boolean described = a.description().length > 0
                        && !String.join("", a.description()).isBlank();
                if (!a.hidden() && !described) {
                    missing.add(c.qualifiedName() + " " + a);
                }
            }
        }
        assertEquals(List.of(), missing, "options without a description");
    }

    @Test
    void everyCommandHasAPage() {
        List<String> missing = new ArrayList<>();
        for (CommandSpec c : commands(Main.commandLine().getCommandSpec())) {
            String page = c.qualifiedName("-");
            if (!NO_PAGE.contains(page) && !Files.isRegularFile(MAN1.resolve(page + ".1"))) {
                missing.add(page + "(1)");
            }
        }
        assertEquals(List.of(), missing, "commands without a man page in " + MAN1);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "portdoc",
                "portdoc-diagnose",
                "portdoc-capture",
                "portdoc-probe",
                "portdoc-listening",
                "portdoc-profile"
            })
    void pageHasItsSections(String name) throws IOException {
        Path page = MAN1.resolve(name + ".1");
        assertTrue(Files.isRegularFile(page), page + " is missing");
        String roff = Files.readString(page);
        for (String section : List.of("NAME", "SYNOPSIS", "DESCRIPTION", "EXIT STATUS", "EXAMPLES", "SEE ALSO")) {
            assertTrue(roff.contains(".SH \"" + section + "\""), name + "(1) has no " + section + " section");
        }
        assertTrue(
                roff.contains("ss\\fP(8)")
                        && roff.contains("nft\\fP(8)")
                        && roff.contains("iptables\\fP(8)")
                        && roff.contains("httpd\\fP(8)"),
                name + "(1): SEE ALSO lacks ss(8), nft(8), iptables(8), httpd(8)");
        assertTrue(
                roff.contains("portdoc " + System.getProperty("portdoc.version", "0.1.0")),
                name + "(1) carries the version");
    }

    @Test
    void diagnosePageHasOptionsVerdictsFilesAndTheSeed() throws IOException {
        String roff = Files.readString(MAN1.resolve("portdoc-diagnose.1"));
        for (String s : List.of(
                "\\-\\-no\\-probe",
                "\\-\\-client",
                "VERDICTS",
                "UNKNOWN",
                "FILES",
                "/proc/net/tcp",
                "boven",
                "10.0.0.154",
                "Deny from all")) {
            assertTrue(roff.contains(s), "portdoc-diagnose(1) lacks " + s);
        }
    }
}
