package io.portdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.portdoc.cli.render.JsonRenderer;
import io.portdoc.cli.render.TextRenderer;
import io.portdoc.core.Conclusion;
import io.portdoc.core.Conclusions;
import io.portdoc.core.Evidence;
import io.portdoc.core.HostInfo;
import io.portdoc.core.Msg;
import io.portdoc.core.Report;
import io.portdoc.core.StepResult;
import io.portdoc.core.Target;
import io.portdoc.core.Verdict;
import io.portdoc.core.net.Addresses;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report contract of DESIGN.md, pinned by a golden file. */
class ReportJsonTest {
    static Report seedReport() {
        Target t = Target.of("httpd", 80).withClient(Addresses.literal("10.0.0.156"));
        List<StepResult> steps = List.of(
                new StepResult(
                        "daemon",
                        "Daemon running",
                        Verdict.PASS,
                        new Msg("daemon.running", "httpd2-prefork is running (pid 1470)"),
                        List.of(Evidence.of("process", "1470 httpd2-prefork -DFOREGROUND")),
                        List.of(),
                        4),
                new StepResult(
                        "config",
                        "Daemon configuration",
                        Verdict.PASS,
                        new Msg("config.client.allowed", "10.0.0.156 is allowed"),
                        List.of(Evidence.at("config", "Allow from 10.0.0", "/etc/apache2/httpd.conf:31")),
                        List.of(),
                        2),
                new StepResult(
                        "listening",
                        "Listening socket",
                        Verdict.PASS,
                        new Msg("listening.all", "listening on :::80 (all addresses)"),
                        List.of(),
                        List.of(),
                        1),
                new StepResult(
                        "firewall",
                        "Local firewall",
                        Verdict.FAIL,
                        new Msg("firewall.dropped", "dropped by the policy of inet filter input"),
                        List.of(Evidence.of("nft -j list ruleset", "chain input { policy drop; }")),
                        List.of(new Msg("firewall.hint.nft", "nft add rule inet filter input tcp dport 80 accept")),
                        9),
                new StepResult(
                        "probe",
                        "TCP connection",
                        Verdict.SKIP,
                        new Msg("probe.disabled", "disabled with --no-probe"),
                        List.of(),
                        List.of(),
                        0));
        // the real paragraph, so the golden files pin the conclusion's wording too
        Conclusion c = Conclusions.conclude(steps, t, List.of(Addresses.literal("10.0.0.154")));
        return new Report(
                "0.1.0",
                Instant.parse("2026-11-25T10:00:00Z"),
                new HostInfo("boven", "root", true),
                t,
                "http",
                steps,
                c);
    }

    static String resource(String name) throws IOException {
        try (InputStream in = ReportJsonTest.class.getResourceAsStream(name)) {
            if (in == null) {
                return "(missing " + name + ")";
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Compares with a golden file; {@code -Dportdoc.updateGolden=true} rewrites it (then review the diff). */
    static void assertGolden(String name, String actual) throws IOException {
        if (Boolean.getBoolean("portdoc.updateGolden")) {
            Files.writeString(Path.of("src/test/resources/golden", name), actual);
        }
        assertEquals(resource("/golden/" + name), actual);
    }

    @Test
    void jsonMatchesGolden() throws IOException {
        assertGolden("report.json", new JsonRenderer(false).report(seedReport()));
    }

    @Test
    void textMatchesGolden() throws IOException {
        assertGolden("report.txt", new TextRenderer(false, true).report(seedReport()));
    }
}
