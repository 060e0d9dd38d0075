package io.portdoc.checks.config.apache;

import java.util.List;

/**
 * The answer for one client and URL: what Apache does and the directives that decided it.
 * {@code dependsOn} names what the answer hinges on when it is DEPENDS (an environment variable
 * set from request headers, a {@code Require expr}); {@code dns} is true when a host-name rule
 * was looked up for this client.
 */
public record AccessDecision(
        Result result, List<Step> trace, List<String> dependsOn, boolean dns, boolean authTypeSet) {
    public enum Result {
        /** 200: let in. */
        GRANTED,
        /** 403. */
        DENIED,
        /** Let in only after authentication (401, or 500 when no AuthType is configured). */
        LOGIN,
        /** Differs with request details the configuration cannot tell. */
        DEPENDS
    }

    /** Why a directive is part of the answer. */
    public enum Why {
        ORDER,
        DEFAULT_ORDER,
        ALLOW_MATCHED,
        DENY_MATCHED,
        NO_ALLOW_MATCHED,
        SATISFY_ANY,
        SATISFY_ALL,
        REQUIRE_GRANTED,
        REQUIRE_DENIED,
        REQUIRE_NEUTRAL,
        REQUIRE_LOGIN,
        NO_REQUIRE
    }

    /** One deciding directive (null for implicit defaults) and why it counts. */
    public record Step(Directive dir, Why why) {}

    public AccessDecision {
        trace = List.copyOf(trace);
        dependsOn = List.copyOf(dependsOn);
    }
}
