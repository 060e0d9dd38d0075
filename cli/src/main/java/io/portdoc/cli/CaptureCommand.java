package io.portdoc.cli;

import io.portdoc.core.BadInputException;
import io.portdoc.core.DbLogin;
import io.portdoc.core.Pipeline;
import io.portdoc.core.Target;
import io.portdoc.core.TargetResolver;
import io.portdoc.core.capture.Bundle;
import io.portdoc.core.capture.CaptureManifest;
import io.portdoc.core.host.RecordingSystem;
import io.portdoc.core.profile.ProfileCatalog;
import io.portdoc.core.profile.ProfileLoader;
import io.portdoc.core.profile.ServiceProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code portdoc capture}: reads what a diagnosis of the service reads, on this host, and writes it
 * to a bundle that {@code diagnose --from} replays anywhere. The diagnosis runs on a recording view
 * of the host; its verdicts are not kept, only what it read.
 */
@Command(
        name = "capture",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = "Record what a diagnosis of the service reads on this host into a bundle (tar.gz) that "
                + "'portdoc diagnose --from' replays on any machine, without root.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  portdoc capture --service httpd --port 80 -o boven.tar.gz",
            "  portdoc diagnose --from boven.tar.gz --service httpd --port 80 --client 10.0.0.156",
            "",
            "The bundle holds configuration files, command outputs (firewall rules, sockets) and the process table, "
                    + "never private keys, certificates, password files or process environments.",
            "Exit codes: 0 written, 2 bad input, 4 internal error."
        })
public final class CaptureCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(
            names = {"-s", "--service"},
            paramLabel = "NAME",
            completionCandidates = Completion.ServiceNames.class,
            description = "Profile name, /etc/services name or process name (httpd, sshd, cups).")
    String service;

    @Option(
            names = {"-p", "--port"},
            paramLabel = "N",
            description = "Port number or /etc/services name (80, http).")
    String port;

    @Option(
            names = {"-c", "--client"},
            paramLabel = "IP",
            description = "Also record what judging this client reads (its reverse lookup).")
    String client;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "The daemon's configuration file, when it cannot be found from the running process.")
    Path config;

    @Option(
            names = "--profile",
            paramLabel = "FILE",
            description = "YAML service profile (portdoc/profile/v1) to add to the built-in ones; may be repeated.")
    List<Path> profiles = new ArrayList<>();

    @Option(
            names = {"-t", "--timeout"},
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Timeout of the recorded connects to this host's own addresses (default: 3s).")
    Duration timeout;

    @Option(names = "--no-probe", description = "Record no connects: a replay then cannot probe.")
    boolean noProbe;

    @Option(
            names = {"-o", "--output"},
            required = true,
            paramLabel = "FILE",
            description = "The bundle to write (FILE.tar.gz, mode 0600, replaced atomically).")
    Path output;

    /** Reproducible bundles (test fixtures): this capture time. */
    @Option(names = "--fixed-time", hidden = true, paramLabel = "INSTANT")
    Instant fixedTime;

    @Override
    public Integer call() throws IOException {
        Path dir = output.toAbsolutePath().getParent();
        if (Files.isDirectory(output) || dir == null || !Files.isDirectory(dir)) {
            throw new BadInputException("cannot write -o " + output + ": "
                    + (Files.isDirectory(output) ? "it is a directory" : "no directory " + dir));
        }
        List<ServiceProfile> fromFiles = new ArrayList<>();
        for (Path f : profiles) {
            fromFiles.addAll(ProfileLoader.load(f));
        }
        ProfileCatalog catalog = main.catalog().with(fromFiles);
        RecordingSystem recording = new RecordingSystem(main.system());
        TargetResolver resolver = new TargetResolver(catalog, recording);
        Target target = resolver.target(service, port, timeout);
        if (client != null) {
            target = target.withClient(TargetResolver.client(client));
        }
        if (config != null) {
            target = target.withConfigFile(ConfigFileArg.check(recording, config));
        }
        target = resolver.resolve(target.withDbLogin(new DbLogin(null, null)).withProbe(!noProbe, target.timeout()));
        Clock clock = fixedTime == null ? Clock.systemUTC() : Clock.fixed(fixedTime, ZoneOffset.UTC);
        new Pipeline(Pipeline.installedChecks(Main.class.getClassLoader()), clock, Main.version())
                .run(recording, target);
        try {
            Bundle.write(
                    recording,
                    new CaptureManifest.CaptureTarget(target.service(), target.port(), target.protocol()),
                    Main.version(),
                    clock.instant(),
                    output);
        } catch (IOException e) {
            throw new BadInputException("cannot write -o " + output + ": " + Output.why(e), e);
        }
        int unreadable = recording.unreadable().size();
        spec.commandLine()
                .getErr()
                .println("portdoc capture: wrote " + output + " (" + Files.size(output) / 1024 + " KiB"
                        + (unreadable == 0 ? "" : "; " + unreadable + " paths not captured, listed in its manifest")
                        + (recording.privileged()
                                ? ""
                                : "; not root: other users' processes and the firewall are " + "not in it")
                        + ")");
        return 0;
    }
}
