package io.portdoc.checks.config;

import io.portdoc.checks.config.apache.AccessDecision;
import io.portdoc.checks.config.apache.Directive;
import io.portdoc.core.Messages;
import io.portdoc.core.Msg;
import io.portdoc.core.net.AddressSet;
import io.portdoc.core.net.Addresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What to change, and where, when a client is denied: read from the deciding directives. */
final class ConfigHints {
    private static final Messages MSG = Messages.of(ConfigHints.class);

    private ConfigHints() {}

    static List<Msg> forDenial(AccessDecision d, InetAddress client, String where) {
        List<Msg> out = new ArrayList<>();
        String c = Addresses.text(client);
        Directive order = null;
        Directive deny = null;
        boolean noAllow = false;
        List<Directive> denied = new ArrayList<>();
        List<Directive> neutral = new ArrayList<>();
        for (AccessDecision.Step s : d.trace()) {
            switch (s.why()) {
                case ORDER -> order = s.dir();
                case DENY_MATCHED -> deny = s.dir();
                case NO_ALLOW_MATCHED -> noAllow = true;
                case REQUIRE_DENIED -> denied.add(s.dir());
                case REQUIRE_NEUTRAL -> neutral.add(s.dir());
                default -> {}
            }
        }
        String orderText = order == null ? "Deny,Allow" : order.arg(0);
        boolean allowFirst =
                order != null && !orderText.toLowerCase(Locale.ROOT).startsWith("deny");
        if (deny != null && !allowFirst) {
            out.add(MSG.msg("hint.add.allow", c, deny.loc()));
        } else if (deny != null) {
            out.add(MSG.msg("hint.narrow.deny", deny.text(), deny.loc(), orderText));
        }
        if (noAllow && deny == null) {
            out.add(MSG.msg("hint.add.allow.first", c, order == null ? where : order.loc(), orderText));
        }
        for (Directive r : denied) {
            List<String> a = r.args();
            boolean negated = !a.isEmpty() && a.get(0).equalsIgnoreCase("not");
            String provider = a.isEmpty()
                    ? ""
                    : a.get(negated ? Math.min(1, a.size() - 1) : 0).toLowerCase(Locale.ROOT);
            if (negated) {
                out.add(MSG.msg("hint.narrow.not", r.text(), r.loc(), c));
            } else if (provider.equals("all")) {
                out.add(MSG.msg("hint.replace.denied", r.text(), r.loc(), c, subnet(client)));
            } else {
                out.add(MSG.msg("hint.add.require.ip", c, r.text(), r.loc()));
            }
        }
        if (out.isEmpty() && !neutral.isEmpty()) {
            out.add(MSG.msg("hint.add.positive", c, neutral.get(0).loc()));
        }
        if (out.isEmpty()) {
            out.add(MSG.msg("hint.add.positive", c, where));
        }
        return out;
    }

    /** The client's /24 (IPv4) or /64 (IPv6), as an example of a subnet rule. */
    static String subnet(InetAddress a) {
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return (b[0] & 255) + "." + (b[1] & 255) + "." + (b[2] & 255) + ".0/24";
        }
        return AddressSet.prefix(a, 64).toCidrs().get(0);
    }
}
