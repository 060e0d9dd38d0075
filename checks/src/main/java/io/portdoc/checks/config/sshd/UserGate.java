package io.portdoc.checks.config.sshd;

import java.net.InetAddress;

/**
 * auth.c allowed_user(): DenyUsers, then AllowUsers (when set, a user must match one entry),
 * then DenyGroups and AllowGroups, which depend on the user's groups and are not decided here.
 */
final class UserGate {
    private UserGate() {}

    /** ALLOWED, DENIED by a rule, or GROUPS: decided by group membership ({@code rule} names the list). */
    enum Result {
        ALLOWED,
        DENIED,
        GROUPS
    }

    record Decision(String user, Result result, Rule rule, boolean notListed) {}

    static Decision decide(Settings s, String user, InetAddress addr, String host) {
        for (Rule r : s.denyUsers()) {
            if (SshPatterns.user(user, host, addr, r.pattern())) {
                return new Decision(user, Result.DENIED, r, false);
            }
        }
        if (!s.allowUsers().isEmpty()) {
            boolean listed = s.allowUsers().stream().anyMatch(r -> SshPatterns.user(user, host, addr, r.pattern()));
            if (!listed) {
                return new Decision(user, Result.DENIED, s.allowUsers().get(0), true);
            }
        }
        if (!s.denyGroups().isEmpty()) {
            return new Decision(user, Result.GROUPS, s.denyGroups().get(0), false);
        }
        if (!s.allowGroups().isEmpty()) {
            return new Decision(user, Result.GROUPS, s.allowGroups().get(0), false);
        }
        return new Decision(user, Result.ALLOWED, null, false);
    }
}
