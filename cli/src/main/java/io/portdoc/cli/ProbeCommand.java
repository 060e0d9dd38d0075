package io.portdoc.cli;

import io.portdoc.cli.render.Format;
import io.portdoc.core.BadInputException;
import io.portdoc.core.ExitCode;
import io.portdoc.core.TargetResolver;
import io.portdoc.core.host.SystemView;
import io.portdoc.core.probe.ProbeResult;
import io.portdoc.core.probe.Prober;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code portdoc probe HOST PORT}: the seed's {@code telnet host 80}, run on a client, with the
 * outcome classified (open, refused, timeout, host-unreachable, network-unreachable,
 * unresolved) per address. Connects and closes; never sends data. Exit 0 when open, 1 otherwise,
 * 2 for bad input.
 */
@Command(
        name = "probe",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = "Try a TCP connection to HOST PORT, like telnet, and classify the outcome per address.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  portdoc probe 10.0.0.154 80",
            "  portdoc probe boven http --timeout 1s --format json",
            "",
            "States: open, refused (nothing listens, or a firewall rejects), timeout (a firewall drops),",
            "host-unreachable (no ARP answer after ~3 s, or a fast firewall reject), network-unreachable",
            "(no route), unresolved. Run it on a client: on the server it does not cross the network.",
            "",
            "Exit codes: 0 open, 1 not open, 2 bad input."
        })
public final class ProbeCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "HOST", description = "Host name or IP address.")
    String host;

    @Parameters(index = "1", paramLabel = "PORT", description = "Port number or /etc/services name (80, http).")
    String port;

    @Option(
            names = {"-t", "--timeout"},
            paramLabel = "DURATION",
            defaultValue = "3s",
            converter = DurationConverter.class,
            description = "Connect timeout per address: 3s, 500ms, 1m (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(
            names = {"-f", "--format"},
            paramLabel = "FORMAT",
            defaultValue = "text",
            converter = FormatConverter.ForProbe.class,
            description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() {
        if (host.isBlank()) {
            throw new ParameterException(spec.commandLine(), "HOST is empty");
        }
        SystemView system = main.system();
        int portNumber;
        try {
            portNumber = new TargetResolver(main.catalog(), system).port(port);
        } catch (BadInputException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        ProbeResult result = new Prober(system).probe(host.trim(), portNumber, timeout);
        PrintWriter out = spec.commandLine().getOut();
        out.print(format.renderer(false, main.verbose()).probe(result, timeout));
        out.flush();
        return (result.open() ? ExitCode.OK : ExitCode.PROBLEM).code();
    }
}
