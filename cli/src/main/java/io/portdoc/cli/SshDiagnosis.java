package io.portdoc.cli;

import io.portdoc.core.BadInputException;
import io.portdoc.core.Pipeline;
import io.portdoc.core.Report;
import io.portdoc.core.Target;
import io.portdoc.core.Vantage;
import io.portdoc.core.host.SystemView;
import io.portdoc.core.net.Addresses;
import io.portdoc.core.remote.SshAddress;
import io.portdoc.core.remote.SshException;
import io.portdoc.core.remote.SshSession;
import io.portdoc.core.remote.SshSystem;
import io.portdoc.core.remote.Unreachable;
import io.portdoc.core.remote.VantageFinder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code diagnose --ssh}: steps 1-4 read each server over SSH, the probe runs here, on the client.
 * The client address the server's config and firewall are judged for is the one the server sees
 * for this SSH connection (after NAT), unless {@code --client} names one. Several servers run
 * concurrently, at most {@code parallel} at once, in the given order.
 */
final class SshDiagnosis {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);

    /** How one server's target is made on its own system (resolved there: /etc/services, profiles). */
    interface TargetMaker {
        Target make(SystemView server);
    }

    private final List<String> sshOptions;
    private final boolean sudo;
    private final SystemView client;
    private final Supplier<Pipeline> pipeline;
    private final Function<Report, Report> finish;
    private final String version;
    private final List<String> prefetch;

    /** @param prefetch configuration paths read in the first round trip (the profile's files) */
    SshDiagnosis(
            List<String> sshOptions,
            boolean sudo,
            SystemView client,
            Supplier<Pipeline> pipeline,
            Function<Report, Report> finish,
            String version,
            List<String> prefetch) {
        this.prefetch = List.copyOf(prefetch);
        this.sshOptions = List.copyOf(sshOptions);
        this.sudo = sudo;
        this.client = client;
        this.pipeline = pipeline;
        this.finish = finish;
        this.version = version;
    }

    /** One server: an SSH failure is bad input (exit 2, one line); sudo wanting a password is UNKNOWN. */
    Report one(SshAddress host, TargetMaker targets, Instant now) {
        try {
            return diagnose(host, targets);
        } catch (SshException e) {
            if (e.sudoPassword()) {
                return finish.apply(Unreachable.report(version, now, host, targets.make(client), e));
            }
            throw new BadInputException(e.getMessage());
        }
    }

    /** Several servers, concurrently; one that cannot be reached is a report of UNKNOWN steps. */
    List<Report> many(List<SshAddress> hosts, TargetMaker targets, int parallel, Instant now) {
        return Concurrently.map(hosts, parallel, "portdoc-ssh", h -> {
            try {
                return diagnose(h, targets);
            } catch (SshException e) {
                return finish.apply(Unreachable.report(version, now, h, targets.make(client), e));
            }
        });
    }

    private Report diagnose(SshAddress host, TargetMaker targets) {
        try (SshSystem server =
                SshSystem.open(new SshSession(host, sshOptions), client, sudo, CONNECT_TIMEOUT, prefetch)) {
            Vantage v = VantageFinder.find(host, sshOptions, server.sshConnection(), client);
            Target t = targets.make(server).withVantage(v);
            if (t.client() == null && v.client() != null) {
                t = t.withClient(v.client());
            }
            if (t.host() == null && v.server() != null) {
                t = t.withHost(Addresses.text(v.server()));
            }
            return finish.apply(pipeline.get().run(server, client, t));
        }
    }
}
