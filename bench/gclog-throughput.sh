#!/usr/bin/env bash
# Parse + verdict throughput on a large GC log: leakhound vs GCViewer 1.36 vs GCToolKit 3.0.4, same file,
# one JVM per tool, wall time and peak RSS from /usr/bin/time. Appends a table to bench/RESULTS.md.
#
# usage: bench/gclog-throughput.sh [SIZE_MIB (default 512)] [SEED_LOG]
#   SEED_LOG: a real unified-logging GC log with uptime decorations ([1.234s]), plain or .gz, repeated to
#   SIZE_MIB (default: a JDK 17 G1 -Xlog:gc* log).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
size=${1:-512}
seed=${2:-$root/bench/seed/g1-gcstar-jdk17.log.gz}
work=$root/bench/target
mkdir -p "$work"

mvn -q -B -f "$root/pom.xml" -Pbench -pl bench -am package -DskipTests
cp="$root/bench/target/leakhound-bench-0.1.0-SNAPSHOT.jar:$(cat "$root/bench/target/classpath.txt")"

name=$(basename "$seed" .gz)
plain_seed=$work/seed-$name
case "$seed" in *.gz) gunzip -c "$seed" > "$plain_seed" ;; *) cp "$seed" "$plain_seed" ;; esac
big=$work/big-$name
if [ ! -f "$big" ] || [ "$(( $(stat -c %s "$big") / 1048576 ))" -lt "$size" ]; then
  java -cp "$cp" io.leakhound.bench.BigGcLog "$plain_seed" "$size" "$big"
fi
mib=$(( $(stat -c %s "$big") / 1048576 ))

run() { # name heap main
  local name=$1 heap=$2 main=$3 out
  cat "$big" > /dev/null   # same page-cache state for every tool
  out=$( { /usr/bin/time -f 'TIME %e %M' java "-Xmx$heap" -cp "$cp" "$main" "$big" 2>&1 1>&3 | grep '^TIME' ; } 3>&1 )
  local result time rss
  result=$(echo "$out" | grep '^RESULT' || echo "RESULT tool=$name failed")
  time=$(echo "$out" | awk '/^TIME/ {print $2}')
  rss=$(echo "$out" | awk '/^TIME/ {printf "%.0f", $3/1024}')
  echo "| $name | -Xmx$heap | $time | $(awk -v m="$mib" -v t="$time" 'BEGIN {printf "%.1f", m/t}') | $rss | ${result#RESULT } |"
}

{
  echo
  echo "### GC log parse + verdict, ${mib} MiB log grown from \`$name\` — $(date -u +%Y-%m-%d) ($(nproc) cores)"
  echo
  echo "Command: \`bench/gclog-throughput.sh $*\` (seed: \`${seed#$root/}\` repeated with shifted uptimes and GC ids)."
  echo "Wall time includes JVM start; peak RSS from \`/usr/bin/time\`."
  echo
  echo "| tool | heap | wall s | MiB/s | peak RSS MiB | tool's own line |"
  echo "|---|---|---|---|---|---|"
  run leakhound 256m io.leakhound.bench.LeakhoundRun
  run gcviewer-1.36 8g io.leakhound.bench.GcViewerRun
  run gctoolkit-3.0.4 8g io.leakhound.bench.GcToolKitRun
} | tee -a "$root/bench/RESULTS.md"
