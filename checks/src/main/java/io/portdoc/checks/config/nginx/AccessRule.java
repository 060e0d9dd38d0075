package io.portdoc.checks.config.nginx;

import io.portdoc.core.net.AddressSet;
import io.portdoc.core.net.Addresses;
import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * One {@code allow} / {@code deny} line ({@code ngx_http_access_rule}): {@code all} goes into the
 * IPv4, IPv6 and unix lists, {@code unix:} into the unix list, an address or CIDR
 * ({@code ngx_ptocidr}: a prefix length, never a netmask) into its family's list.
 */
public record AccessRule(Directive dir, boolean allow, Family family, AddressSet set) {
    public enum Family {
        ALL,
        V4,
        V6,
        UNIX
    }

    static AccessRule parse(Directive d) throws Listen.Invalid {
        boolean allow = d.name().equals("allow");
        String v = d.arg(0);
        if (v.equals("all")) {
            return new AccessRule(d, allow, Family.ALL, AddressSet.ALL);
        }
        if (v.equals("unix:")) {
            return new AccessRule(d, allow, Family.UNIX, AddressSet.EMPTY);
        }
        int slash = v.indexOf('/');
        String addr = slash < 0 ? v : v.substring(0, slash);
        String bits = slash < 0 ? null : v.substring(slash + 1);
        InetAddress a;
        try {
            a = Addresses.literal(addr);
        } catch (IllegalArgumentException e) {
            throw new Listen.Invalid("invalid parameter \"" + v + "\"");
        }
        boolean v4 = a instanceof Inet4Address && !addr.contains(":");
        if (a instanceof Inet4Address && !v4) {
            // ::ffff:a.b.c.d goes into the IPv6 list, but a mapped client is checked against the IPv4 list
            if (bits != null
                    && (!bits.chars().allMatch(Character::isDigit)
                            || bits.isEmpty()
                            || bits.length() > 3
                            || Integer.parseInt(bits) > 128)) {
                throw new Listen.Invalid("invalid parameter \"" + v + "\"");
            }
            return new AccessRule(d, allow, Family.V6, AddressSet.EMPTY);
        }
        int max = v4 ? 32 : 128;
        int prefix = max;
        if (bits != null) {
            if (bits.isEmpty()
                    || bits.length() > 3
                    || !bits.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(bits) > max) {
                throw new Listen.Invalid("invalid parameter \"" + v + "\"");
            }
            prefix = Integer.parseInt(bits);
        }
        return new AccessRule(d, allow, v4 ? Family.V4 : Family.V6, AddressSet.prefix(a, prefix));
    }

    /** Whether this rule is in the list nginx checks for a client of this family. */
    boolean listedFor(boolean v4client) {
        return family == Family.ALL || family == (v4client ? Family.V4 : Family.V6);
    }

    boolean matches(InetAddress client) {
        return family == Family.ALL || set.contains(client);
    }
}
