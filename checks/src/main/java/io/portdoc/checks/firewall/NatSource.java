package io.portdoc.checks.firewall;

import io.portdoc.checks.facts.NatTranslation;
import io.portdoc.core.CheckContext;
import io.portdoc.core.Target;
import io.portdoc.core.net.AddressSet;
import io.portdoc.core.net.Addresses;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The {@link NatTranslation} fact from the rules the firewall step reads (once per diagnosis):
 * the client's first packet through the nat chains of its hook, {@code output} when the client
 * is this host, else {@code prerouting}. Without {@code --client} every remote source is
 * walked; a translation that holds for only some of them is {@link NatTranslation.Kind#PARTIAL}.
 */
public final class NatSource implements NatTranslation.Source {
    @Override
    public NatTranslation translate(CheckContext context) {
        Target t = context.target();
        int proto = Protocols.number(t.protocol());
        if (proto < 0) {
            return NatTranslation.NONE;
        }
        try {
            FirewallSources.Loaded loaded = FirewallCheck.loaded(context);
            if (!loaded.needRoot().isEmpty() || !loaded.failed().isEmpty()) {
                return NatTranslation.NONE; // the firewall step says why it cannot read the rules
            }
            Routes routes = Routes.of(context);
            Engine engine = new Engine(routes);
            List<Engine.Nat> results = new ArrayList<>();
            if (t.client() != null) {
                Packet p = FirewallCheck.clientPacket(t, routes, proto);
                Hook hook = p.iifLoopback() ? Hook.OUTPUT : Hook.PREROUTING;
                results.addAll(engine.nat(loaded.ruleset(), hook, p, AddressSet.of(Addresses.unmap(t.client()))));
            } else {
                for (int f : new int[] {4, 6}) {
                    Packet p = new Packet(
                            f,
                            null,
                            FirewallCheck.localNonLoopback(routes, f),
                            proto,
                            t.port(),
                            null,
                            false,
                            null,
                            false,
                            false);
                    results.addAll(engine.nat(loaded.ruleset(), Hook.PREROUTING, p, remote(f)));
                }
            }
            return summarize(results, FirewallCheck.Shown.of(context)::describe);
        } catch (IOException | Engine.TooComplex e) {
            return NatTranslation.NONE; // the firewall step reports the same error
        }
    }

    /** One translation when every path agrees; otherwise the first rule that translates some of them. */
    static NatTranslation summarize(List<Engine.Nat> results, Function<RuleRef, String> shown) {
        List<Engine.Nat> translated =
                results.stream().filter(n -> n.rule() != null).toList();
        if (translated.isEmpty()) {
            return NatTranslation.NONE;
        }
        for (Engine.Nat n : translated) {
            if (n.unsupported() != null) {
                return new NatTranslation(NatTranslation.Kind.RANGE, shown.apply(n.rule()), null, 0, n.unsupported());
            }
        }
        Engine.Nat first = translated.get(0);
        boolean everywhere = translated.size() == results.size()
                && translated.stream()
                        .allMatch(n -> n.assumptions().isEmpty()
                                && n.rule().equals(first.rule())
                                && n.packet().daddrs().equals(first.packet().daddrs())
                                && n.packet().dport() == first.packet().dport());
        String rule = shown.apply(first.rule());
        if (!everywhere) {
            return new NatTranslation(NatTranslation.Kind.PARTIAL, rule, null, 0, which(first, translated));
        }
        Packet p = first.packet();
        // a redirect keeps the address the packet was sent to (the arrival interface's, or loopback)
        InetAddress to =
                p.daddrs().size() == 1 && !first.redirect() ? p.daddrs().get(0) : null;
        return new NatTranslation(
                p.forward() ? NatTranslation.Kind.REMOTE : NatTranslation.Kind.LOCAL, rule, to, p.dport(), null);
    }

    /** Which clients the first translation holds for: its conditions, one address family, or its sources. */
    private static String which(Engine.Nat first, List<Engine.Nat> translated) {
        if (!first.assumptions().isEmpty()) {
            return FirewallCheck.conditions(first.assumptions());
        }
        AddressSet covered = translated.stream()
                .filter(n -> n.assumptions().isEmpty() && n.rule().equals(first.rule()))
                .map(Engine.Nat::region)
                .reduce(AddressSet.EMPTY, AddressSet::union);
        for (int f : new int[] {4, 6}) {
            AddressSet family = remote(f);
            if (covered.minus(family).isEmpty() && family.minus(covered).isEmpty()) {
                return "IPv" + f;
            }
        }
        return FirewallCheck.cidrs(covered);
    }

    /** Every source of one family but loopback. */
    private static AddressSet remote(int family) {
        return (family == 4 ? AddressSet.allV4() : AddressSet.allV6())
                .minus(AddressSet.parseCidr(family == 4 ? "127.0.0.0/8" : "::1/128"));
    }
}
