package io.portdoc.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portdoc.checks.probe.Attempt;
import io.portdoc.checks.probe.ProbeHints;
import io.portdoc.checks.probe.ProbeResult;
import io.portdoc.checks.probe.Prober;
import io.portdoc.core.TargetResolver;
import io.portdoc.core.BadInputException;
import io.portdoc.core.Msg;
import io.portdoc.core.host.SystemView;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
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
@Command(name = "probe", sortOptions = false, mixinStandardHelpOptions = true,
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
            "Exit codes: 0 open, 1 not open, 2 bad input."})
public final class ProbeCommand implements Callable<Integer> {
    public static final String SCHEMA = "portdoc/probe/v1";

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "HOST", description = "Host name or IP address.")
    String host;

    @Parameters(index = "1", paramLabel = "PORT", description = "Port number or /etc/services name (80, http).")
    String port;

    @Option(names = {"-t", "--timeout"}, paramLabel = "DURATION", defaultValue = "3s", converter = DurationConverter.class,
            description = "Connect timeout per address: 3s, 500ms, 1m (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() {
        String fmt = format.trim().toLowerCase(Locale.ROOT);
        if (!fmt.equals("text") && !fmt.equals("json")) {
            throw new ParameterException(spec.commandLine(), "unknown format '" + format + "' (use text or json)");
        }
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
        out.print(fmt.equals("json") ? json(result) : text(result, timeout));
        out.flush();
        return result.open() ? 0 : 1;
    }

    /** The probe contract of DESIGN.md, field for field. */
    public static String json(ProbeResult r) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("schema", SCHEMA);
        root.put("host", r.host());
        root.put("port", r.port());
        root.put("state", r.state().id());
        ArrayNode attempts = root.putArray("attempts");
        for (Attempt a : r.attempts()) {
            ObjectNode n = attempts.addObject();
            n.put("address", a.address());
            n.put("state", a.state().id());
            n.put("elapsedMs", a.elapsedMs());
            n.put("error", a.error());
        }
        try {
            return io.portdoc.cli.render.Json.mapper().writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One line for the outcome, one per address, then what it means. */
    static String text(ProbeResult r, Duration timeout) {
        StringBuilder s = new StringBuilder();
        s.append(r.host()).append(" port ").append(r.port()).append(": ").append(r.state().id()).append('\n');
        int width = r.attempts().stream().mapToInt(a -> a.endpoint(r.port()).length()).max().orElse(0);
        for (Attempt a : r.attempts()) {
            s.append(String.format(Locale.ROOT, "  %-" + width + "s  %-19s %6d ms%s%n", a.endpoint(r.port()),
                    a.state().id(), a.elapsedMs(), a.error() == null ? "" : "  " + a.error()));
        }
        for (Msg hint : ProbeHints.explain(r, timeout)) {
            s.append("  hint: ").append(hint.text()).append('\n');
        }
        return s.toString();
    }
}
