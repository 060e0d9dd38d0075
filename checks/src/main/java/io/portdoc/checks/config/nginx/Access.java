package io.portdoc.checks.config.nginx;

import io.portdoc.core.net.AddressSet;
import io.portdoc.core.net.Addresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

/**
 * The access phase for one request, from the levels that apply (outermost first):
 * {@code ngx_http_access_module} takes the rules of the innermost level that has any (a level
 * with none inherits all of its parent's), checks only the list of the client's family
 * (IPv4-mapped IPv6 clients use the IPv4 list) and the first matching rule decides; no list or no
 * match lets the client through. {@code satisfy all} (default): a deny is 403 whatever else;
 * {@code satisfy any}: an allow suffices, and {@code auth_basic} / {@code auth_request} can let a
 * client in that the address rules deny (it asks for credentials).
 */
public final class Access {
    public enum Result {
        ALLOWED,
        DENIED,
        LOGIN
    }

    /** The outcome for a client: the deciding rule (null when none matched), and the auth directive if one asks. */
    public record Decision(Result result, AccessRule rule, Directive auth, boolean satisfyAny) {}

    /** Who gets in: without login ({@code sure}), after a login ({@code login}). */
    public record Who(AddressSet sure, AddressSet login, Directive auth, boolean satisfyAny) {}

    private final Level rules;
    private final Directive auth;
    private final boolean any;

    public Access(List<Level> levels) {
        Level withRules = null;
        Directive satisfy = null;
        Directive basic = null;
        Directive request = null;
        for (Level l : levels) {
            if (!l.rules.isEmpty()) {
                withRules = l;
            }
            satisfy = l.satisfy == null ? satisfy : l.satisfy;
            basic = l.authBasic == null ? basic : l.authBasic;
            request = l.authRequest == null ? request : l.authRequest;
        }
        this.rules = withRules;
        this.any = satisfy != null && satisfy.arg(0).equalsIgnoreCase("any");
        Directive a = on(basic);
        this.auth = a != null ? a : on(request);
    }

    private static Directive on(Directive d) {
        return d == null || d.arg(0).toLowerCase(Locale.ROOT).equals("off") ? null : d;
    }

    /** The level whose allow/deny lines apply, or null when no level has any. */
    public Level rulesLevel() {
        return rules;
    }

    public Decision decide(InetAddress client) {
        InetAddress c = Addresses.unmap(client);
        boolean v4 = c instanceof Inet4Address;
        AccessRule match = null;
        if (rules != null) {
            for (AccessRule r : rules.rules) {
                if (r.listedFor(v4) && r.matches(c)) {
                    match = r;
                    break;
                }
            }
        }
        boolean denied = match != null && !match.allow();
        Result result;
        if (any) {
            boolean allowed = match != null && match.allow();
            result = allowed || auth == null && !denied ? Result.ALLOWED : auth != null ? Result.LOGIN : Result.DENIED;
        } else {
            result = denied ? Result.DENIED : auth != null ? Result.LOGIN : Result.ALLOWED;
        }
        return new Decision(result, match, auth, any);
    }

    public Who who() {
        AddressSet allowMatched = AddressSet.EMPTY;
        AddressSet noMatch = AddressSet.EMPTY;
        for (boolean v4 : new boolean[] {true, false}) {
            AddressSet rest = v4 ? AddressSet.allV4() : AddressSet.allV6();
            if (rules != null) {
                for (AccessRule r : rules.rules) {
                    if (!r.listedFor(v4)) {
                        continue;
                    }
                    AddressSet hit = rest.intersect(r.set());
                    if (r.allow()) {
                        allowMatched = allowMatched.union(hit);
                    }
                    rest = rest.minus(hit);
                }
            }
            noMatch = noMatch.union(rest);
        }
        AddressSet passes = allowMatched.union(noMatch);
        if (auth == null) {
            return new Who(passes, AddressSet.EMPTY, null, any);
        }
        if (any) {
            return new Who(allowMatched, allowMatched.complement(), auth, true);
        }
        return new Who(AddressSet.EMPTY, passes, auth, false);
    }
}
