#!/usr/bin/env bash
# 'diagnose --ssh' against its budget: local 'diagnose' on the server plus 4 times 'ssh HOST true'.
# Two network namespaces made here (server 10.77.0.1 running a real sshd with keys made here,
# client 10.77.0.2), one paired hyperfine run of the three commands, everything removed at exit.
# Also 'capture' of the same service on the server, with the bundle's size. As root.
# Usage: bench/ssh-speed.sh   (RUNS=10 by default; SERVICE/PORT: sshd 22; RULES=N: N nft rules on the
# server; TRACE=1: one traced run). The capture target: SERVICE=apache2 PORT=80 RULES=1000 (Debian's stock
# /etc/apache2 on this machine, every process of the host visible).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
jar="$here/cli/target/portdoc.jar"
[ -f "$jar" ] || (cd "$here" && ./mvnw -q -B -DskipTests -pl cli -am package)
service=${SERVICE:-sshd} port=${PORT:-22}
srv="pdbs$$s" cli="pdbs$$c"
dir=$(mktemp -d)
cleanup() {
  [ -f "$dir/sshd.pid" ] && kill "$(cat "$dir/sshd.pid")" 2>/dev/null || true
  ip netns del "$srv" 2>/dev/null || true
  ip netns del "$cli" 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
ip netns add "$srv"; ip netns add "$cli"
ip link add "${srv}v" netns "$srv" type veth peer name "${cli}v" netns "$cli"
ip -n "$srv" addr add 10.77.0.1/24 dev "${srv}v"; ip -n "$cli" addr add 10.77.0.2/24 dev "${cli}v"
for ns in "$srv" "$cli"; do ip -n "$ns" link set lo up; done
ip -n "$srv" link set "${srv}v" up; ip -n "$cli" link set "${cli}v" up
ssh-keygen -q -t ed25519 -N '' -f "$dir/host_key"; ssh-keygen -q -t ed25519 -N '' -f "$dir/client_key"
cp "$dir/client_key.pub" "$dir/authorized_keys"
cat > "$dir/sshd_config" <<CONF
Port 22
HostKey $dir/host_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/authorized_keys
StrictModes no
UsePAM no
PasswordAuthentication no
PermitRootLogin prohibit-password
CONF
echo "10.77.0.1 $(cat "$dir/host_key.pub")" > "$dir/known_hosts"
cat > "$dir/ssh_config" <<CONF
Host *
  User root
  IdentityFile $dir/client_key
  IdentitiesOnly yes
  UserKnownHostsFile $dir/known_hosts
  BatchMode yes
CONF
if [ "${RULES:-0}" -gt 0 ]; then # a firewall of RULES rules in the server namespace (one accept per client /32)
  { printf 'table inet pdbench {\n chain input {\n  type filter hook input priority 0; policy accept;\n'
    for i in $(seq "$RULES"); do echo "  ip saddr 10.$((i / 250 % 250)).$((i % 250)).1 tcp dport $port accept"; done
    printf ' }\n}\n'; } > "$dir/rules.nft"
  ip netns exec "$srv" nft -f "$dir/rules.nft"
fi
mkdir -p /run/sshd
ip netns exec "$srv" /usr/sbin/sshd -f "$dir/sshd_config"
for _ in $(seq 50); do ip netns exec "$cli" ssh -F "$dir/ssh_config" 10.77.0.1 true 2>/dev/null && break; sleep 0.1; done
run() { echo "env PORTDOC_JAR=$jar PORTDOC_CACHE_DIR=$here/cli/target $here/dist/src/main/launcher/portdoc $*"; }
if [ -n "${TRACE:-}" ]; then # one diagnosis over SSH with its round trips on stderr
  ip netns exec "$cli" env JAVA_TOOL_OPTIONS=-Dportdoc.ssh.trace=true $(run diagnose --ssh 10.77.0.1 \
    --ssh-option=-F --ssh-option="$dir/ssh_config" --service "$service" --port "$port") >/dev/null || true
  exit 0
fi
hyperfine -N --warmup 2 -r "${RUNS:-10}" -i \
  -n local "ip netns exec $srv $(run diagnose --service "$service" --port "$port")" \
  -n ssh "ip netns exec $cli $(run diagnose --ssh 10.77.0.1 --ssh-option=-F --ssh-option=$dir/ssh_config --service "$service" --port "$port")" \
  -n ssh-true "ip netns exec $cli ssh -F $dir/ssh_config 10.77.0.1 true" \
  -n capture "ip netns exec $srv $(run capture --service "$service" --port "$port" -o "$dir/b.tar.gz")"
ls -l "$dir/b.tar.gz" | awk '{print "bundle bytes:", $5}'
