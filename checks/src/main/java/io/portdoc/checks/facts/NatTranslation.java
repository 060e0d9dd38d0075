package io.portdoc.checks.facts;

import io.portdoc.core.CheckContext;
import io.portdoc.core.net.Addresses;
import java.net.InetAddress;
import java.util.ServiceLoader;

/**
 * Where the host's nat rules send the client's first packet to the target port, computed once
 * per diagnosis from the rules the firewall step reads: nothing ({@link Kind#NONE}), a port of
 * this host ({@link Kind#LOCAL}: a redirect, or a DNAT to one of its addresses), another host
 * or a container ({@link Kind#REMOTE}); {@link Kind#RANGE} when a rule translates it to a
 * destination portdoc cannot know (an address or port range: the kernel picks one), {@link
 * Kind#PARTIAL} when a rule translates it only for some of the clients the diagnosis stands for
 * (no {@code --client}). Locally made packets are translated by
 * the nat {@code output} hook, packets from other hosts by {@code prerouting}: the client decides.
 *
 * @param kind    what the translation is
 * @param rule    the nat rule as the admin finds it again ("ip nat prerouting: tcp dport 8081
 *                redirect to :8080 (handle 4)"), null for {@link Kind#NONE}
 * @param address where the packet goes (null: the address it was sent to, for a redirect)
 * @param port    the port it goes to (the target port when the rule keeps it)
 * @param why     for {@link Kind#RANGE} the range, for {@link Kind#PARTIAL} which clients, else null
 */
public record NatTranslation(Kind kind, String rule, InetAddress address, int port, String why) {
    public enum Kind {
        NONE,
        LOCAL,
        REMOTE,
        RANGE,
        PARTIAL
    }

    public static final NatTranslation NONE = new NatTranslation(Kind.NONE, null, null, 0, null);

    /** Computes the translation from the firewall's rules (found through {@link ServiceLoader}). */
    public interface Source {
        NatTranslation translate(CheckContext context);
    }

    /** The translation for this diagnosis; {@link #NONE} when no firewall reader is installed. */
    public static NatTranslation of(CheckContext context) {
        return context.fact(
                NatTranslation.class,
                () -> ServiceLoader.load(Source.class, Source.class.getClassLoader())
                        .findFirst()
                        .map(s -> s.translate(context))
                        .orElse(NONE));
    }

    /** "10.0.0.2:80", "[fd00::2]:80", or ":8080" for a redirect. */
    public String destination() {
        if (address == null) {
            return ":" + port;
        }
        String a = Addresses.text(address);
        return (a.contains(":") ? "[" + a + "]" : a) + ":" + port;
    }
}
