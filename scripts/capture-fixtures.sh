#!/usr/bin/env bash
# Recreates the recorded hosts under checks/src/test/resources/hosts/ from real listeners.
# Everything runs inside network namespaces this script creates (pdcap<pid>...) and deletes
# again, so nothing else on the machine is touched and no packet leaves the namespace.
# Needs root, gcc, iproute2, setpriv, a JDK; build first: ./mvnw -q -B -DskipTests package &&
# ./mvnw -q -B -pl checks test-compile.
# systemctl/journalctl output (commands/ in the "stopped" host) cannot be captured on a machine
# without systemd; that part of the fixture is written by hand and kept when re-capturing.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
HOSTS=$ROOT/checks/src/test/resources/hosts
CP=$ROOT/cli/target/portdoc.jar:$ROOT/checks/target/test-classes
WORK=$(mktemp -d /tmp/pdcap.XXXXXX)
chmod 755 "$WORK"
NSES=()
PIDS=()

cleanup() {
    # every process left in our namespaces is ours (forked workers included): end them by id
    for n in "${NSES[@]}"; do
        for p in $(ip netns pids "$n" 2>/dev/null); do kill "$p" 2>/dev/null || true; done
    done
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    for n in "${NSES[@]}"; do ip netns del "$n" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT

gcc -O2 -Wall -o "$WORK/listend" "$ROOT/scripts/listend.c"

# new_ns NAME: sets NS to a new namespace with lo up and a veth pair (both ends inside it;
# the dummy driver is not always there) holding the seed's server address
new_ns() {
    NS=pdcap$$$1
    ip netns add "$NS"
    NSES+=("$NS")
    ip -n "$NS" link set lo up
    ip -n "$NS" link add pd0 type veth peer name pd1
    ip -n "$NS" addr add 10.0.0.154/24 dev pd0
    ip -n "$NS" addr add 2001:db8::154/64 dev pd0 nodad
    ip -n "$NS" link set pd0 up
    ip -n "$NS" link set pd1 up
}

# daemon NS BINARY ARGV0 "LISTEN specs" [FORKS] [ARGS...]: listend under a daemon's name; sets LAST
daemon() {
    local ns=$1 bin=$2 argv0=$3 specs=$4 forks=${5:-0}
    shift 5 || shift $#
    mkdir -p "$WORK/$(dirname "$bin")"
    [ -e "$WORK$bin" ] || cp "$WORK/listend" "$WORK$bin" # one copy per name, shared by namespaces
    LISTEN="$specs" FORKS="$forks" ip netns exec "$ns" bash -c 'exec -a "$0" "$@"' "$argv0" "$WORK$bin" "$@" \
        >"$WORK/out.$$" &
    LAST=$!
    PIDS+=("$LAST")
}

settle() { sleep 0.5; }

capture() { # capture NS DIR HOSTNAME PID...
    local ns=$1 dir=$2 host=$3
    shift 3
    local tmp="$WORK/capture.$(basename "$dir")"
    mkdir -p "$tmp"
    ip netns exec "$ns" java -cp "$CP" io.portdoc.checks.testing.HostCapture "$tmp" "$host" "$@"
    keep_commands "$dir" "$tmp"
}

keep_commands() { # keep hand-written parts (commands/, NOTES) of an existing fixture
    local dir=$1 tmp=$2
    [ -d "$dir/commands" ] && cp -a -n "$dir/commands" "$tmp/" # a fresh capture (ss) wins
    [ -f "$dir/NOTES" ] && cp -a "$dir/NOTES" "$tmp/"
    rm -rf "$dir"
    mkdir -p "$(dirname "$dir")"
    cp -a "$tmp" "$dir"
}

# --- seed-boven: the seed article's `netstat -tlpn` (boven:~ #), minus 111/init (pid 1)
new_ns a
daemon "$NS" /usr/sbin/cupsd /usr/sbin/cupsd "4:0.0.0.0:631 6o:[::]:631" 0 -l; CUPSD=$LAST
daemon "$NS" /usr/lib/postfix/bin/master /usr/lib/postfix/bin/master "4:127.0.0.1:25 6o:[::1]:25" 0 -w; MASTER=$LAST
daemon "$NS" /usr/sbin/httpd2-prefork /usr/sbin/httpd2-prefork "6d:[::]:80" 2 -DSYSTEMD -DFOREGROUND -k start; HTTPD=$LAST
daemon "$NS" /usr/sbin/xinetd /usr/sbin/xinetd "4:0.0.0.0:873 4:0.0.0.0:21" 0 -stayalive -dontfork; XINETD=$LAST
daemon "$NS" /usr/sbin/mysqld /usr/sbin/mysqld "4:0.0.0.0:3306" 0 --defaults-file=/etc/my.cnf; MYSQLD=$LAST
daemon "$NS" /usr/sbin/rpc.mountd /usr/sbin/rpc.mountd "4:0.0.0.0:20048 6o:[::]:20048" 0; MOUNTD=$LAST
daemon "$NS" /usr/sbin/rpc.statd /usr/sbin/rpc.statd "4:0.0.0.0:50387 6o:[::]:36630" 0 --no-notify; STATD=$LAST
# nfsd and lockd: kernel sockets, no process holds them (not captured as a process either)
daemon "$NS" /usr/sbin/rpc.nfsd /usr/sbin/rpc.nfsd "x4:0.0.0.0:2049 x6o:[::]:2049 x4:0.0.0.0:34487 x6o:[::]:42807" 0
settle
# boven is recorded once, in examples/hosts/boven (the tests read it there too): refresh only what
# this capture makes (processes, /proc, services); its config, commands/ and connect.txt are kept
capture "$NS" "$WORK/seed-boven" boven "$CUPSD" "$MASTER" "$HTTPD" "$XINETD" "$MYSQLD" "$MOUNTD" "$STATD"
BOVEN=$ROOT/examples/hosts/boven
cp -a "$WORK/seed-boven/processes.json" "$BOVEN/"
cp -a "$WORK/seed-boven/fs/proc/." "$BOVEN/fs/proc/"
cp -a "$WORK/seed-boven/fs/etc/services" "$BOVEN/fs/etc/"

# --- other-program: sshd on 2222, nc (nc.openbsd behind /usr/bin/nc) on 2626, specific binds
new_ns b
daemon "$NS" /usr/sbin/sshd "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups" "4:0.0.0.0:2222 6o:[::]:2222" 0; SSHD=$LAST
ip netns exec "$NS" nc -l 2626 </dev/null >/dev/null & NC=$!; PIDS+=("$NC")
daemon "$NS" /usr/sbin/mysqld /usr/sbin/mysqld "4:10.0.0.154:3306" 0; MYSQLD=$LAST
daemon "$NS" /usr/lib/postgresql/15/bin/postgres /usr/lib/postgresql/15/bin/postgres "4:127.0.0.1:5432 6o:[2001:db8::154]:5432" 0 -D /var/lib/postgresql/15/main; PG=$LAST
ip netns exec "$NS" java "$ROOT/scripts/Listen.java" 127.0.0.2:8080 0.0.0.0:9090 >/dev/null & JAVA=$!; PIDS+=("$JAVA")
# an established connection (client side, and the server side waiting in mysqld's accept queue)
ip netns exec "$NS" nc -d 10.0.0.154 3306 </dev/null >/dev/null & PIDS+=("$!")
sleep 3 # the JDK compiles Listen.java first
capture "$NS" "$HOSTS/other-program" tiger "$SSHD" "$NC" "$MYSQLD" "$PG" "$JAVA"

# --- nonroot: captured as nobody; root's cupsd fds are unreadable, nobody's own app is not
new_ns c
daemon "$NS" /usr/sbin/cupsd /usr/sbin/cupsd "4:0.0.0.0:631 6o:[::]:631" 0 -l; CUPSD=$LAST
cp "$WORK/listend" "$WORK/myapp"
LISTEN="4:0.0.0.0:8000" ip netns exec "$NS" setpriv --reuid=65534 --regid=65534 --clear-groups "$WORK/myapp" >/dev/null & APP=$!; PIDS+=("$APP")
settle
tmp="$WORK/capture.nonroot"
mkdir -p "$tmp" && chown 65534:65534 "$tmp"
ip netns exec "$NS" setpriv --reuid=65534 --regid=65534 --clear-groups \
    java -cp "$CP" io.portdoc.checks.testing.HostCapture "$tmp" boven "$CUPSD" "$APP"
keep_commands "$HOSTS/nonroot" "$tmp"
chown -R root:root "$HOSTS/nonroot"

# --- v6only: net.ipv6.bindv6only=1 in the namespace, apache2 on [::]:80 only
new_ns d
ip netns exec "$NS" sysctl -q -w net.ipv6.bindv6only=1
daemon "$NS" /usr/sbin/apache2 /usr/sbin/apache2 "6:[::]:80" 1 -k start; APACHE=$LAST
settle
capture "$NS" "$HOSTS/v6only" debian "$APACHE"

# --- stopped: nothing listens; only cron runs (systemctl/journalctl output is hand-written)
new_ns e
daemon "$NS" /usr/sbin/cron /usr/sbin/cron "" 0 -f; CRON=$LAST
settle
capture "$NS" "$HOSTS/stopped" debian "$CRON"

echo "captured into $HOSTS"
