package io.portdoc.checks.config.sshd;

import io.portdoc.core.net.AddressSet;
import io.portdoc.core.net.Addresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenSSH's patterns (ssh_config(5) "PATTERNS", match.c): {@code *} and {@code ?} wildcards,
 * comma-separated lists where a {@code !}-negated entry that matches makes the whole list fail,
 * and address lists that also take {@code addr/masklen}.
 */
final class SshPatterns {
    /** List results as match.c returns them. */
    static final int MATCH = 1;

    static final int NONE = 0;
    static final int NEGATED = -1;
    static final int ERROR = -2;

    private SshPatterns() {}

    /** match_pattern(): the whole string against one pattern. */
    static boolean pattern(String s, String p) {
        return glob(s, 0, p, 0);
    }

    /** Wildcard match without recursion (linear backtracking to the last star), so hostile patterns stay cheap. */
    private static boolean glob(String s, int si, String p, int pi) {
        int star = -1;
        int mark = 0;
        while (si < s.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == s.charAt(si))) {
                si++;
                pi++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = si;
            } else if (star >= 0) {
                pi = star + 1;
                si = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }

    /** match_pattern_list(): {@link #MATCH}, {@link #NONE} or {@link #NEGATED}. */
    static int list(String s, String list, boolean lower) {
        String subject = lower ? s.toLowerCase(Locale.ROOT) : s;
        int result = NONE;
        for (String entry : list.split(",")) {
            boolean neg = entry.startsWith("!");
            String p = neg ? entry.substring(1) : entry;
            if (lower) {
                p = p.toLowerCase(Locale.ROOT);
            }
            if (pattern(subject, p)) {
                if (neg) {
                    return NEGATED;
                }
                result = MATCH;
            }
        }
        return result;
    }

    /** addr_match_list(): entries with a '/' are CIDR blocks (a bad one is {@link #ERROR}), others wildcards. */
    static int addresses(InetAddress addr, String list) {
        if (addr instanceof Inet4Address) {
            if (V4_LISTS.size() > 10_000) {
                V4_LISTS.clear();
            }
            return V4_LISTS.computeIfAbsent(list, V4List::compile).match(addr);
        }
        return slowAddresses(addr, list);
    }

    private static int slowAddresses(InetAddress addr, String list) {
        String text = Addresses.text(addr);
        int result = NONE;
        for (String entry : list.split(",")) {
            boolean neg = entry.startsWith("!");
            String p = neg ? entry.substring(1) : entry;
            boolean hit;
            if (p.contains("/")) {
                Optional<AddressSet> block = cidr(p);
                if (block.isEmpty()) {
                    return ERROR;
                }
                hit = block.get().contains(addr);
            } else {
                hit = pattern(text, p.toLowerCase(Locale.ROOT));
            }
            if (hit) {
                if (neg) {
                    return NEGATED;
                }
                result = MATCH;
            }
        }
        return result;
    }

    private static final Map<String, V4List> V4_LISTS = new ConcurrentHashMap<>();

    /**
     * An address list compiled for IPv4 clients: blocks as number intervals, so a Match line costs
     * a few comparisons per region and user; entries that are not plain blocks fall back to text.
     */
    /** The compiled form of an address list, for callers that test many IPv4 addresses against it. */
    static V4List compileV4(String list) {
        return V4List.compile(list);
    }

    /** An IPv4 address as an unsigned number. */
    static long v4(InetAddress addr) {
        byte[] b = addr.getAddress();
        return (b[0] & 0xffL) << 24 | (b[1] & 0xffL) << 16 | (b[2] & 0xffL) << 8 | (b[3] & 0xffL);
    }

    record V4List(long[] pos, long[] neg, boolean error, boolean text, String list) {
        static V4List compile(String list) {
            List<Long> pos = new ArrayList<>();
            List<Long> neg = new ArrayList<>();
            boolean error = false;
            boolean text = false;
            for (String entry : list.split(",")) {
                boolean n = entry.startsWith("!");
                String p = n ? entry.substring(1) : entry;
                Optional<AddressSet> set = p.contains("/") ? cidr(p) : asSet(p);
                if (set.isEmpty()) {
                    error |= p.contains("/");
                    text |= !p.contains("/");
                    continue;
                }
                for (String c : set.get().ipv4().toCidrs()) {
                    int slash = c.indexOf('/');
                    long lo = 0;
                    for (String o : c.substring(0, slash).split("\\.")) {
                        lo = lo << 8 | Long.parseLong(o);
                    }
                    long hi = lo + (1L << (32 - Integer.parseInt(c.substring(slash + 1)))) - 1;
                    (n ? neg : pos).add(lo);
                    (n ? neg : pos).add(hi);
                }
            }
            return new V4List(longs(pos), longs(neg), error, text, list);
        }

        private static long[] longs(List<Long> l) {
            long[] a = new long[l.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = l.get(i);
            }
            return a;
        }

        int match(InetAddress addr) {
            if (error) {
                return ERROR;
            }
            if (text) {
                return slowAddresses(addr, list);
            }
            return match(v4(addr), addr);
        }

        /** {@code addr} is only used when an entry needs the address text. */
        int match(long v, InetAddress addr) {
            if (error) {
                return ERROR;
            }
            if (text) {
                return slowAddresses(addr, list);
            }
            for (int i = 0; i < neg.length; i += 2) {
                if (neg[i] <= v && v <= neg[i + 1]) {
                    return NEGATED;
                }
            }
            for (int i = 0; i < pos.length; i += 2) {
                if (pos[i] <= v && v <= pos[i + 1]) {
                    return MATCH;
                }
            }
            return NONE;
        }
    }

    /** Parsed blocks by their text: Match lines are tested for every user and region. */
    private static final Map<String, Optional<AddressSet>> CIDRS = new ConcurrentHashMap<>();

    static Optional<AddressSet> cidr(String p) {
        if (CIDRS.size() > 10_000) {
            CIDRS.clear();
        }
        return CIDRS.computeIfAbsent(p, SshPatterns::parseCidr);
    }

    private static Optional<AddressSet> parseCidr(String p) {
        int slash = p.indexOf('/');
        try {
            String len = p.substring(slash + 1);
            if (!len.matches("\\d{1,3}")) {
                return Optional.empty();
            }
            return Optional.of(AddressSet.parseCidr(p));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * match_user(): a {@code USER@HOST} entry checks the user name and, separately, the host: the
     * host name (the address itself when UseDNS is off) as a pattern list, or the address in an
     * address list; a bare entry checks only the user name.
     */
    static boolean user(String user, String host, InetAddress addr, String entry) {
        int at = entry.indexOf('@');
        if (at < 0) {
            return pattern(user, entry);
        }
        if (!pattern(user, entry.substring(0, at))) {
            return false;
        }
        String hosts = entry.substring(at + 1);
        int byName = list(host, hosts, true);
        int byAddr = addresses(addr, hosts);
        if (byName == NEGATED || byAddr == NEGATED || byAddr == ERROR) {
            return false;
        }
        return byName == MATCH || byAddr == MATCH;
    }

    /**
     * The addresses an address pattern names, when that is a plain set: a CIDR block, a literal, or
     * an IPv4 pattern whose wildcards end it ({@code 10.0.0.*}, {@code 10.*}). Empty otherwise (a
     * host name, or wildcards in the middle), which the caller reports as not evaluated.
     */
    static Optional<AddressSet> asSet(String p) {
        if (p.contains("/")) {
            return cidr(p);
        }
        if (p.equals("*")) {
            return Optional.of(AddressSet.ALL);
        }
        if (p.matches("(\\d{1,3}\\.){3}\\d{1,3}") || p.contains(":") && p.matches("[0-9a-fA-F:.]+")) {
            try {
                return Optional.of(AddressSet.of(Addresses.literal(p)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        Matcher m = TRAILING_STAR.matcher(p);
        if (m.matches()) {
            String[] octets = m.group(1).split("\\.");
            StringBuilder base = new StringBuilder(m.group(1));
            for (int i = octets.length; i < 4; i++) {
                base.append(i == 3 ? "0" : "0.");
            }
            try {
                InetAddress a = Addresses.literal(base.toString());
                return a instanceof Inet4Address
                        ? Optional.of(AddressSet.prefix(a, 8 * octets.length))
                        : Optional.empty();
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static final Pattern TRAILING_STAR = Pattern.compile("((?:\\d{1,3}\\.){1,3})\\*");

    /** True when a host pattern can only match names (letters in it), never an address text. */
    static boolean nameOnly(String p) {
        return p.chars().anyMatch(c -> Character.isLetter(c)) && !p.contains(":");
    }
}
