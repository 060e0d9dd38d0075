package io.portdoc.checks.config.wrappers;

import java.net.InetAddress;

/**
 * The client as libwrap sees it: its address, and its name from a double reverse lookup
 * ({@code name} null when it has none). {@code looked} false means no lookup was made (an
 * address standing for a whole range): name patterns then depend on DNS.
 */
public record Client(InetAddress addr, String name, boolean looked) {
    static Client unnamed(InetAddress addr) {
        return new Client(addr, null, false);
    }
}
