package io.portdoc.checks.config.wrappers;

import java.util.List;

/**
 * One hosts.allow / hosts.deny line: {@code daemon_list : client_list [: option : ...]}, the lists
 * as words (blanks and commas separate; {@code EXCEPT} kept as a word).
 */
public record AccessRule(List<String> daemons, List<String> clients, List<String> options, String loc, String text) {
    public AccessRule {
        daemons = List.copyOf(daemons);
        clients = List.copyOf(clients);
        options = List.copyOf(options);
    }

    /** hosts_options(5): a {@code deny} option in hosts.allow refuses, {@code allow} in hosts.deny admits. */
    public boolean hasOption(String word) {
        return options.stream().anyMatch(o -> o.strip().equalsIgnoreCase(word));
    }
}
