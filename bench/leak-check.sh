#!/usr/bin/env bash
# Issue 7's benchmark: the time of a 1,000-iteration assertNoLeak check (the default: 200 warm-up iterations,
# 3 rounds of 1,000, a verified full GC after each) on a cheap clean body, the first in a fresh JVM and the
# following ones, and of a failing check with its heap-dump explanation (1 KiB kept per call). Target: under
# 3 s for the clean check. One JVM (-Xmx256m, as a test JVM); wall time, CPU and peak anonymous memory from
# bench/measure.sh. Appends a table to bench/RESULTS.md.
#
# usage: bench/leak-check.sh [CLEAN_CHECKS (default 20)] [LEAK_CHECKS (default 3)] [BALLAST_MIB... (default 0 100)]
#   one JVM per ballast: live data held through the run, as a test JVM with an application context loaded
set -euo pipefail
args="$*"
root=$(cd "$(dirname "$0")/.." && pwd)
clean=${1:-20}
leaks=${2:-3}
if [ $# -gt 2 ]; then ballasts=("${@:3}"); else ballasts=(0 100); fi
work=$root/bench/target
mkdir -p "$work"

mvn -o -q -B -f "$root/pom.xml" -Pbench -pl bench -am package -DskipTests
jar=$root/bench/target/leakhound-bench-0.1.0-SNAPSHOT.jar
cp="$jar:$(cat "$root/bench/target/classpath.txt")"

source "$root/bench/measure.sh"
warm=()
load=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo
  echo "### JUnit leak check, 1,000 iterations per round, cheap clean body — $(date -u +%Y-%m-%d) ($(nproc) cores, load before: $load)"
  echo
  echo "Command: \`bench/leak-check.sh $args\` ($clean clean checks, then $leaks leaking ones, one JVM per ballast, $(java -version 2>&1 | head -1))."
  echo "Each check is \`assertNoLeak(LeakCheck.defaults(), body)\`: 200 warm-up calls, 3 rounds of 1,000, verified full GCs."
  echo "Wall time of the whole JVM run includes its start; the per-check seconds are the tool's own line."
  echo
  echo "| tool | heap | wall s | CPU s | peak RssAnon MiB | tool's own line |"
  echo "|---|---|---|---|---|---|"
  for ballast in "${ballasts[@]}"; do
    measure leakhound-junit 256m 600 io.leakhound.bench.LeakCheckRun "$clean" "$leaks" "$ballast"
    measured_row
  done
} | tee -a "$root/bench/RESULTS.md"
