package io.portdoc.checks.config.wrappers;

import java.net.InetAddress;
import java.util.List;

/**
 * hosts_access(5): "Access will be granted when a (daemon,client) pair matches an entry in the
 * /etc/hosts.allow file. Otherwise, access will be denied when a (daemon,client) pair matches an
 * entry in the /etc/hosts.deny file. Otherwise, access will be granted." The first matching line
 * of each file counts; with hosts_options(5) an {@code allow} / {@code deny} option overrides the
 * file's meaning.
 */
final class HostsAccess {
    private HostsAccess() {}

    static WrapDecision decide(HostsFiles files, String daemon, Client client, InetAddress server) {
        WrapDecision a = table(files.allow(), daemon, client, server, WrapDecision.Result.ALLOW);
        if (a != null) {
            return a;
        }
        WrapDecision d = table(files.deny(), daemon, client, server, WrapDecision.Result.DENY);
        return d != null ? d : new WrapDecision(WrapDecision.Result.ALLOW, null);
    }

    /** table_match(): the first line whose daemon and client lists both match; null when none does. */
    private static WrapDecision table(
            List<AccessRule> rules, String daemon, Client client, InetAddress server, WrapDecision.Result meaning) {
        for (AccessRule r : rules) {
            Tri d = HostPatterns.list(r.daemons(), w -> HostPatterns.daemon(w, daemon, server));
            if (d == Tri.NO) {
                continue;
            }
            Tri c = HostPatterns.list(r.clients(), w -> HostPatterns.host(w, client));
            if (c == Tri.NO) {
                continue;
            }
            if (d == Tri.DEPENDS || c == Tri.DEPENDS) {
                return new WrapDecision(WrapDecision.Result.DEPENDS, r);
            }
            WrapDecision.Result res = r.hasOption("deny")
                    ? WrapDecision.Result.DENY
                    : r.hasOption("allow") ? WrapDecision.Result.ALLOW : meaning;
            return new WrapDecision(res, r);
        }
        return null;
    }
}
