package io.portdoc.checks.config.sshd;

import java.util.List;

/**
 * What sshd uses for one connection: ports and listen addresses, AddressFamily, UseDNS, and the
 * user/group access lists after the matching Match blocks are applied; {@code notEvaluated}
 * names Match lines portdoc could not decide (Group membership, RDomain).
 */
public record Settings(
        List<Integer> ports,
        List<Listen> listens,
        String family,
        boolean useDns,
        List<Rule> allowUsers,
        List<Rule> denyUsers,
        List<Rule> allowGroups,
        List<Rule> denyGroups,
        List<String> notEvaluated) {
    public Settings {
        ports = List.copyOf(ports);
        listens = List.copyOf(listens);
        allowUsers = List.copyOf(allowUsers);
        denyUsers = List.copyOf(denyUsers);
        allowGroups = List.copyOf(allowGroups);
        denyGroups = List.copyOf(denyGroups);
        notEvaluated = List.copyOf(notEvaluated);
    }

    /** A ListenAddress after Port is applied; {@code host} null means every address of the family. */
    public record Listen(String host, int port, String loc) {
        public String shown() {
            String h = host == null ? "*" : host.contains(":") ? "[" + host + "]" : host;
            return h + ":" + port;
        }
    }
}
