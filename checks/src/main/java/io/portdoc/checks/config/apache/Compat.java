package io.portdoc.checks.config.apache;

import java.util.ArrayList;
import java.util.List;

/**
 * mod_access_compat's per-section configuration for GET (the method a browser sends). It has no
 * merge function: a section that uses any of Order, Allow, Deny or Satisfy replaces what it
 * inherits, with the defaults (Order Deny,Allow, no rules, Satisfy unset) for what it leaves out.
 */
public record Compat(
        Order order, Directive orderDir, List<Rule> allows, List<Rule> denies, Satisfy satisfy, Directive satisfyDir) {
    public enum Order {
        DENY_ALLOW,
        ALLOW_DENY,
        MUTUAL_FAILURE
    }

    public enum Satisfy {
        NOSPEC,
        ALL,
        ANY
    }

    /** One word of an Allow or Deny line. */
    public record Rule(Directive dir, HostEntry entry) {}

    public static Compat empty() {
        return new Compat(Order.DENY_ALLOW, null, List.of(), List.of(), Satisfy.NOSPEC, null);
    }

    /** True when the section restricts nobody by these directives (no Allow, no Deny, default order). */
    public boolean isDefault() {
        return allows.isEmpty() && denies.isEmpty() && order == Order.DENY_ALLOW;
    }

    /** Builder used while reading one section. */
    static final class Builder {
        Order order = Order.DENY_ALLOW;
        Directive orderDir;
        final List<Rule> allows = new ArrayList<>();
        final List<Rule> denies = new ArrayList<>();
        Satisfy satisfy = Satisfy.NOSPEC;
        Directive satisfyDir;

        Compat build() {
            return new Compat(order, orderDir, List.copyOf(allows), List.copyOf(denies), satisfy, satisfyDir);
        }
    }
}
