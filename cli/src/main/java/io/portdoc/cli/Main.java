package io.portdoc.cli;

import io.portdoc.core.BadInputException;
import io.portdoc.core.ExitCode;
import io.portdoc.core.host.RealSystem;
import io.portdoc.core.host.RecordedSystem;
import io.portdoc.core.host.SystemView;
import io.portdoc.core.profile.ProfileCatalog;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Entry point and base command: it owns the options every subcommand shares ({@code --verbose},
 * {@code --recorded-host}) and is the one place where exceptions become exit codes
 * ({@link ExitCode}): bad input is one line on stderr, anything else an internal error; stack
 * traces only with {@code --verbose}.
 */
@Command(
        name = "portdoc",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "Why can clients not reach my server port?",
            "Walks the checklist of daemon, config, listening socket, local firewall and TCP probe, "
                    + "names the first broken link and says what to do."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  portdoc diagnose --service sshd --port 22",
            "  portdoc diagnose --service httpd --client 10.0.0.156 --format json",
            "  portdoc capture --service httpd --port 80 -o boven.tar.gz",
            "  portdoc probe 10.0.0.154 80",
            "  portdoc listening --port 631"
        },
        subcommands = {
            DiagnoseCommand.class,
            CaptureCommand.class,
            ProbeCommand.class,
            ListeningCommand.class,
            ProfileCommand.class,
            CommandLine.HelpCommand.class,
            Completion.Generate.class
        })
public final class Main {
    @Option(
            names = {"-v", "--verbose"},
            scope = ScopeType.INHERIT,
            description = "Show each step's evidence, and stack traces of errors.")
    boolean verbose;

    @Option(
            names = "--lang",
            scope = ScopeType.INHERIT,
            paramLabel = "LANG",
            converter = Lang.Converter.class,
            completionCandidates = Completion.Languages.class,
            description = "Language of the sentences: en or nl (default: from LC_ALL, LC_MESSAGES or LANG; "
                    + "JSON stays English unless --lang is given).")
    Lang lang;

    /** Replays a captured host instead of this one (tests and demos). */
    @Option(names = "--recorded-host", hidden = true, scope = ScopeType.INHERIT)
    Path recordedHost;

    private SystemView system;

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Runs one command line, writing to {@code out} and {@code err}; returns the exit code. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        try {
            return cl.execute(args);
        } finally {
            cl.getOut().flush();
            cl.getErr().flush();
        }
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
        String message = e.getCause() instanceof BadValueException own ? own.getMessage() : e.getMessage();
        err.println(cmd + ": " + message + " (see '" + cmd + " --help')");
        if (isVerbose(e.getCommandLine())) {
            e.printStackTrace(err);
        }
        return ExitCode.BAD_INPUT.code();
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
        return (bad ? ExitCode.BAD_INPUT : ExitCode.INTERNAL_ERROR).code();
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

    /** True when the diagnosed host is not this machine (a recorded one). */
    public boolean serverElsewhere() {
        return recordedHost != null;
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
