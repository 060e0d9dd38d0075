package io.portdoc.core.remote;

import io.portdoc.core.BadInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code [USER@]HOST[:PORT]} of {@code --ssh}: an IPv6 address with a port goes in brackets
 * ({@code [fd00::154]:2222}), a bare IPv6 address has no port. {@code user} and {@code port} are
 * null when not given, so that {@code ~/.ssh/config} decides them as it does for {@code ssh HOST}.
 */
public record SshAddress(String user, String host, Integer port) {
    /** Parses one destination; bad input (an option-like host, a port outside 1-65535) is a one-line error. */
    public static SshAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw bad(text, "empty destination");
        }
        String s = text.strip();
        for (char c : s.toCharArray()) {
            if (c <= ' ' || c == 127 || c == '\'' || c == '"' || c == '\\' || c == ',') {
                throw bad(text, "it contains a space, quote or control character");
            }
        }
        String user = null;
        int at = s.lastIndexOf('@');
        if (at >= 0) {
            user = s.substring(0, at);
            s = s.substring(at + 1);
            if (user.isEmpty() || user.startsWith("-")) {
                throw bad(text, "bad user name '" + user + "'");
            }
        }
        String host;
        String port = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw bad(text, "missing ']' after the IPv6 address");
            }
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw bad(text, "expected ':PORT' after ']'");
                }
                port = rest.substring(1);
            }
            if (!host.contains(":")) {
                throw bad(text, "brackets are for IPv6 addresses");
            }
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            port = s.substring(s.indexOf(':') + 1);
        } else {
            host = s; // a name, an IPv4 address or a bare IPv6 address (no port)
        }
        if (host.isEmpty() || host.startsWith("-") || !host.matches("[A-Za-z0-9._%:-]+")) {
            throw bad(text, "bad host '" + host + "'");
        }
        return new SshAddress(user, host, port == null ? null : port(text, port));
    }

    /** A comma list of destinations, in order, without duplicates. */
    public static List<SshAddress> parseList(List<String> items) {
        List<SshAddress> out = new ArrayList<>();
        for (String item : items) {
            for (String one : item.split(",", -1)) {
                SshAddress a = parse(one);
                if (!out.contains(a)) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    private static int port(String text, String port) {
        try {
            int p = Integer.parseInt(port);
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(text, "port '" + port + "' is not a number in 1-65535");
    }

    private static BadInputException bad(String text, String why) {
        return new BadInputException("--ssh '" + text + "': " + why + " (expected [USER@]HOST[:PORT])");
    }

    /** The destination arguments of {@code ssh}: options first, the host last. */
    public List<String> sshArgs() {
        List<String> out = new ArrayList<>();
        if (user != null) {
            out.add("-l");
            out.add(user);
        }
        if (port != null) {
            out.add("-p");
            out.add(port.toString());
        }
        out.add(host);
        return out;
    }

    /** As the user would write it: {@code root@boven:2222}, {@code [fd00::1]:22}. */
    @Override
    public String toString() {
        String h = host.contains(":") && port != null ? "[" + host + "]" : host;
        return (user == null ? "" : user + "@") + h + (port == null ? "" : ":" + port);
    }
}
