package io.portdoc.core.remote;

/**
 * The fixed shell scripts portdoc runs on the server: POSIX {@code sh} with coreutils, findutils
 * and procfs, nothing installed. Every variable part is a positional argument, quoted by
 * {@link ShellQuote}; sections of the output are framed by a random nonce ({@code $1}) that no
 * file content can forge.
 */
final class Scripts {
    private Scripts() {}

    /**
     * Who and where: the SSH connection as the server sees it, the user, whether {@code sudo -n}
     * works ({@code $2} is {@code sudo}), the hostname, the interface addresses and the names in
     * the program directories (so that looking up nft or ss costs no round trip); then, framed as
     * {@link #SNAPSHOT}, {@link #DESCRIBE} and {@link #PRELOAD} (given as {@code $3} to {@code $5}),
     * the process snapshot, the configuration trees after {@code --} and the commands of {@code $6}:
     * a diagnosis starts with one round trip.
     */
    static final String HELLO = """
            N=$1; as=$2
            printf '@%s conn\\n%s\\n' "$N" "${SSH_CONNECTION:-}"
            printf '@%s id\\n%s\\n%s\\n' "$N" "$(id -u)" "$(id -un)"
            if [ "$2" = sudo ]; then
              if e=$(sudo -n sh -c 'id -u; id -un' 2>&1); then printf '@%s sudo\\nok\\n%s\\n' "$N" "$e"
              else printf '@%s sudo\\nfail\\n%s\\n' "$N" "$e"; fi
            fi
            printf '@%s hostname\\n' "$N"; cat /proc/sys/kernel/hostname 2>/dev/null || uname -n
            printf '@%s addr\\n' "$N"
            for ip in /usr/sbin/ip /sbin/ip /usr/bin/ip /bin/ip; do
              if [ -x "$ip" ]; then LC_ALL=C "$ip" -o addr show 2>/dev/null; break; fi
            done
            snap=$3; describe=$4; preload=$5; pre=$6; shift 6
            while [ "$#" -gt 0 ] && [ "$1" != -- ]; do
              printf '@%s bin %s\\n' "$N" "$1"; ls -1p "$1" 2>/dev/null; shift
            done
            shift
            printf '@%s snapshot\\n' "$N"
            if [ "$as" = sudo ]; then sudo -n sh -c "$snap" sh "$N"; else sh -c "$snap" sh "$N"; fi
            if [ "$#" -gt 0 ]; then
              if [ "$as" = sudo ]; then sudo -n sh -c "$describe" sh "$N" tree 1048576 "$@"
              else sh -c "$describe" sh "$N" tree 1048576 "$@"; fi
            fi
            # @client: the address this connection comes from (what the firewall step asks the route to);
            # only address characters reach sed, and without one those commands are left out
            c=${SSH_CONNECTION%% *}
            case $c in
              ''|*[!0-9a-fA-F:.]*) pre=$(printf '%s\n' "$pre" | grep -v @client) ;;
              *) pre=$(printf '%s\n' "$pre" | sed "s/@client/$c/") ;;
            esac
            if [ -n "$pre" ]; then
              if [ "$as" = sudo ]; then sudo -n sh -c "$preload" sh "$N" "$pre"; else sh -c "$preload" sh "$N" "$pre"; fi
            fi
            """;

    /**
     * Runs the read-only commands nearly every diagnosis needs ({@code $2}: one a line, fixed words
     * chosen by portdoc, the program found in the program directories as
     * {@code SystemView.program} does), each under timeout, framed: "cmd" and the absolute command
     * line, stdout, "rc" and the exit code, "err" and stderr.
     */
    static final String PRELOAD = """
            N=$1
            tmp=$(mktemp) || exit 0
            cd / || exit 0
            printf '%s\\n' "$2" | while IFS= read -r c; do
              p=${c%% *}; a=${c#"$p"}; path=
              for d in /usr/local/sbin /usr/local/bin /usr/sbin /usr/bin /sbin /bin; do
                if [ -x "$d/$p" ] && [ ! -d "$d/$p" ]; then path=$d/$p; break; fi
              done
              [ -n "$path" ] || continue
              printf '\\000%s\\000cmd\\000%s%s\\000' "$N" "$path" "$a"
              LC_ALL=C timeout -k 2 10 $path $a 2>"$tmp" </dev/null
              rc=$?
              printf '\\000%s\\000rc\\000%s\\000' "$N" "$rc"
              printf '\\000%s\\000err\\000' "$N"; cat "$tmp"
            done
            rm -f "$tmp"
            """;

    /**
     * Every process in one go: {@code /proc/PID/stat}, owner, exe and network namespace links,
     * socket links of every fd, command lines; the socket tables and the sysctls the listening
     * step reads; {@code /etc/passwd} for user names and the clock tick for start times.
     */
    static final String SNAPSHOT = """
            N=$1
            sec() { printf '\\000%s\\000%s\\000' "$N" "$1"; }
            cd /proc || exit 1
            sec stat; cat [0-9]*/stat 2>/dev/null
            sec uid; stat -c '%u %n' [0-9]* 2>/dev/null
            sec links; QUOTING_STYLE=literal LC_ALL=C ls -ld [0-9]*/exe [0-9]*/ns/net 2>/dev/null
            sec fds; QUOTING_STYLE=literal LC_ALL=C ls -l [0-9]*/fd 2>/dev/null
            for p in [0-9]*; do sec "cmdline $p"; cat "$p/cmdline" 2>/dev/null; done
            for f in net/tcp net/tcp6 sys/net/ipv4/ip_local_port_range sys/net/ipv6/bindv6only; do
              if [ -r "$f" ]; then sec "file /proc/$f"; cat "$f" 2>/dev/null; fi
            done
            sec btime; while read -r k v; do if [ "$k" = btime ]; then echo "$v"; fi; done < stat
            sec tck; getconf CLK_TCK 2>/dev/null || echo 100
            sec passwd; cat /etc/passwd 2>/dev/null
            """;

    /**
     * Describes paths ({@code $4...}): with {@code $2 = tree} everything below each (symbolic links
     * followed, loops stopped by find), else each path and its direct entries. Per entry its type,
     * size and name; then the content of the regular files under {@code $3} bytes, or "denied"
     * when not readable, and unreadable directories.
     */
    static final String DESCRIBE = """
            N=$1; mode=$2; max=$3; shift 3
            if [ "$mode" = tree ]; then d=; c=; else d='-maxdepth 1'; c='-maxdepth 0'; fi
            for r in "$@"; do
              printf '\\000%s\\000root\\000%s\\000' "$N" "$r"
              find -L "$r" $d -exec stat -L --printf "\\\\000$N\\\\000e\\\\000%F\\\\000%s\\\\000%n\\\\000" {} + 2>/dev/null
              find -L "$r" $c -type f -size -"$max"c -exec sh -c '
                N=$1; shift
                for f do
                  if [ -r "$f" ]; then printf "\\000%s\\000data\\000%s\\000" "$N" "$f"; cat -- "$f" 2>/dev/null
                  else printf "\\000%s\\000denied\\000%s\\000" "$N" "$f"; fi
                done' sh "$N" {} + 2>/dev/null
              find -L "$r" $c -type d -exec sh -c '
                N=$1; shift
                for f do
                  if [ ! -r "$f" ] || [ ! -x "$f" ]; then printf "\\000%s\\000denied\\000%s\\000" "$N" "$f"; fi
                done' sh "$N" {} + 2>/dev/null
            done
            """;

    /** A symbolic link's target ({@code $2}): "L" and the target, "N" for no link, "M" for missing. */
    static final String READLINK = """
            if [ -L "$1" ]; then printf L; readlink -- "$1"; elif [ -e "$1" ]; then printf N; else printf M; fi
            """;

    /** Runs argv ({@code $2...}) under coreutils' timeout ({@code $1} seconds), from /, untranslated. */
    static final String RUN = """
            t=$1; shift
            cd / || exit 1
            LC_ALL=C; export LC_ALL
            exec timeout -k 2 "$t" "$@"
            """;

    /** The system resolver, as the server's daemons use it: {@code getent ahosts} / {@code getent hosts}. */
    static final String GETENT = """
            exec getent "$1" "$2"
            """;
}
