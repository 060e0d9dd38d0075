#!/usr/bin/env bash
# Cold start of 'portdoc diagnose --service sshd --port 22 --no-probe' through the installed launcher
# (dist/src/main/launcher/portdoc with this build's jar and its start-up archive) against the anchor
# (bench/anchor: picocli + jackson-databind listing processes, plain 'java -jar'), paired in one
# hyperfine run per runtime so both sides see the same load. Usage: bench/startup.sh [JAVA_HOME...]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
jar="$here/cli/target/portdoc.jar"
anchor="$here/bench/anchor/target/anchor.jar"
[ -f "$jar" ] || (cd "$here" && ./mvnw -q -B -DskipTests -pl cli -am package)
[ -f "$anchor" ] || (cd "$here" && ./mvnw -q -B -f bench/anchor/pom.xml package)
homes=("$@")
[ ${#homes[@]} -gt 0 ] || homes=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
for home in "${homes[@]}"; do
  export PORTDOC_JAVA="$home/bin/java" PORTDOC_JAR="$jar" PORTDOC_CACHE_DIR="$cache/$(basename "$home")"
  "$here/dist/src/main/launcher/portdoc" --version >/dev/null # makes the start-up archive
  echo "== $("$home/bin/java" -version 2>&1 | head -1)"
  hyperfine -N --warmup 3 -r "${RUNS:-30}" -i \
    "$here/dist/src/main/launcher/portdoc diagnose --service sshd --port 22 --no-probe" \
    "$home/bin/java -jar $anchor --port 22"
done
