package io.portdoc.checks.config.sshd;

import java.util.List;

/** A {@code Match} line: every criterion must match for its block to apply (sshd_config(5) "Match"). */
public record MatchBlock(List<Criterion> criteria, String loc, String text) {
    public MatchBlock {
        criteria = List.copyOf(criteria);
    }

    /** {@code Match User alice}: a criterion of the Match line ({@code patterns} empty for All). */
    public record Criterion(Kind kind, String patterns) {}

    /** The criteria sshd_config(5) lists; Invalid-user and Exec are not evaluated by portdoc. */
    public enum Kind {
        ALL,
        USER,
        GROUP,
        HOST,
        LOCALADDRESS,
        LOCALPORT,
        RDOMAIN,
        ADDRESS
    }

    public boolean mentions(Kind k) {
        return criteria.stream().anyMatch(c -> c.kind() == k);
    }
}
