package io.portdoc.checks.firewall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portdoc.core.Evidence;
import io.portdoc.core.host.CommandResult;
import io.portdoc.core.host.Programs;
import io.portdoc.core.host.SystemView;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/**
 * Reads every rule source that is enforced: {@code nft -j list ruleset}, {@code iptables-save}
 * and {@code ip6tables-save}, plus the other iptables backend when both exist (a legacy table
 * next to iptables-nft is enforced too). Tables that iptables-nft wrote are taken from
 * iptables-save, not from their opaque {@code xt} JSON. Each command has a fixed argv and a
 * timeout; a missing program means the source is absent.
 */
final class FirewallSources {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final List<String> NFT = List.of("nft", "-j", "list", "ruleset");
    static final List<String> NFT_TEXT = List.of("nft", "-a", "list", "ruleset");
    static final List<String> NFT_TABLES = List.of("nft", "-j", "list", "tables");
    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> IPSET = List.of("ipset", "list");

    /**
     * What was read: the merged rules, evidence of each command, commands that needed root, and
     * commands refused to root itself ({@code deniedAsRoot}: no CAP_NET_ADMIN, as in a container).
     */
    record Loaded(
            Ruleset ruleset,
            List<Evidence> evidence,
            List<String> needRoot,
            List<String> deniedAsRoot,
            List<String> failed,
            int sources,
            boolean anyRules,
            Map<String, Map<String, String>> nftTexts) {}

    private final SystemView system;
    private final List<Evidence> evidence = new ArrayList<>();
    private final List<String> needRoot = new ArrayList<>();
    private final List<String> deniedAsRoot = new ArrayList<>();
    /** Rule texts of the tables already listed as text, by "family table" (for {@code FirewallCheck.Shown}). */
    private final Map<String, Map<String, String>> nftTexts = new LinkedHashMap<>();

    private final List<String> failed = new ArrayList<>();

    private FirewallSources(SystemView system) {
        this.system = system;
    }

    static Loaded load(SystemView system) throws IOException {
        return new FirewallSources(system).run();
    }

    private record Save(String command, String backend, int family, String output, boolean nftBackend) {}

    /**
     * The commands nearly every run needs, started together: seven sequential forks cost ~100 ms.
     * {@code ipset list} too, though only used when a rule matches a set: listing a 100,000-member
     * set takes ~120 ms, which then overlaps iptables-save instead of following it.
     */
    private static final List<List<String>> PREFETCH = List.of(
            List.of("iptables-save"),
            List.of("iptables-legacy-save"),
            List.of("iptables-nft-save"),
            List.of("ip6tables-save"),
            List.of("ip6tables-legacy-save"),
            List.of("ip6tables-nft-save"),
            NFT_TABLES,
            IPSET);

    private final Map<List<String>, Future<CommandResult>> prefetched = new HashMap<>();

    private CommandResult exec(List<String> argv) {
        Future<CommandResult> f = prefetched.get(argv);
        if (f != null) {
            try {
                return f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // fall through: run it here and let any error surface normally
            }
        }
        return tool(system, argv);
    }

    /**
     * Runs a firewall tool by its absolute path from the system directories, never through
     * PATH; the result names the tool as typed. Missing from all of them: absent.
     */
    static CommandResult tool(SystemView system, List<String> argv) {
        return Programs.run(system, argv, TIMEOUT);
    }

    private Loaded run() throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(PREFETCH.size(), r -> {
            Thread t = new Thread(r, "portdoc-firewall-read");
            t.setDaemon(true);
            return t;
        });
        try {
            PREFETCH.forEach(argv -> prefetched.put(argv, pool.submit(() -> tool(system, argv))));
            return read();
        } finally {
            pool.shutdownNow();
        }
    }

    private Loaded read() throws IOException {
        int sources = 0;
        boolean anyRules = false;
        List<Save> saves = new ArrayList<>();
        for (int family : new int[] {4, 6}) {
            String base = family == 4 ? "iptables" : "ip6tables";
            Save primary = save(base + "-save", base, family);
            if (primary == null) {
                continue;
            }
            boolean empty = IptablesParser.tables(primary.output).isEmpty();
            if (!empty) {
                saves.add(primary);
            }
            // the other backend: legacy tables beside iptables-nft (or the reverse) are enforced too;
            // an empty iptables-save does not say which backend it is, so then ask both
            List<Save> others = new ArrayList<>();
            if (empty || primary.nftBackend) {
                others.add(save(base + "-legacy-save", base + "-legacy", family));
            }
            if (empty || !primary.nftBackend) {
                others.add(save(base + "-nft-save", base + "-nft", family));
            }
            for (Save o : others) {
                if (o != null && !IptablesParser.tables(o.output).isEmpty()) {
                    saves.add(o);
                }
            }
            if (saves.stream().noneMatch(x -> x.family == family)) {
                saves.add(primary); // nothing anywhere: keep the empty one as evidence
            }
        }
        Map<String, IpsetParser.IpSet> ipsets = Map.of();
        if (saves.stream().anyMatch(s -> s.output.contains("--match-set"))) {
            CommandResult r = exec(IPSET);
            if (r.ok()) {
                ipsets = IpsetParser.parse(r.stdout());
                evidence.add(Evidence.of(String.join(" ", IPSET), ipsets.size() + " sets"));
            } else {
                note(r);
            }
        }
        List<Ruleset> parts = new ArrayList<>();
        Set<String> fromSave = new HashSet<>();
        for (Save s : saves) {
            sources++;
            List<String> tables = IptablesParser.tables(s.output);
            anyRules |= !tables.isEmpty();
            if (s.nftBackend) {
                for (String t : tables) {
                    fromSave.add((s.family == 4 ? "ip " : "ip6 ") + t);
                }
            }
            evidence.add(Evidence.of(
                    s.command,
                    tables.isEmpty()
                            ? "no tables"
                            : "tables " + String.join(", ", tables) + " (" + (s.nftBackend ? "nf_tables" : "legacy")
                                    + ")"));
            parts.add(IptablesParser.parse(s.output, s.backend, s.family, ipsets));
        }
        NftRead nft = readNft(fromSave);
        if (nft != null) {
            sources++;
            parts.addAll(nft.rulesets);
            anyRules |= nft.tables > 0;
            evidence.add(Evidence.of(
                    nft.command,
                    nft.tables + " tables"
                            + (fromSave.isEmpty()
                                    ? ""
                                    : "; read from iptables-save instead: "
                                            + String.join(", ", new TreeSet<>(fromSave)))));
        }
        Ruleset merged = Ruleset.merge(parts);
        merged.notes().forEach(n -> evidence.add(Evidence.of("portdoc", n)));
        return new Loaded(merged, evidence, needRoot, deniedAsRoot, failed, sources, anyRules, nftTexts);
    }

    private record NftRead(String command, int tables, List<Ruleset> rulesets) {}

    /**
     * nftables: the list of tables first, then only the tables iptables-save did not already
     * give (an iptables-nft table of 10,000 rules costs nft seconds to print as JSON); the
     * whole ruleset when that cannot be done. Null when nft is absent or failed.
     */
    private NftRead readNft(Set<String> fromSave) throws IOException {
        CommandResult list = exec(NFT_TABLES);
        if (list.ok()) {
            List<String[]> tables = new ArrayList<>();
            for (JsonNode item : JSON.readTree(list.stdout()).path("nftables")) {
                if (item.has("table")) {
                    tables.add(new String[] {
                        item.get("table").path("family").asText(),
                        item.get("table").path("name").asText()
                    });
                }
            }
            List<Ruleset> rulesets = new ArrayList<>();
            boolean complete = true;
            for (String[] t : tables) {
                if (fromSave.contains(t[0] + " " + t[1])) {
                    continue;
                }
                CommandResult one = tool(system, List.of("nft", "-j", "list", "table", t[0], t[1]));
                if (!one.ok()) {
                    complete = false;
                    break;
                }
                rulesets.add(NftParser.parse(one.stdout(), Set.of(), Map.of(), ingressDevices(one.stdout(), t)));
            }
            if (complete) {
                return new NftRead(String.join(" ", NFT_TABLES) + " (+ list table each)", tables.size(), rulesets);
            }
        } else if (!list.notFound()) {
            note(list);
            return null;
        }
        CommandResult nft = tool(system, NFT);
        if (!nft.ok()) {
            note(nft);
            return null;
        }
        int tables = nft.stdout().split("\\{\"table\": ?\\{", -1).length - 1;
        Map<String, List<String>> devices = Map.of();
        if (INGRESS.matcher(nft.stdout()).find()) {
            CommandResult text = tool(system, NFT_TEXT);
            devices = text.ok() ? NftText.devices(text.stdout()) : Map.of();
        }
        return new NftRead(
                String.join(" ", NFT), tables, List.of(NftParser.parse(nft.stdout(), fromSave, Map.of(), devices)));
    }

    private static final Pattern INGRESS = Pattern.compile("\"hook\": ?\"ingress\"");

    /**
     * The devices of a table's ingress chains: nft's JSON leaves them out (before nft 1.0.7), the
     * text listing has them; its rule texts are kept for the evidence.
     */
    private Map<String, List<String>> ingressDevices(String json, String[] table) {
        if (!INGRESS.matcher(json).find()) {
            return Map.of();
        }
        CommandResult text = tool(system, List.of("nft", "-a", "list", "table", table[0], table[1]));
        if (!text.ok()) {
            return Map.of(); // unknown devices: the engine takes either way
        }
        nftTexts.put(table[0] + " " + table[1], NftText.texts(text.stdout()));
        return NftText.devices(text.stdout());
    }

    private Save save(String command, String backend, int family) {
        CommandResult r = exec(List.of(command));
        if (!r.ok()) {
            note(r);
            return null;
        }
        String out = r.stdout();
        boolean nftBackend = out.contains("(nf_tables)") || command.contains("-nft-");
        return new Save(command, backend, family, out, nftBackend);
    }

    private void note(CommandResult r) {
        if (r.notFound()) {
            return; // that source is absent
        }
        if (!system.privileged() && (r.permissionDenied() || r.exitCode() != 0)) {
            needRoot.add(r.commandLine());
        } else if (r.permissionDenied()) {
            // root, yet refused: the kernel asks for CAP_NET_ADMIN, not for uid 0
            deniedAsRoot.add(r.commandLine() + ": "
                    + r.stderr().strip().lines().findFirst().orElse("exit " + r.exitCode()));
        } else if (r.timedOut()) {
            failed.add(r.commandLine() + ": timed out");
        } else {
            String err = r.stderr().strip();
            failed.add(r.commandLine() + ": exit " + r.exitCode()
                    + (err.isEmpty() ? "" : ": " + err.lines().findFirst().orElse("")));
        }
    }

    /** Exact rule texts of one table from {@code nft -a list table F T} (else the whole ruleset), or empty. */
    static Map<String, String> nftTexts(SystemView system, String family, String table) {
        CommandResult r = tool(system, List.of("nft", "-a", "list", "table", family, table));
        if (!r.ok()) {
            r = tool(system, NFT_TEXT);
        }
        return r.ok() ? NftText.texts(r.stdout()) : new LinkedHashMap<>();
    }
}
