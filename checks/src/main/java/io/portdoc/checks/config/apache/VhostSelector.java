package io.portdoc.checks.config.apache;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Which server answers a connection to a port (Apache's vhost address matching): a virtual host
 * whose address is that IP beats {@code *} / {@code _default_}; among equals the first in the
 * configuration is the default for clients that send no matching Host header. No matching
 * virtual host: the main server.
 */
public final class VhostSelector {
    /** The chosen server (null: the main server) and how many other virtual hosts share its address. */
    public record Choice(ApacheModel.Server server, int others) {}

    private VhostSelector() {}

    public static Choice select(List<ApacheModel.Server> vhosts, int port, InetAddress local) {
        ApacheModel.Server exact = null;
        ApacheModel.Server wild = null;
        int exactCount = 0;
        int wildCount = 0;
        for (ApacheModel.Server v : vhosts) {
            int best = 0;
            for (String a : v.addresses()) {
                best = Math.max(best, match(a, port, local));
            }
            if (best == 2) {
                exact = exact == null ? v : exact;
                exactCount++;
            } else if (best == 1) {
                wild = wild == null ? v : wild;
                wildCount++;
            }
        }
        if (exact != null) {
            return new Choice(exact, exactCount - 1);
        }
        return wild != null ? new Choice(wild, wildCount - 1) : new Choice(null, 0);
    }

    /** 2: this IP and port; 1: any address on this port; 0: no. */
    static int match(String spec, int port, InetAddress local) {
        String host = spec;
        String p = "*";
        if (spec.startsWith("[")) {
            int close = spec.indexOf(']');
            host = close > 0 ? spec.substring(1, close) : spec;
            p = close > 0 && spec.length() > close + 2 ? spec.substring(close + 2) : "*";
        } else if (spec.indexOf(':') == spec.lastIndexOf(':') && spec.indexOf(':') >= 0) {
            host = spec.substring(0, spec.indexOf(':'));
            p = spec.substring(spec.indexOf(':') + 1);
        }
        if (!p.equals("*") && !p.equals(String.valueOf(port))) {
            return 0;
        }
        if (host.equals("*") || host.equalsIgnoreCase("_default_")) {
            return 1;
        }
        if (local == null) {
            return 1; // an IP-based vhost for this port; we do not know which address the client uses
        }
        if (!IpPattern.looksLikeIp(host)) {
            return 1; // a name: Apache resolved it at startup; we do not look it up
        }
        try {
            return InetAddress.getByName(host).equals(local) ? 2 : 0; // a literal: no DNS query
        } catch (UnknownHostException e) {
            return 0;
        }
    }
}
