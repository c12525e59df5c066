#!/usr/bin/env bash
# The watch store's cost: single appends (one GC event + one sample per transaction), batch appends, reading a
# long history back, bytes on disk per event. Appends a section to bench/RESULTS.md.
#
# usage: bench/store-throughput.sh [EVENTS (default 1000000: a day of a GC every 100 ms is 864,000)]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
events=${1:-1000000}
work=$root/bench/target
mkdir -p "$work"

mvn -q -B -f "$root/pom.xml" -Pbench -pl bench -am package -DskipTests
cp="$root/bench/target/leakhound-bench-0.1.0-SNAPSHOT.jar:$(cat "$root/bench/target/classpath.txt")"
line=$(java -Xmx256m -cp "$cp" io.leakhound.bench.StoreRun "$work/store-bench.db" "$events")
rm -f "$work"/store-bench.db*
{
  echo
  echo "### Watch store (SQLite) appends and reads, $events GC events — $(date +%F) ($(nproc) cores)"
  echo
  echo "Command: \`bench/store-throughput.sh $events\`"
  echo
  echo "\`$line\`"
} >> "$root/bench/RESULTS.md"
echo "$line"
