package io.portdoc.cli;

import io.portdoc.core.BadInputException;
import io.portdoc.core.remote.SshAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code --ssh a,b,c} or {@code --ssh @FILE} (one destination a line, # comments): the servers to diagnose. */
final class SshHosts {
    /** More is Ansible's job: one SSH connection each, at once. */
    static final int MAX_HOSTS = 256;

    private SshHosts() {}

    static List<SshAddress> parse(List<String> values) {
        List<String> items = new ArrayList<>();
        for (String v : values) {
            if (v.startsWith("@")) {
                items.addAll(fromFile(Path.of(v.substring(1))));
            } else {
                items.add(v);
            }
        }
        if (items.isEmpty()) {
            throw new BadInputException("--ssh: no destinations");
        }
        List<SshAddress> hosts = SshAddress.parseList(items);
        if (hosts.size() > MAX_HOSTS) {
            throw new BadInputException("--ssh: " + hosts.size() + " destinations, at most " + MAX_HOSTS
                    + " (for a fleet, run portdoc through Ansible)");
        }
        return hosts;
    }

    private static List<String> fromFile(Path file) {
        try {
            if (Files.size(file) > 1 << 20) {
                throw new BadInputException("--ssh @" + file + ": larger than 1 MiB");
            }
            return Files.readAllLines(file).stream()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new BadInputException("--ssh @" + file + ": cannot read it (" + e.getMessage() + ")");
        }
    }
}
