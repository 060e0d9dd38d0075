package io.portdoc.cli;

import io.portdoc.checks.sockets.SocketListing;
import io.portdoc.cli.listening.ListingRenderer;
import io.portdoc.core.Messages;
import io.portdoc.core.host.RealSystem;
import io.portdoc.core.host.SystemView;
import io.portdoc.core.net.ServicesDb;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code portdoc listening [--port N] [--format text|json]}: the listening TCP sockets, like
 * {@code netstat -tlpn}, with the bind spelled out and the /etc/services name. Exit 0; 1 when
 * {@code --port} is given and nothing listens there; 2 for a bad {@code --port} or
 * {@code --format} (a picocli ParameterException, so any handler maps it to usage).
 */
@Command(name = "listening", mixinStandardHelpOptions = true,
        description = {"List listening TCP sockets, like netstat -tlpn, but readable: address, port, scope "
                + "(all addresses, loopback, one address; IPv4/IPv6), PID/program and /etc/services name.",
                "Exit 0; 1 when --port is given and nothing listens on it; 2 for bad input."})
public final class ListeningCommand implements Callable<Integer> {
    private static final Messages MSG = Messages.of(ListingRenderer.class);
    private final SystemView system;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", description = "only this port: a number or an /etc/services name (http)")
    String port;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    String format;

    public ListeningCommand() {
        this(new RealSystem());
    }

    /** For tests: list the sockets of a recorded host. */
    public ListeningCommand(SystemView system) {
        this.system = system;
    }

    @Override
    public Integer call() {
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!fmt.equals("text") && !fmt.equals("json")) {
            throw new CommandLine.ParameterException(spec.commandLine(), MSG.msg("error.format", format).text());
        }
        Integer p = port == null ? null : parsePort(port);
        SocketListing listing = SocketListing.read(system, p == null ? 0 : p);
        PrintWriter out = spec.commandLine().getOut();
        out.print(fmt.equals("json") ? ListingRenderer.json(listing, system.hostname(), p) : ListingRenderer.text(listing));
        out.flush();
        return p != null && listing.entries().isEmpty() ? 1 : 0;
    }

    private int parsePort(String s) {
        String v = s.trim();
        if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
            int n = v.length() > 5 ? Integer.MAX_VALUE : Integer.parseInt(v);
            if (n < 1 || n > 65535) {
                throw new CommandLine.ParameterException(spec.commandLine(), MSG.msg("error.port.range", s).text());
            }
            return n;
        }
        return ServicesDb.load(system, "tcp").port(v).orElseThrow(() ->
                new CommandLine.ParameterException(spec.commandLine(), MSG.msg("error.port.name", s).text()));
    }
}
