package io.portdoc.checks.config;

import io.portdoc.core.Messages;
import io.portdoc.core.net.AddressSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints an address set the way the configuration names it: CIDR blocks first, then the names
 * whose addresses the set fully contains ("10.0.0.0/24, localhost").
 */
public final class SetText {
    private static final Messages MSG = Messages.of(SetText.class);
    private static final int MAX_BLOCKS = 8;

    private SetText() {}

    public static String of(AddressSet set, Map<String, AddressSet> names) {
        if (set.isAll()) {
            return MSG.msg("who.everyone").text();
        }
        AddressSet labelled = AddressSet.EMPTY;
        List<String> labels = new ArrayList<>();
        for (Map.Entry<String, AddressSet> e : names.entrySet()) {
            if (!e.getValue().isEmpty() && e.getValue().minus(set).isEmpty()) {
                labels.add(e.getKey());
                labelled = labelled.union(e.getValue());
            }
        }
        // blocks a name already stands for are not repeated ("localhost", not "127.0.0.1/32, ::1/128, localhost")
        List<String> blocks = new ArrayList<>();
        for (String cidr : set.toCidrs()) {
            if (!AddressSet.parseCidr(cidr).minus(labelled).isEmpty()) {
                blocks.add(cidr);
            }
        }
        List<String> parts = blocks;
        if (parts.size() > MAX_BLOCKS) {
            int more = parts.size() - MAX_BLOCKS;
            parts = new ArrayList<>(parts.subList(0, MAX_BLOCKS));
            parts.set(
                    MAX_BLOCKS - 1,
                    MSG.msg("who.more", parts.get(MAX_BLOCKS - 1), more).text());
        }
        parts.addAll(labels);
        return String.join(", ", parts);
    }
}
