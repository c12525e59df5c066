#!/usr/bin/env bash
# Issue 6's benchmark: what `leakhound watch PID` costs the watched JVM (target: below 1 % of one core outside
# captures). The target is the demo service in a steady mode (allocating, collecting, serving ~200 requests/s);
# its CPU time (utime + stime from /proc/PID/stat) is read over WINDOW seconds unwatched, then over WINDOW seconds
# watched (after WARMUP seconds of watching: attach, agent and recording start are one-off costs, reported
# separately), then unwatched again. Overhead = watched - mean(unwatched), in % of one core. Also the watcher's own
# CPU and peak anonymous memory. Appends a table to bench/RESULTS.md.
#
# usage: bench/watch-overhead.sh [WINDOW_SECONDS (default 60)] [WARMUP_SECONDS (default 20)] [MODE (default steady-churn)]
set -euo pipefail
args="$*"
root=$(cd "$(dirname "$0")/.." && pwd)
window=${1:-60}
warmup=${2:-20}
mode=${3:-steady-churn}
work=$(mktemp -d)
trap 'kill $target 2>/dev/null || true; kill $watcher 2>/dev/null || true; [ -s "$work/watch.out" ] && tail -5 "$work/watch.out" >&2; rm -rf "$work"' EXIT

mvn -o -q -B -f "$root/pom.xml" -pl cli -am package -DskipTests
jar=$root/cli/target/leakhound.jar
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=100
total=$(( window * 3 + warmup + 60 ))
java -Xmx256m -XX:+UseG1GC -cp "$jar" io.leakhound.demo.DemoService --mode "$mode" --duration "${total}s" \
  > /dev/null 2>&1 &
target=$!
sleep 15 # let the service start and settle (JIT, first collections)

window_cpu() { local a b; a=$(ticks "$target"); sleep "$window"; b=$(ticks "$target"); echo $(( b - a )); }
before=$(window_cpu)
a=$(ticks "$target")
java -Xmx128m -jar "$jar" watch "$target" --interval 5s --db "$work/watch.db" --no-capture > "$work/watch.out" 2>&1 &
watcher=$!
sleep "$warmup"
b=$(ticks "$target")
startup=$(( b - a ))
watched=$(window_cpu)
watcher_cpu=$(ticks "$watcher")
watcher_rss=$(awk '/RssAnon/ {print int($2 / 1024)}' "/proc/$watcher/status")
# TERM, not INT: a background job of a script ignores SIGINT (and so does the JVM then)
kill -TERM "$watcher"; wait "$watcher" || true
sleep 5
after=$(window_cpu)
load=$(cut -d' ' -f1-3 /proc/loadavg)
pct() { awk -v t="$1" -v w="$window" -v hz="$hz" 'BEGIN { printf "%.2f", 100 * t / hz / w }'; }
overhead=$(awk -v w="$watched" -v b="$before" -v a="$after" -v s="$window" -v hz="$hz" \
  'BEGIN { printf "%.2f", 100 * (w - (b + a) / 2) / hz / s }')
{
  echo
  echo "### watch overhead on the watched JVM — $(date -u +%Y-%m-%d) ($(nproc) cores, load after: $load)"
  echo
  echo "Command: \`bench/watch-overhead.sh $args\` (demo service --mode $mode, -Xmx256m G1; watch --interval 5s"
  echo "--no-capture; $window s windows; $(java -version 2>&1 | head -1))."
  echo
  echo "| target CPU unwatched before | watched | unwatched after | overhead (% of one core) | attach + start, first $warmup s (CPU s) | watcher CPU s over $(( warmup + window )) s | watcher RssAnon MiB at the end |"
  echo "|---|---|---|---|---|---|---|"
  echo "| $(pct "$before") % | $(pct "$watched") % | $(pct "$after") % | $overhead | $(awk -v t="$startup" -v hz="$hz" 'BEGIN { printf "%.2f", t / hz }') | $(awk -v t="$watcher_cpu" -v hz="$hz" 'BEGIN { printf "%.1f", t / hz }') | $watcher_rss |"
} | tee -a "$root/bench/RESULTS.md"
