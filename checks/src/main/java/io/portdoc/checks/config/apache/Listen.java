package io.portdoc.checks.config.apache;

/**
 * A {@code Listen [address:]port} (or CUPS {@code Port}). {@code address} is null for all
 * addresses, otherwise as written without brackets ({@code 127.0.0.1}, {@code ::1},
 * {@code localhost} for CUPS).
 */
public record Listen(String address, int port, Directive dir) {
    /** Parses {@code 80}, {@code 10.0.0.1:80}, {@code [::1]:80}, {@code *:80}; null when not an address:port. */
    public static Listen parse(String word, Directive dir) {
        String addr = null;
        String port = word;
        if (word.startsWith("[")) {
            int close = word.indexOf(']');
            if (close < 0 || close + 1 >= word.length() || word.charAt(close + 1) != ':') {
                return null;
            }
            addr = word.substring(1, close);
            port = word.substring(close + 2);
        } else if (word.indexOf(':') >= 0) {
            int colon = word.lastIndexOf(':');
            if (word.indexOf(':') != colon) {
                return null; // bare IPv6 without a port
            }
            addr = word.substring(0, colon);
            port = word.substring(colon + 1);
        }
        if (addr != null && (addr.equals("*") || addr.equals("0.0.0.0") || addr.equals("::") || addr.isEmpty())) {
            addr = "0.0.0.0".equals(addr) || "::".equals(addr) ? addr : null;
        }
        if (!port.matches("[0-9]{1,5}")) {
            return null;
        }
        int p = Integer.parseInt(port);
        if (p < 1 || p > 65535) {
            return null;
        }
        return new Listen(addr, p, dir);
    }

    /** Bound to every address of a family (or all). */
    public boolean wildcard() {
        return address == null || address.equals("0.0.0.0") || address.equals("::");
    }
}
