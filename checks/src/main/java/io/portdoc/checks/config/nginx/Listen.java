package io.portdoc.checks.config.nginx;

import io.portdoc.core.net.Addresses;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;

/**
 * One {@code listen} line as nginx reads it ({@code ngx_parse_url} and the listen handlers):
 * {@code 80}, {@code *:80}, {@code 10.0.0.1}, {@code 10.0.0.1:8080}, {@code [::]:80},
 * {@code unix:/run/x.sock}; a missing port is 80 in http and an error in stream. {@code address}
 * null is the wildcard of its family; {@code [::]} listens on IPv6 only unless {@code ipv6only=off}.
 */
public record Listen(
        Directive dir,
        InetAddress address,
        boolean ipv6,
        int port,
        boolean ipv6only,
        boolean defaultServer,
        boolean unix,
        boolean udp) {

    /** Thrown with nginx's words for a listen line nginx refuses. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** The implicit {@code listen *:80} of an http server without one (nginx runs as root). */
    static Listen implicit(Directive server) {
        return new Listen(server, null, false, 80, true, false, false, false);
    }

    static Listen parse(Directive d, boolean stream) throws Invalid {
        if (d.args().isEmpty()) {
            throw new Invalid("invalid number of arguments in \"listen\" directive");
        }
        String url = d.arg(0);
        boolean v6only = true;
        boolean def = false;
        boolean udp = false;
        for (String p : d.args().subList(1, d.args().size())) {
            String l = p.toLowerCase(Locale.ROOT);
            if (l.equals("default_server") || l.equals("default")) {
                def = true;
            } else if (l.equals("ipv6only=on")) {
                v6only = true;
            } else if (l.equals("ipv6only=off")) {
                v6only = false;
            } else if (l.equals("udp") && stream) {
                udp = true;
            } else if (!knownParameter(l)) {
                throw new Invalid("invalid parameter \"" + p + "\"");
            }
        }
        if (url.startsWith("unix:")) {
            return new Listen(d, null, false, 0, v6only, def, true, udp);
        }
        String host;
        String port;
        if (url.startsWith("[")) {
            int close = url.indexOf(']');
            if (close < 0) {
                throw new Invalid("invalid host in \"" + url + "\" of the \"listen\" directive");
            }
            host = url.substring(1, close);
            String rest = url.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw new Invalid("invalid host in \"" + url + "\" of the \"listen\" directive");
            }
            port = rest.isEmpty() ? null : rest.substring(1);
        } else {
            int colon = url.lastIndexOf(':');
            if (colon >= 0) {
                host = url.substring(0, colon);
                port = url.substring(colon + 1);
            } else if (url.chars().allMatch(Character::isDigit)) {
                host = "*";
                port = url;
            } else {
                host = url;
                port = null;
            }
        }
        int n;
        if (port == null) {
            if (stream) {
                throw new Invalid("no port in \"" + url + "\" of the \"listen\" directive");
            }
            n = 80;
        } else {
            n = port.isEmpty() || !port.chars().allMatch(Character::isDigit) || port.length() > 5
                    ? -1
                    : Integer.parseInt(port);
            if (n < 1 || n > 65535) {
                throw new Invalid("invalid port in \"" + url + "\" of the \"listen\" directive");
            }
        }
        InetAddress a = address(host, url);
        boolean v6 = a instanceof Inet6Address;
        if (a != null && (v6 ? isZero(a) : a.isAnyLocalAddress())) {
            a = null;
        }
        return new Listen(d, a, v6, n, v6only, def, false, udp);
    }

    private static InetAddress address(String host, String url) throws Invalid {
        if (host.equals("*") || host.isEmpty()) {
            return null;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return InetAddress.getLoopbackAddress();
        }
        try {
            return Addresses.literal(host);
        } catch (IllegalArgumentException e) {
            throw new Invalid("host not found in \"" + url + "\" of the \"listen\" directive");
        }
    }

    private static boolean isZero(InetAddress a) {
        for (byte b : a.getAddress()) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean knownParameter(String p) {
        return p.equals("ssl")
                || p.equals("http2")
                || p.equals("quic")
                || p.equals("spdy")
                || p.equals("proxy_protocol")
                || p.equals("bind")
                || p.equals("deferred")
                || p.equals("reuseport")
                || p.startsWith("backlog=")
                || p.startsWith("rcvbuf=")
                || p.startsWith("sndbuf=")
                || p.startsWith("setfib=")
                || p.startsWith("fastopen=")
                || p.startsWith("accept_filter=")
                || p.startsWith("so_keepalive=");
    }

    /** Whether a client of this family reaches this socket: {@code [::]} takes IPv4 only with ipv6only=off. */
    public boolean accepts(InetAddress client) {
        if (unix) {
            return false;
        }
        boolean v4client = !(Addresses.unmap(client) instanceof Inet6Address);
        return ipv6 ? !v4client || (address == null && !ipv6only) : v4client;
    }

    public boolean wildcard() {
        return address == null && !unix;
    }

    /** The socket's address:port as nginx names it ({@code 0.0.0.0:80}, {@code [::]:80}). */
    public String socket() {
        if (unix) {
            return dir.arg(0);
        }
        String a = address == null
                ? (ipv6 ? "[::]" : "0.0.0.0")
                : ipv6 ? "[" + Addresses.text(address) + "]" : address.getHostAddress();
        return a + ":" + port;
    }
}
