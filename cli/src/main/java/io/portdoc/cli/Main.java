package io.portdoc.cli;

import io.portdoc.core.BadInputException;
import io.portdoc.core.host.RealSystem;
import io.portdoc.core.host.RecordedSystem;
import io.portdoc.core.host.SystemView;
import io.portdoc.core.profile.ProfileCatalog;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Entry point. Exit codes (DESIGN.md): 0 no problem found, 1 a problem found, 2 bad input,
 * 3 inconclusive, 4 internal error. Bad input is one line on stderr; stack traces only with
 * {@code --verbose}.
 */
@Command(name = "portdoc", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Why can clients not reach my server port?",
            "Walks the checklist of daemon, config, listening socket, local firewall and TCP probe, names the first broken link and says what to do."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  portdoc diagnose --service sshd --port 22",
            "  portdoc diagnose --service httpd --client 10.0.0.156 --format json",
            "  portdoc probe 10.0.0.154 80",
            "  portdoc listening --port 631"},
        subcommands = {DiagnoseCommand.class, ProbeCommand.class, ListeningCommand.class, ProfileCommand.class,
            CommandLine.HelpCommand.class, Completion.Generate.class})
public final class Main {
    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_INTERNAL = 4;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Show each step's evidence, and stack traces of errors.")
    boolean verbose;

    @Option(names = "--lang", scope = ScopeType.INHERIT, paramLabel = "LANG", converter = Lang.Converter.class,
            completionCandidates = Completion.Languages.class,
            description = "Language of the sentences: en or nl (default: from LC_ALL, LC_MESSAGES or LANG; "
                    + "JSON stays English unless --lang is given).")
    Lang lang;

    /** Replays a captured host instead of this one (tests and demos). */
    @Option(names = "--recorded-host", hidden = true, scope = ScopeType.INHERIT)
    Path recordedHost;

    private SystemView system;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler(Main::badParameters);
        cl.setExecutionExceptionHandler(Main::failed);
        cl.setExecutionStrategy(parsed -> {
            Lang.apply(parsed);
            return new CommandLine.RunLast().execute(parsed);
        });
        return cl;
    }

    private static int badParameters(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        String cmd = e.getCommandLine().getCommandSpec().qualifiedName();
        err.println(cmd + ": " + e.getMessage() + " (see '" + cmd + " --help')");
        if (isVerbose(e.getCommandLine())) {
            e.printStackTrace(err);
        }
        return EXIT_BAD_INPUT;
    }

    private static int failed(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        String cmd = cl.getCommandSpec().qualifiedName();
        boolean bad = e instanceof BadInputException;
        err.println(cmd + ": " + (bad ? "" : "internal error: ") + e.getMessage()
                + (bad || isVerbose(cl) ? "" : " (run with --verbose for the stack trace)"));
        if (isVerbose(cl)) {
            e.printStackTrace(err);
        }
        return bad ? EXIT_BAD_INPUT : EXIT_INTERNAL;
    }

    private static boolean isVerbose(CommandLine cl) {
        CommandLine c = cl;
        while (c.getParent() != null) {
            c = c.getParent();
        }
        return c.getCommand() instanceof Main m && m.verbose;
    }

    /** The host to diagnose: this machine, or a recorded one. */
    public SystemView system() {
        if (system == null) {
            system = recordedHost != null ? new RecordedSystem(recordedHost) : new RealSystem();
        }
        return system;
    }

    /** The built-in profiles; {@code diagnose --profile FILE} adds to them. */
    public ProfileCatalog catalog() {
        return ProfileCatalog.builtIn();
    }

    public boolean verbose() {
        return verbose;
    }

    public static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0" : v;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"portdoc " + version()};
        }
    }
}
