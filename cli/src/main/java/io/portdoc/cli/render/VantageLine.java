package io.portdoc.cli.render;

import io.portdoc.core.Vantage;
import io.portdoc.core.net.Addresses;
import java.net.InetAddress;

/** The one sentence that says where a diagnosis over SSH looked from, for the text and markdown headers. */
final class VantageLine {
    private VantageLine() {}

    /** Null for a diagnosis of the host portdoc runs on. */
    static String of(Vantage v) {
        if (v == null) {
            return null;
        }
        StringBuilder s = new StringBuilder("over SSH (")
                .append(v.destination())
                .append("): daemon, config, listening and firewall read on the server, the probe ran on this client");
        if (v.routeSource() != null) {
            s.append(" (").append(text(v.routeSource())).append(')');
        }
        if (v.nat()) {
            s.append("; NAT: the server sees this client as ")
                    .append(text(v.seenByServer()))
                    .append(", and judges that address");
        }
        return s.toString();
    }

    private static String text(InetAddress a) {
        return Addresses.text(a);
    }
}
