package io.portdoc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point. Exit codes: 0 fine, 1 problem found, 2 bad input, 3 inconclusive, 4 internal error. */
@Command(name = "portdoc", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Why can clients not reach my server port? Walks the checklist: daemon, config, listening, firewall, probe.",
        subcommands = {ProbeCommand.class, ListeningCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"portdoc " + (v == null ? "dev" : v)};
        }
    }
}
