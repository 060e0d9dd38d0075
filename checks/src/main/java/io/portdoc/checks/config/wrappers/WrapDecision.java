package io.portdoc.checks.config.wrappers;

/**
 * What libwrap answers for one daemon and client: ALLOW or DENY with the deciding rule (null:
 * no rule matched, access granted by default), or DEPENDS on names portdoc cannot see (the rule
 * that could decide is named).
 */
public record WrapDecision(Result result, AccessRule rule) {
    public enum Result {
        ALLOW,
        DENY,
        DEPENDS
    }
}
