package io.portdoc.cli;

import io.portdoc.core.Durations;
import io.portdoc.core.ExitCode;
import io.portdoc.core.Exposure;
import io.portdoc.core.Target;
import io.portdoc.core.net.PortClass;
import io.portdoc.core.net.ServicesDb;
import io.portdoc.core.profile.ProfileCatalog;
import io.portdoc.core.profile.ProfileLoader;
import io.portdoc.core.profile.ServiceProfile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code portdoc profile check FILE} and {@code portdoc profile list}. */
@Command(
        name = "profile",
        description = "Validate service profiles (YAML, portdoc/profile/v1) and list the built-in ones.",
        subcommands = {ProfileCommand.CheckFile.class, ProfileCommand.ListBuiltIn.class})
public final class ProfileCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    /** Without a subcommand: usage, and exit 2 like any incomplete command line. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.BAD_INPUT.code();
    }

    @Command(
            name = "check",
            description = "Validate a profile file strictly and print what portdoc understood from it.",
            footerHeading = "%nExample:%n",
            footer = "  portdoc profile check examples/profiles/inhouse-billing.yaml")
    static final class CheckFile implements Callable<Integer> {
        @ParentCommand
        ProfileCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The profile to check.")
        Path file;

        @Override
        public Integer call() {
            List<ServiceProfile> profiles = ProfileLoader.load(file);
            ProfileCatalog builtIn = parent.main.catalog();
            ServicesDb services = ServicesDb.load(parent.main.system(), "tcp");
            PrintWriter out = spec.commandLine().getOut();
            out.printf(
                    "%s: valid %s, %d service%s%n",
                    file, ProfileLoader.SCHEMA, profiles.size(), profiles.size() == 1 ? "" : "s");
            for (ServiceProfile p : profiles) {
                out.println();
                describe(p, services, out);
                builtIn.all().stream()
                        .filter(b -> b.name().equalsIgnoreCase(p.name()))
                        .findFirst()
                        .ifPresent(b -> out.println("  replaces the built-in profile " + b.name()));
            }
            out.flush();
            return ExitCode.OK.code();
        }
    }

    @Command(name = "list", description = "List the built-in profiles (examples/profiles/ has them as files).")
    static final class ListBuiltIn implements Callable<Integer> {
        @ParentCommand
        ProfileCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<ServiceProfile> all = parent.main.catalog().all();
            int w = all.stream().mapToInt(p -> p.name().length()).max().orElse(4);
            for (ServiceProfile p : all) {
                String ports = String.join(
                        ", ",
                        p.ports().stream()
                                .map(ServiceProfile.PortSpec::toString)
                                .toList());
                out.printf(
                        "%-" + w + "s  %-16s  %-6s  %s%n",
                        p.name(),
                        ports,
                        p.exposure().id(),
                        p.description() == null ? "" : p.description());
            }
            out.flush();
            return ExitCode.OK.code();
        }
    }

    static void describe(ServiceProfile p, ServicesDb services, PrintWriter out) {
        out.println(p.name() + (p.description() == null ? "" : ": " + p.description()));
        out.println("  processes:     " + list(p.processes(), "none (only systemd units are looked at)"));
        out.println("  systemd units: " + list(p.systemdUnits(), "none"));
        out.println("  ports:         "
                + String.join(
                        ", ",
                        p.ports().stream()
                                .map(s -> s + " ("
                                        + services.name(s.port())
                                                .map(n -> n + ", ")
                                                .orElse("") + PortClass.of(s.port()).id + ")")
                                .toList()));
        out.println("  exposure:      " + p.exposure().id() + " (" + exposure(p.exposure()) + ")");
        out.println("  config:        "
                + (p.config() == null
                        ? "none (the config step has nothing to read)"
                        : p.config().format() + " " + list(p.config().files(), "(found from the running process)")
                                + ", URL path " + p.config().path()));
        out.println("  probe timeout: "
                + (p.probeTimeout() == null
                        ? Durations.format(Target.DEFAULT_TIMEOUT) + " (default)"
                        : Durations.format(p.probeTimeout())));
    }

    private static String exposure(Exposure e) {
        return switch (e) {
            case LOCAL -> "only this host should reach it: listening on loopback is right";
            case LAN -> "hosts on the local networks should reach it: loopback only is a FAIL";
            case PUBLIC -> "the internet should reach it, through the router's port forwarding";
        };
    }

    private static String list(List<String> items, String none) {
        return items.isEmpty() ? none : String.join(", ", items);
    }
}
