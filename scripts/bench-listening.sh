#!/usr/bin/env bash
# Benchmarks the listening step and `portdoc listening` against ss on 50,000 real TCP sockets:
# 10,000 listeners on 127.0.0.1 plus 20,000 loopback connections (40,000 sockets) in 4 processes, all inside a
# network namespace this script creates and deletes (nothing leaves it). Needs root, python3,
# hyperfine; build first: ./mvnw -q -B -DskipTests package && ./mvnw -q -B -pl checks test-compile
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CP=$ROOT/cli/target/portdoc.jar:$ROOT/checks/target/test-classes
NS=pdbench$$
HOLDERS=()
cleanup() {
    for p in "${HOLDERS[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in $(ip netns pids "$NS" 2>/dev/null); do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    ip netns del "$NS" 2>/dev/null || true
}
trap cleanup EXIT
ip netns add "$NS"
ip -n "$NS" link set lo up
# the hard limit on open files may be 20,000 even for root (no CAP_SYS_RESOURCE): 4 holders
HOLDERS=()
READY=$(mktemp -d)
for k in 0 1 2 3; do
    ip netns exec "$NS" python3 -c '
import socket, sys, time
k = int(sys.argv[2]); keep = []
for port in range(10000 + 2500 * k, 12500 + 2500 * k):
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port)); s.listen(16); keep.append(s)
srv = socket.socket(); srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", 30000 + k)); srv.listen(4096); keep.append(srv)
for i in range(5000):
    c = socket.create_connection(("127.0.0.1", 30000 + k)); a, _ = srv.accept(); keep += [c, a]
open(sys.argv[1] + "/" + str(k), "w").write("ready\n")
time.sleep(3600)
' "$READY" "$k" &
    HOLDERS+=("$!")
done
for _ in $(seq 240); do [ "$(ls "$READY" | wc -l)" = 4 ] && break; sleep 0.5; done
rm -rf "$READY"
echo "sockets in $NS: $(ip netns exec "$NS" ss -tanH | wc -l)"
X="ip netns exec $NS"
# the step as in a diagnosis (the daemon step found the holder of 15000 first), then blind
$X java -cp "$CP" io.portdoc.checks.bench.ListeningBench real 15000 "${HOLDERS[2]}"
$X java -cp "$CP" io.portdoc.checks.bench.ListeningBench real 15000
hyperfine -N --warmup 1 --runs 5 --export-markdown "${BENCH_MD:-/dev/null}" \
    "$X ss -tanp" \
    "$X ss -tlnp" \
    "$X java -jar $ROOT/cli/target/portdoc.jar listening --port 15000" \
    "$X java -jar $ROOT/cli/target/portdoc.jar listening" \
    "$X java -jar $ROOT/cli/target/portdoc.jar --version"
