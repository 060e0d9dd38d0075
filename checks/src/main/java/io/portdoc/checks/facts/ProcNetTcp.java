package io.portdoc.checks.facts;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parser for {@code /proc/net/tcp} and {@code /proc/net/tcp6} (net/ipv4/tcp_ipv4.c
 * {@code get_tcp4_sock}, net/ipv6/tcp_ipv6.c {@code get_tcp6_sock}):
 * <pre>
 *   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
 *    0: 0100007F:0019 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 23406 ...
 * </pre>
 * Addresses are printed as 32-bit words in host byte order (little-endian on x86, arm64 and
 * riscv; big-endian hosts such as s390x are not supported), the port as plain hex. A host with
 * tens of thousands of connections has a table of several megabytes, so the parser walks the
 * characters itself: no regex, no split, no substring per line, and it only builds an
 * {@link InetAddress} for the lines it keeps.
 */
public final class ProcNetTcp {
    private ProcNetTcp() {}

    /** The sockets in LISTEN state. */
    public static List<TcpSocket> listening(String table, Family family) {
        List<TcpSocket> out = new ArrayList<>();
        parse(table, family, true, out);
        return out;
    }

    /** Every socket, whatever its state. */
    public static List<TcpSocket> all(String table, Family family) {
        List<TcpSocket> out = new ArrayList<>();
        parse(table, family, false, out);
        return out;
    }

    /**
     * Appends the sockets of {@code table} to {@code out}; lines that do not parse (a
     * truncated read) are skipped. Returns how many data lines were seen.
     */
    public static int parse(String table, Family family, boolean listenOnly, List<TcpSocket> out) {
        int n = table.length();
        int pos = table.indexOf('\n');
        if (pos < 0) {
            return 0; // header only, or empty
        }
        pos++;
        int lines = 0;
        int addrLen = family == Family.IPV4 ? 8 : 32;
        while (pos < n) {
            int eol = table.indexOf('\n', pos);
            if (eol < 0) {
                eol = n;
            }
            if (eol > pos) {
                lines++;
                TcpSocket s = parseLine(table, pos, eol, family, addrLen, listenOnly);
                if (s != null) {
                    out.add(s);
                }
            }
            pos = eol + 1;
        }
        return lines;
    }

    private static TcpSocket parseLine(String s, int from, int to, Family family, int addrLen, boolean listenOnly) {
        int i = skipSpaces(s, from, to);
        i = skipToken(s, i, to); // "sl:"
        int local = skipSpaces(s, i, to);
        i = skipToken(s, local, to);
        int remote = skipSpaces(s, i, to);
        i = skipToken(s, remote, to);
        int st = skipSpaces(s, i, to);
        if (st + 2 > to) {
            return null;
        }
        int state = hex(s, st, st + 2);
        if (state < 0 || listenOnly && state != TcpSocket.LISTEN) {
            return null;
        }
        if (local + addrLen + 5 > to || s.charAt(local + addrLen) != ':') {
            return null;
        }
        int port = hex(s, local + addrLen + 1, local + addrLen + 5);
        if (port < 0) {
            return null;
        }
        i = st;
        for (int field = 3; field < 7; field++) { // st, tx:rx, tr:when, retrnsmt
            i = skipSpaces(s, skipToken(s, i, to), to);
        }
        int uidStart = i;
        i = skipToken(s, i, to);
        long uid = decimal(s, uidStart, i);
        i = skipSpaces(s, skipToken(s, skipSpaces(s, i, to), to), to); // timeout
        int inodeStart = i;
        long inode = decimal(s, inodeStart, skipToken(s, i, to));
        if (uid < 0 || inode < 0) {
            return null;
        }
        byte[] bytes = new byte[addrLen / 2];
        for (int w = 0; w < addrLen / 8; w++) {
            long word = hexLong(s, local + 8 * w, local + 8 * w + 8);
            if (word < 0) {
                return null;
            }
            for (int b = 0; b < 4; b++) { // host (little-endian) order: lowest byte first on the wire
                bytes[4 * w + b] = (byte) (word >>> (8 * b));
            }
        }
        InetAddress address;
        try {
            address = InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null; // cannot happen for 4 or 16 bytes
        }
        return new TcpSocket(family, address, port, state, (int) uid, inode);
    }

    private static int skipSpaces(String s, int i, int to) {
        while (i < to && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static int skipToken(String s, int i, int to) {
        while (i < to && s.charAt(i) != ' ') {
            i++;
        }
        return i;
    }

    private static int hex(String s, int from, int to) {
        long v = hexLong(s, from, to);
        return v < 0 ? -1 : (int) v;
    }

    /** Hex digits to a value, or -1 when there is a non-hex character or nothing. */
    private static long hexLong(String s, int from, int to) {
        if (from >= to || to > s.length()) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            int d;
            if (c >= '0' && c <= '9') {
                d = c - '0';
            } else if (c >= 'A' && c <= 'F') {
                d = c - 'A' + 10;
            } else if (c >= 'a' && c <= 'f') {
                d = c - 'a' + 10;
            } else {
                return -1;
            }
            v = (v << 4) | d;
        }
        return v;
    }

    private static long decimal(String s, int from, int to) {
        if (from >= to) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
