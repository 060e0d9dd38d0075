package io.portdoc.checks.config.apache;

import io.portdoc.core.host.SystemView;
import io.portdoc.core.net.AddressSet;
import io.portdoc.core.net.Addresses;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the evaluation needs to know about clients besides the configuration: name lookups (the
 * system resolver, through {@link SystemView}), this host's own addresses (for
 * {@code Require local}) and which environment variables mod_setenvif sets for a client.
 */
public final class Facts {
    private final SystemView system;
    private final List<SetEnvRule> setEnv;
    private final Map<InetAddress, Optional<String>> names = new HashMap<>();
    private final Map<String, List<InetAddress>> forward = new HashMap<>();
    private AddressSet local;

    public Facts(SystemView system, List<SetEnvRule> setEnv) {
        this.system = system;
        this.setEnv = List.copyOf(setEnv);
    }

    /** Loopback plus the host's own addresses: what {@code Require local} admits. */
    public AddressSet localSet() {
        if (local == null) {
            AddressSet s = AddressSet.parseCidr("127.0.0.0/8").union(AddressSet.parseCidr("::1/128"));
            for (InetAddress a : system.localAddresses()) {
                s = s.union(AddressSet.of(Addresses.unmap(a)));
            }
            local = s;
        }
        return local;
    }

    public List<InetAddress> resolve(String name) {
        return forward.computeIfAbsent(name.toLowerCase(Locale.ROOT), system::resolve);
    }

    /**
     * Apache's REMOTE_DOUBLE_REV: the PTR name of the address, kept only when that name
     * resolves back to the same address.
     */
    public Optional<String> doubleReverse(InetAddress a) {
        InetAddress x = Addresses.unmap(a);
        return names.computeIfAbsent(
                x,
                k -> system.reverse(k)
                        .filter(n -> resolve(n).stream()
                                .anyMatch(r -> Addresses.unmap(r).equals(k))));
    }

    /** in_domain (mod_authz_host / mod_access_compat): a whole-label suffix, case-insensitive. */
    public static boolean inDomain(String domain, String name) {
        String d = domain.toLowerCase(Locale.ROOT);
        String n = name.toLowerCase(Locale.ROOT);
        if (!n.endsWith(d)) {
            return false;
        }
        int rest = n.length() - d.length();
        return rest == 0 || d.startsWith(".") || n.charAt(rest - 1) == '.';
    }

    /** Whether a host-name rule can only ever match this host itself. */
    public static boolean localName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("localhost")
                || n.startsWith("localhost.")
                || n.equals("ip6-localhost")
                || n.equals("ip6-loopback");
    }

    /**
     * Whether {@code variable} is set for this client: decided when every mod_setenvif line
     * touching it tests Remote_Addr; null when it depends on the request (User-Agent, ...).
     */
    public Boolean env(String variable, InetAddress client) {
        boolean value = false;
        for (SetEnvRule r : setEnv) {
            Boolean effect = r.effectOn(variable);
            if (effect == null) {
                continue;
            }
            if (!r.byAddress()) {
                return null;
            }
            if (r.regex().matcher(Addresses.text(Addresses.unmap(client))).find()) {
                value = effect;
            }
        }
        return value;
    }

    /** The mod_setenvif lines that touch {@code variable}. */
    public List<SetEnvRule> rulesFor(String variable) {
        return setEnv.stream().filter(r -> r.effectOn(variable) != null).toList();
    }
}
