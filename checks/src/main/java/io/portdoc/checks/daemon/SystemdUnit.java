package io.portdoc.checks.daemon;

import io.portdoc.core.host.CommandResult;
import io.portdoc.core.host.Programs;
import io.portdoc.core.host.SystemView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A systemd unit's state from {@code systemctl show -p ActiveState,SubState,LoadState UNIT}
 * ({@code LoadState=loaded}, {@code ActiveState=failed}, {@code SubState=failed}, one per line).
 */
public record SystemdUnit(String unit, String loadState, String activeState, String subState) {
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    public static List<String> showCommand(String unit) {
        return List.of("systemctl", "show", "-p", "ActiveState,SubState,LoadState", unit);
    }

    public static List<String> journalCommand(String unit) {
        return List.of("journalctl", "-u", unit, "-n", "5", "--no-pager");
    }

    public static SystemdUnit parse(String unit, String output) {
        Map<String, String> kv = new HashMap<>();
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                kv.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return new SystemdUnit(
                unit,
                kv.getOrDefault("LoadState", ""),
                kv.getOrDefault("ActiveState", ""),
                kv.getOrDefault("SubState", ""));
    }

    /** True for a unit systemd knows (not "not-found"). */
    public boolean exists() {
        return !loadState.isEmpty() && !loadState.equals("not-found");
    }

    public boolean active() {
        return activeState.equals("active") || activeState.equals("reloading");
    }

    /** The units systemd knows, in the order asked; empty when systemctl is missing or systemd is not running. */
    public static List<SystemdUnit> query(SystemView system, List<String> units) {
        List<SystemdUnit> out = new ArrayList<>();
        for (String unit : units) {
            CommandResult r = Programs.run(system, showCommand(unit), TIMEOUT);
            if (!r.ok()) {
                return out; // no systemctl, no systemd as PID 1, or no bus: the next unit would fail alike
            }
            SystemdUnit u = parse(unit, r.stdout());
            if (u.exists()) {
                out.add(u);
            }
        }
        return out;
    }

    /** The last journal lines of the unit, without journalctl's "-- No entries --" style notes. */
    public static Optional<List<String>> journal(SystemView system, String unit) {
        CommandResult r = Programs.run(system, journalCommand(unit), TIMEOUT);
        if (!r.ok()) {
            return Optional.empty();
        }
        return Optional.of(r.stdout()
                .lines()
                .filter(l -> !l.isBlank() && !l.startsWith("-- "))
                .toList());
    }

    /** {@code apache2.service: LoadState=loaded ActiveState=failed SubState=failed}. */
    public String describe() {
        return unit + ": LoadState=" + loadState + " ActiveState=" + activeState + " SubState=" + subState;
    }
}
