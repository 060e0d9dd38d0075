package io.portdoc.checks.config.apache;

import io.portdoc.core.host.RecordedSystem;
import io.portdoc.core.host.SystemView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * A recorded host (hosts file, own addresses from src/test/resources/hosts/table) with one
 * configuration file written from a string, read through the real parser.
 */
final class Fixture {
    static final String FILE = "/etc/apache2/test.conf";
    final SystemView system;
    final ApacheModel model;

    private Fixture(SystemView system, ApacheModel model) {
        this.system = system;
        this.model = model;
    }

    static Fixture of(Path tmp, String config) {
        try {
            Path table = Path.of("src/test/resources/hosts/table");
            try (Stream<Path> s = Files.list(table)) {
                for (Path p : s.toList()) {
                    Files.copy(p, tmp.resolve(p.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Path f = tmp.resolve("fs" + FILE);
            Files.createDirectories(f.getParent());
            Files.writeString(f, "Listen 80\nDocumentRoot /var/www/html\n" + config + "\n");
            SystemView sys = new RecordedSystem(tmp);
            ParsedConfig pc = ConfigParser.parse(sys, FILE, ConfigParser.Options.apache("/etc/apache2"));
            return new Fixture(sys, ApacheModel.build(pc));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RequestWalker.Walk walk(String uri) {
        return new RequestWalker(system).walk(model, null, uri);
    }

    Facts facts() {
        return new Facts(system, model.setEnv());
    }

    AccessDecision decide(String uri, String client) {
        return new AccessEvaluator(facts()).decide(walk(uri).merged(), ip(client));
    }

    Admission.Result admitted(String uri) {
        return new Admission(facts()).admitted(walk(uri).merged());
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
