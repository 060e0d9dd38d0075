package io.portdoc.cli;

import io.portdoc.cli.render.Format;
import io.portdoc.cli.render.ReportJson;
import io.portdoc.cli.render.TextRenderer;
import io.portdoc.core.BadInputException;
import io.portdoc.core.Durations;
import io.portdoc.core.Pipeline;
import io.portdoc.core.Report;
import io.portdoc.core.Target;
import io.portdoc.core.host.SystemView;
import io.portdoc.core.net.AddressSet;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code portdoc diagnose}: the whole checklist for one service and port. */
@Command(name = "diagnose", sortOptions = false,
        description = "Walk the checklist (daemon, config, listening, firewall, probe) and name the first broken link.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  portdoc diagnose --service sshd --port 22",
            "  portdoc diagnose --service httpd --port 80 --client 10.0.0.156",
            "  portdoc diagnose --service cups --format json --output ticket.json",
            "  portdoc diagnose --port smtp --no-probe --verbose",
            "",
            "Exit codes: 0 no problem found, 1 a problem found, 2 bad input, 3 inconclusive (e.g. not root), 4 internal error."})
public final class DiagnoseCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"-s", "--service"}, paramLabel = "NAME",
            description = "Profile name, /etc/services name or process name (httpd, sshd, cups).")
    String service;

    @Option(names = {"-p", "--port"}, paramLabel = "N", description = "Port number or /etc/services name (80, http).")
    String port;

    @Option(names = "--protocol", defaultValue = "tcp", description = "Only tcp is diagnosed (default: ${DEFAULT-VALUE}).")
    String protocol;

    @Option(names = {"-c", "--client"}, paramLabel = "IP",
            description = "Judge config and firewall for this client address; without it, say who is let in.")
    String client;

    @Option(names = "--host", paramLabel = "ADDR", description = "Address or name the probe connects to (default: this host's own addresses).")
    String host;

    @Option(names = "--config", paramLabel = "FILE", description = "The daemon's configuration file, when it cannot be found from the running process.")
    Path config;

    @Option(names = {"-f", "--format"}, defaultValue = "text", paramLabel = "FORMAT",
            converter = FormatConverter.class, description = "text, json or markdown (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-t", "--timeout"}, paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Probe connect timeout (default: 3s).")
    java.time.Duration timeout;

    @Option(names = "--no-probe", description = "Skip the TCP connection step.")
    boolean noProbe;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE (atomically) instead of standard output.")
    Path output;

    @Override
    public Integer call() throws IOException {
        if (!protocol.equalsIgnoreCase("tcp")) {
            throw new BadInputException("only --protocol tcp is supported, not '" + protocol + "'");
        }
        SystemView system = main.system();
        Target target = new TargetResolver(main.catalog(), system, "tcp").resolve(service, port, "tcp", timeout);
        if (client != null) {
            target = target.withClient(parseClient(client));
        }
        if (host != null) {
            target = target.withHost(host);
        }
        if (config != null) {
            if (!Files.isReadable(config) || Files.isDirectory(config)) {
                throw new BadInputException("cannot read --config " + config
                        + (Files.exists(config) ? " (permission denied or a directory)" : " (no such file)"));
            }
            target = target.withConfigFile(config.toAbsolutePath());
        }
        target = target.withProbe(!noProbe, target.timeout());
        Report report = new Pipeline(Pipeline.installedChecks(Main.class.getClassLoader()), Clock.systemUTC(),
                Main.version()).run(system, target);
        Output.write(output, render(report), spec.commandLine().getOut());
        return report.exitCode();
    }

    static InetAddress parseClient(String text) {
        try {
            return AddressSet.literal(text);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--client must be an IPv4 or IPv6 address, not '" + text + "'");
        }
    }

    private String render(Report report) {
        return switch (format) {
            case JSON -> ReportJson.render(report);
            case MARKDOWN -> new io.portdoc.cli.render.MarkdownRenderer().render(report);
            case TEXT -> new TextRenderer(output == null && TextRenderer.wantColour(), main.verbose).render(report);
        };
    }
}
