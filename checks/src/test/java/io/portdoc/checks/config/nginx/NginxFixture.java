package io.portdoc.checks.config.nginx;

import io.portdoc.checks.config.ConfigRequest;
import io.portdoc.core.Evidence;
import io.portdoc.core.Exposure;
import io.portdoc.core.Msg;
import io.portdoc.core.Outcome;
import io.portdoc.core.Target;
import io.portdoc.core.host.ProcessInfo;
import io.portdoc.core.host.RecordedSystem;
import io.portdoc.core.profile.ServiceProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A recorded host written by a test: files under fs/, addresses, and the judge run on it. */
final class NginxFixture {
    static final String CONF = "/etc/nginx/nginx.conf";
    private final Path root;

    NginxFixture(Path root) {
        this.root = root;
        write("host.properties", "hostname=boven\nuser=root\nprivileged=true\n");
        write("addresses.txt", "127.0.0.1\n::1\n10.0.0.154\nfd42:0:0:1::154\n");
    }

    /** A main file with an events block and {@code http} around {@code body}. */
    NginxFixture http(String body) {
        return file(CONF, "events {}\nhttp {\n" + body + "\n}\n");
    }

    NginxFixture file(String absolute, String text) {
        return write("fs" + absolute, text);
    }

    NginxFixture write(String relative, String text) {
        try {
            Path p = root.resolve(relative);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Path root() {
        return root;
    }

    Outcome judge(String client) {
        return judge(client, 80, "/");
    }

    Outcome judge(String client, int port, String path) {
        return judge(target(client, port, path, Exposure.LAN), Optional.empty());
    }

    Outcome judge(Target t, Optional<ProcessInfo> daemon) {
        return new NginxJudge().judge(new ConfigRequest(new RecordedSystem(root), t, daemon));
    }

    static Target target(String client, int port, String path, Exposure exposure) {
        ServiceProfile p = new ServiceProfile(
                "nginx",
                "nginx",
                List.of("nginx"),
                List.of(),
                List.of(new ServiceProfile.PortSpec(port, "tcp")),
                exposure,
                new ServiceProfile.ConfigSpec("nginx", List.of(CONF), path),
                null);
        Target t = Target.of("nginx", port).withProfile(p);
        try {
            return client == null ? t : t.withClient(InetAddress.getByName(client));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String evidence(Outcome o) {
        return String.join("\n", o.evidence().stream().map(NginxFixture::line).toList());
    }

    private static String line(Evidence e) {
        return (e.location() == null ? "" : e.location() + " ") + e.text();
    }

    static String hints(Outcome o) {
        return String.join("\n", Msg.texts(o.hints()));
    }

    static String all(Outcome o) {
        return o.verdict() + " " + o.summary().text() + "\n" + evidence(o) + "\n" + hints(o);
    }
}
