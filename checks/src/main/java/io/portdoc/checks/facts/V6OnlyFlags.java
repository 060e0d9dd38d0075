package io.portdoc.checks.facts;

import io.portdoc.core.host.CommandResult;
import io.portdoc.core.host.Programs;
import io.portdoc.core.host.SystemView;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IPV6_V6ONLY of the listening tcp6 sockets, by inode. /proc/net/tcp6 does not show it; the
 * kernel's inet_diag does (INET_DIAG_SKV6ONLY), and {@code ss -e} prints it as {@code v6only:0}
 * or {@code v6only:1} after the socket's {@code ino:N} (iproute2 misc/ss.c, inet_show_sock), so
 * portdoc runs {@link #ARGV} once and reads those two fields. No privilege is needed for TCP.
 * {@code unread} says why the flags could not be read (null: ss ran), {@code detail} what ss said
 * then; a socket without {@code v6only:} (ss falls back to /proc when sock_diag is not
 * available) has no flag either.
 */
public record V6OnlyFlags(Map<Long, Boolean> byInode, Unread unread, String detail) {
    /** Why no flag was read: message key suffixes. */
    public enum Unread {
        NOT_INSTALLED,
        TIMED_OUT,
        FAILED,
        /** ss ran but printed no v6only for the socket. */
        NOT_PRINTED;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The command, as typed: ss's TCP listeners with details, IPv6 only. */
    public static final List<String> ARGV = List.of("ss", "-tlne", "-6");

    /** No tcp6 socket on {@code ::}: nothing to ask. */
    public static final V6OnlyFlags NOT_NEEDED = new V6OnlyFlags(Map.of(), null, "");

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern INODE = Pattern.compile("(?:^|\\s)ino:(\\d+)(?=\\s|$)");
    private static final Pattern FLAG = Pattern.compile("(?:^|\\s)v6only:([01])(?=\\s|$)");

    public V6OnlyFlags {
        byInode = Map.copyOf(byInode);
    }

    /** Runs {@link #ARGV} by absolute path (never through PATH) and reads the flags. */
    public static V6OnlyFlags read(SystemView system) {
        CommandResult r = Programs.run(system, ARGV, TIMEOUT);
        if (r.notFound()) {
            return new V6OnlyFlags(Map.of(), Unread.NOT_INSTALLED, "");
        }
        if (r.timedOut()) {
            return new V6OnlyFlags(Map.of(), Unread.TIMED_OUT, Long.toString(TIMEOUT.toSeconds()));
        }
        if (!r.ok()) {
            String err = r.stderr().strip().lines().findFirst().orElse("exit " + r.exitCode());
            return new V6OnlyFlags(Map.of(), Unread.FAILED, err);
        }
        return new V6OnlyFlags(parse(r.stdout()), null, "");
    }

    /** The {@code ino:N ... v6only:F} pairs of ss's lines; lines without both are skipped. */
    static Map<Long, Boolean> parse(String ssOutput) {
        Map<Long, Boolean> out = new HashMap<>();
        for (String line : ssOutput.split("\n")) {
            Matcher ino = INODE.matcher(line);
            Matcher flag = FLAG.matcher(line);
            if (ino.find() && flag.find()) {
                try {
                    out.put(Long.parseLong(ino.group(1)), flag.group(1).equals("1"));
                } catch (NumberFormatException e) {
                    // an inode beyond long: not a socket of this kernel
                }
            }
        }
        return out;
    }

    /** The socket's flag; empty when it could not be read. */
    public Optional<Boolean> of(TcpSocket s) {
        return Optional.ofNullable(byInode.get(s.inode()));
    }

    /** Why {@code s} has no flag (null when it has one). */
    public Unread whyUnknown(TcpSocket s) {
        return byInode.containsKey(s.inode()) ? null : unread != null ? unread : Unread.NOT_PRINTED;
    }

    /** The command as typed, for evidence. */
    public static String command() {
        return String.join(" ", ARGV);
    }
}
