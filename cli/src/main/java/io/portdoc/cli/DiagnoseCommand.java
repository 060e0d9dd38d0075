package io.portdoc.cli;

import io.portdoc.cli.render.Format;
import io.portdoc.cli.render.Renderer;
import io.portdoc.cli.render.TextRenderer;
import io.portdoc.core.BadInputException;
import io.portdoc.core.DbLogin;
import io.portdoc.core.Pipeline;
import io.portdoc.core.Report;
import io.portdoc.core.ReportSet;
import io.portdoc.core.StepResult;
import io.portdoc.core.Target;
import io.portdoc.core.TargetResolver;
import io.portdoc.core.capture.Bundle;
import io.portdoc.core.capture.CaptureManifest;
import io.portdoc.core.host.RealSystem;
import io.portdoc.core.host.SystemView;
import io.portdoc.core.profile.ProfileCatalog;
import io.portdoc.core.profile.ProfileLoader;
import io.portdoc.core.profile.ServiceProfile;
import io.portdoc.core.remote.SshAddress;
import java.io.IOException;
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

/** {@code portdoc diagnose}: the whole checklist for one service and port. */
@Command(
        name = "diagnose",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = "Walk the checklist (daemon, config, listening, firewall, probe) and name the first broken link.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  portdoc diagnose --service sshd --port 22",
            "  portdoc diagnose --service httpd --port 80 --client 10.0.0.156",
            "  portdoc diagnose --service cups --format json --output ticket.json",
            "  portdoc diagnose --port smtp --no-probe --verbose",
            "  portdoc diagnose --profile examples/profiles/nfs.yaml --all --format markdown",
            "  portdoc diagnose --ssh admin@boven --service httpd --port 80",
            "  portdoc diagnose --ssh web1,web2,web3 --sudo --service nginx --port 443 --format markdown",
            "  portdoc diagnose --from boven.tar.gz --service httpd --port 80 --client 10.0.0.156",
            "",
            "Exit codes: 0 no problem found, 1 a problem found, 2 bad input, 3 inconclusive (e.g. not root), 4 internal error."
        })
public final class DiagnoseCommand implements Callable<Integer> {
    /** Diagnoses at once with --all: enough to overlap probe timeouts, few enough for a small host. */
    static final int MAX_PARALLEL = 4;
    /** The default --deadline of --all, in probe timeouts: a few rounds of MAX_PARALLEL probes. */
    static final int DEADLINE_TIMEOUTS = 5;

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
            names = "--protocol",
            defaultValue = "tcp",
            description = "Only tcp is diagnosed (default: ${DEFAULT-VALUE}).")
    String protocol;

    @Option(
            names = {"-c", "--client"},
            paramLabel = "IP",
            description = "Judge config and firewall for this client address; without it, say who is let in.")
    String client;

    @Option(
            names = "--host",
            paramLabel = "ADDR",
            description = "Address or name the probe connects to (default: this host's own addresses).")
    String host;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "The daemon's configuration file, when it cannot be found from the running process.")
    Path config;

    @Option(
            names = "--db-user",
            paramLabel = "USER",
            description = "Database user the client logs in as (PostgreSQL pg_hba.conf); without it, every user.")
    String dbUser;

    @Option(
            names = "--db-name",
            paramLabel = "DB",
            description = "Database the client connects to (default: the --db-user name, as psql does); "
                    + "without both, every database.")
    String dbName;

    @Option(
            names = {"-f", "--format"},
            defaultValue = "text",
            paramLabel = "FORMAT",
            converter = FormatConverter.ForReport.class,
            completionCandidates = Completion.DiagnoseFormats.class,
            description = "text, json or markdown (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(
            names = {"-t", "--timeout"},
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Probe connect timeout (default: 3s).")
    Duration timeout;

    @Option(names = "--no-probe", description = "Skip the TCP connection step.")
    boolean noProbe;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write the report to FILE (atomically) instead of standard output.")
    Path output;

    @Option(
            names = "--profile",
            paramLabel = "FILE",
            description =
                    "YAML service profile (portdoc/profile/v1) to add to the built-in ones or override them; may be repeated.")
    List<Path> profiles = new ArrayList<>();

    @Option(
            names = "--deadline",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "With --all: probes not started by then are UNKNOWN \"not tried: deadline\" " + "(default: "
                    + DEADLINE_TIMEOUTS + " times the longest probe timeout).")
    Duration deadline;

    @Option(
            names = "--from-client",
            description = "This machine is the client: add its view of the server (name lookup, route, output "
                    + "firewall, proxy variables, its own probe) and reconcile both ends. Needs a server read "
                    + "from elsewhere.")
    boolean fromClient;

    @Option(
            names = "--all",
            description =
                    "Diagnose every service and port of the --profile file(s), concurrently, in one combined report.")
    boolean all;

    @Option(
            names = "--ssh",
            paramLabel = "[USER@]HOST[:PORT]",
            description = "Diagnose the server over SSH from this client (the system's ssh, ~/.ssh/config, "
                    + "BatchMode): steps 1-4 read the server, the probe runs here. Several: a,b,c or @FILE.")
    List<String> ssh = new ArrayList<>();

    @Option(names = "--sudo", description = "With --ssh: read the server with 'sudo -n' (passwordless sudo).")
    boolean sudo;

    @Option(
            names = "--parallel",
            paramLabel = "N",
            defaultValue = "8",
            description = "With several --ssh hosts: diagnose at most N at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    /** Extra ssh options for the lab ({@code -F FILE}): real use goes through the user's own ssh config. */
    @Option(names = "--ssh-option", hidden = true, paramLabel = "OPTION")
    List<String> sshOptions = new ArrayList<>();

    @Option(
            names = "--from",
            paramLabel = "BUNDLE",
            description = "Diagnose the host captured in BUNDLE (made by 'portdoc capture') instead of this one; "
                    + "needs no root.")
    Path from;

    /** The host read: this one, or the capture of --from. */
    private SystemView system;

    /** Reproducible output (sample reports, golden tests): this generatedAt and every duration 0. */
    @Option(names = "--fixed-time", hidden = true, paramLabel = "INSTANT")
    Instant fixedTime;

    @Override
    public Integer call() throws IOException {
        if (from == null) {
            system = main.system();
            return diagnose(null);
        }
        try (Bundle bundle = Bundle.open(from)) {
            system = bundle.system();
            noProbe |= !bundle.probed(); // no recorded connects: it cannot probe
            CaptureManifest m = bundle.manifest();
            return diagnose(new Report.CaptureSource(m.host(), m.takenAt(), m.toolVersion(), m.user(), m.privileged()));
        }
    }

    private int diagnose(Report.CaptureSource capture) throws IOException {
        if (!protocol.equalsIgnoreCase("tcp")) {
            throw new BadInputException("only --protocol tcp is supported, not '" + protocol + "'");
        }
        List<ServiceProfile> fromFiles = new ArrayList<>();
        for (Path f : profiles) {
            fromFiles.addAll(ProfileLoader.load(f));
        }
        ProfileCatalog catalog = main.catalog().with(fromFiles);
        if (ssh.isEmpty() && sudo) {
            throw new BadInputException("--sudo applies to --ssh: without it, run portdoc itself with sudo");
        }
        if (parallel < 1) {
            throw new BadInputException("--parallel must be at least 1, not " + parallel);
        }
        if (!ssh.isEmpty() && capture != null) {
            throw new BadInputException("--ssh and --from cannot be combined: a capture is already read from its host");
        }
        if (!ssh.isEmpty() && all) {
            throw new BadInputException("--ssh and --all cannot be combined: diagnose one service on several hosts");
        }
        if (all) {
            return diagnoseAll(system, new TargetResolver(catalog, system), fromFiles, capture);
        }
        String serviceName = service;
        if (serviceName == null && port == null && !fromFiles.isEmpty()) {
            if (fromFiles.size() > 1) {
                throw new BadInputException("the profile lists " + fromFiles.size() + " services ("
                        + String.join(
                                ", ",
                                fromFiles.stream().map(ServiceProfile::name).toList())
                        + "): pick one with --service NAME, or diagnose them all with --all");
            }
            serviceName = fromFiles.get(0).name();
        }
        if (!ssh.isEmpty()) {
            return diagnoseOverSsh(catalog, serviceName);
        }
        TargetResolver resolver = new TargetResolver(catalog, system);
        Target target = resolver.resolve(customize(resolver.target(serviceName, port, timeout), system));
        Report report = pipeline().run(system, clientView(), target);
        report = reproducible(capture == null ? report : report.withCapture(capture));
        Output.write(output, renderer().report(report), spec.commandLine().getOut());
        return report.exitCode();
    }

    /** {@code --all}: every service x port of the given profiles, a few at a time. */
    private int diagnoseAll(
            SystemView system, TargetResolver resolver, List<ServiceProfile> fromFiles, Report.CaptureSource capture)
            throws IOException {
        if (profiles.isEmpty()) {
            throw new BadInputException(
                    "--all needs --profile FILE: it diagnoses every service and port of that profile");
        }
        if (service != null || port != null) {
            throw new BadInputException(
                    "--all diagnoses every service and port of the profile; leave out --service and --port");
        }
        if (config != null) {
            throw new BadInputException(
                    "--config names one service's file; with --all put it in the profile (config: files:)");
        }
        List<Target> targets = new ArrayList<>();
        for (ServiceProfile p : fromFiles) {
            for (ServiceProfile.PortSpec ps : p.ports()) {
                Duration t = timeout != null ? timeout : p.probeTimeout();
                targets.add(resolver.resolve(customize(
                        new Target(p.name(), ps.port(), ps.protocol(), null, null, null, t, true, p), system)));
            }
        }
        Duration limit = deadline != null
                ? deadline
                : targets.stream()
                        .map(Target::timeout)
                        .max(Duration::compareTo)
                        .orElse(Duration.ofSeconds(3))
                        .multipliedBy(DEADLINE_TIMEOUTS);
        List<Report> reports = runConcurrently(system, targets, System.nanoTime() + limit.toNanos()).stream()
                .map(r -> capture == null ? r : r.withCapture(capture))
                .toList();
        ReportSet set = new ReportSet(clock().instant(), reports);
        Output.write(output, renderer().reports(set), spec.commandLine().getOut());
        return set.exitCode();
    }

    /** {@code --ssh}: one server gives one report; several one combined report and the worst exit code. */
    private int diagnoseOverSsh(ProfileCatalog catalog, String serviceName) throws IOException {
        List<SshAddress> hosts = SshHosts.parse(ssh);
        List<String> prefetch = catalog.find(serviceName == null ? "" : serviceName)
                .map(ServiceProfile::config)
                .map(ServiceProfile.ConfigSpec::files)
                .orElse(List.of());
        SshDiagnosis d = new SshDiagnosis(
                sshOptions, sudo, main.system(), this::pipeline, this::reproducible, Main.version(), prefetch);
        SshDiagnosis.TargetMaker targets = server -> {
            TargetResolver r = new TargetResolver(catalog, server);
            return r.resolve(customize(r.target(serviceName, port, timeout), server));
        };
        if (hosts.size() == 1) {
            Report report = d.one(hosts.get(0), targets, clock().instant());
            Output.write(output, renderer().report(report), spec.commandLine().getOut());
            return report.exitCode();
        }
        ReportSet set = new ReportSet(clock().instant(), d.many(hosts, targets, parallel, clock().instant()));
        Output.write(output, renderer().reports(set), spec.commandLine().getOut());
        return set.exitCode();
    }

    /** Each target gets its own pipeline (fresh check instances); results keep the profile's order. */
    private List<Report> runConcurrently(SystemView system, List<Target> targets, long until) {
        return Concurrently.map(
                targets,
                MAX_PARALLEL,
                "portdoc-diagnose",
                t -> reproducible(pipeline().until(until).run(system, t)));
    }

    /** The client's own host for {@code --from-client}, else null (server-local mode). */
    private SystemView clientView() {
        if (!fromClient) {
            return null;
        }
        if (!main.serverElsewhere()) {
            throw new BadInputException(
                    "--from-client needs the server read from elsewhere: here this machine is the server");
        }
        return new RealSystem();
    }

    /** The options that apply to every target: client, host, config file, probe. */
    private Target customize(Target target, SystemView system) {
        if (client != null) {
            target = target.withClient(TargetResolver.client(client));
        }
        if (host != null) {
            target = target.withHost(TargetResolver.host(host));
        }
        if (config != null) {
            target = target.withConfigFile(ConfigFileArg.check(system, config));
        }
        return target.withDbLogin(new DbLogin(dbUser, dbName)).withProbe(!noProbe, target.timeout());
    }

    private Pipeline pipeline() {
        return new Pipeline(Pipeline.installedChecks(Main.class.getClassLoader()), clock(), Main.version());
    }

    private Clock clock() {
        return fixedTime == null ? Clock.systemUTC() : Clock.fixed(fixedTime, ZoneOffset.UTC);
    }

    /** With {@code --fixed-time}, durations are 0 so that the same host gives the same bytes. */
    private Report reproducible(Report r) {
        if (fixedTime == null) {
            return r;
        }
        List<StepResult> steps = r.steps().stream().map(s -> s.withDuration(0)).toList();
        return r.withSteps(steps);
    }

    /** Colour only on a terminal, never into --output. */
    private Renderer renderer() {
        return format.renderer(output == null && TextRenderer.wantColour(), main.verbose());
    }
}
