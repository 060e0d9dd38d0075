package io.portdoc.cli;

import io.portdoc.cli.render.Format;
import io.portdoc.core.BadInputException;
import io.portdoc.core.ExitCode;
import io.portdoc.core.TargetResolver;
import io.portdoc.core.host.SystemView;
import io.portdoc.core.listing.Listing;
import io.portdoc.core.listing.ListingSource;
import io.portdoc.core.profile.ProfileCatalog;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code portdoc listening [--port N] [--format text|json]}: the listening TCP sockets, like
 * {@code netstat -tlpn}, with the bind spelled out and the /etc/services name. Exit 0; 1 when
 * {@code --port} is given and nothing listens there; 2 for a bad {@code --port} or
 * {@code --format} (a picocli ParameterException, so any handler maps it to usage).
 */
@Command(
        name = "listening",
        sortOptions = false,
        description = "List listening TCP sockets, like netstat -tlpn, but readable: address, port, scope "
                + "(all addresses, loopback, one address; IPv4/IPv6), PID/program and /etc/services name.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  portdoc listening",
            "  portdoc listening --port ipp --format json",
            "",
            "Exit codes: 0 listed, 1 --port given and nothing listens on it, 2 bad input."
        })
public final class ListeningCommand implements Callable<Integer> {
    private final SystemView fixed;

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(
            names = {"-p", "--port"},
            paramLabel = "N",
            description = "Only this port: a number or an /etc/services name (631, ipp).")
    String port;

    @Option(
            names = {"-f", "--format"},
            paramLabel = "FORMAT",
            defaultValue = "text",
            converter = FormatConverter.ForListening.class,
            description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    public ListeningCommand() {
        this(null);
    }

    /** For tests: list the sockets of this host instead of the one Main gives. */
    public ListeningCommand(SystemView system) {
        this.fixed = system;
    }

    @Override
    public Integer call() {
        SystemView system = fixed != null ? fixed : main.system();
        Integer p = port == null ? null : parsePort(system, port);
        Listing listing = ListingSource.installed(Main.class.getClassLoader()).read(system, p);
        PrintWriter out = spec.commandLine().getOut();
        out.print(format.renderer(false, main != null && main.verbose()).listening(listing, system.hostname(), p));
        out.flush();
        return (p != null && listing.entries().isEmpty() ? ExitCode.PROBLEM : ExitCode.OK).code();
    }

    private int parsePort(SystemView system, String text) {
        ProfileCatalog catalog = main != null ? main.catalog() : ProfileCatalog.empty();
        try {
            return new TargetResolver(catalog, system).port(text);
        } catch (BadInputException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
