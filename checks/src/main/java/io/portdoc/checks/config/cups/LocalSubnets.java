package io.portdoc.checks.config.cups;

import io.portdoc.core.host.CommandResult;
import io.portdoc.core.host.Programs;
import io.portdoc.core.host.SystemView;
import io.portdoc.core.net.AddressSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The subnets of this host's interfaces from {@code ip -o addr show}, for CUPS's {@code @LOCAL}
 * (every interface that is not point-to-point) and {@code @IF(name)}.
 */
public final class LocalSubnets {
    static final List<String> ARGV = List.of("ip", "-o", "addr", "show");
    private final Map<String, AddressSet> byInterface;
    private final boolean known;

    private LocalSubnets(Map<String, AddressSet> byInterface, boolean known) {
        this.byInterface = byInterface;
        this.known = known;
    }

    public static LocalSubnets read(SystemView system) {
        CommandResult r = Programs.run(system, ARGV, Duration.ofSeconds(2));
        if (!r.ok()) {
            return new LocalSubnets(Map.of(), false);
        }
        return new LocalSubnets(parse(r.stdout()), true);
    }

    /** Lines like {@code 2: eth0    inet 10.0.0.154/24 brd 10.0.0.255 scope global eth0}; peer (point-to-point) lines are skipped. */
    static Map<String, AddressSet> parse(String out) {
        Map<String, AddressSet> m = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 4 || line.contains(" peer ")) {
                continue;
            }
            String ifname = f[1].replaceAll("@.*$", "");
            if (!(f[2].equals("inet") || f[2].equals("inet6"))) {
                continue;
            }
            try {
                m.merge(ifname, AddressSet.parseCidr(f[3]), AddressSet::union);
            } catch (IllegalArgumentException e) {
                // an address form we do not know: leave it out
            }
        }
        return m;
    }

    public boolean known() {
        return known;
    }

    public AddressSet all() {
        return byInterface.values().stream().reduce(AddressSet.EMPTY, AddressSet::union);
    }

    public AddressSet of(String ifname) {
        return byInterface.getOrDefault(ifname, AddressSet.EMPTY);
    }
}
