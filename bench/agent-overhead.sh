#!/usr/bin/env bash
# Issue 17's benchmark: what the -javaagent costs its host (target: under 1 % of a core and 16 MB of heap at steady
# state), against the same service without it. The host is the demo service in a steady mode (allocating,
# collecting, serving ~300 requests/s) in -Xmx256m G1, run twice one after the other, each for SETTLE + WINDOW
# seconds: once plain, once with -javaagent:leakhound-agent.jar=port=P;capture=off;interval=5s while /metrics is
# scraped every 15 s (as Prometheus would). For each run:
#  - CPU: the host's utime + stime (/proc/PID/stat) over the WINDOW seconds after SETTLE seconds (the agent's
#    start, the recording's start and the JIT of their code are one-off costs, reported as the startup CPU);
#  - the agent's own threads (leakhound-*) and the flight recorder's threads (JFR *), from /proc/PID/task/*/stat;
#  - heap: the median of the host's own "heapAfterGc" readings (heap in use after its last collection, printed
#    each second) over the window; the difference between the runs is what the agent keeps on the heap;
#  - startup: wall time from launching java to the service's STARTED line, median of STARTS launches each.
# Appends a table to bench/RESULTS.md.
#
# usage: bench/agent-overhead.sh [WINDOW_SECONDS (default 120)] [SETTLE_SECONDS (default 60)] [STARTS (default 5)]
set -euo pipefail
args="$*"
root=$(cd "$(dirname "$0")/.." && pwd)
window=${1:-120}
settle=${2:-60}
starts=${3:-5}
work=$(mktemp -d)
trap 'kill $host 2>/dev/null || true; rm -rf "$work"' EXIT
host=

mvn -o -q -B -f "$root/pom.xml" -pl cli,agent -am package -DskipTests
cp=$root/demo/target/classes
agent=$root/agent/target/leakhound-agent.jar
hz=$(getconf CLK_TCK)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
jvm=(-Xmx256m -XX:+UseG1GC)

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# CPU ticks of the host's threads whose name starts with $2
thread_ticks() {
  local sum=0 t name fields
  for t in /proc/"$1"/task/*; do
    name=$(cat "$t/comm" 2>/dev/null || true)
    case "$name" in
      $2*) # the name may hold spaces: count the fields after "(comm) "; utime and stime are the 12th and 13th
        fields=($(sed 's/^.*) //' "$t/stat" 2>/dev/null || true))
        [ ${#fields[@]} -gt 12 ] && sum=$(( sum + fields[11] + fields[12] ));;
    esac
  done
  echo "$sum"
}
median() { sort -n | awk '{a[NR] = $1} END {if (NR == 0) print "n/a"; else print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }

# one steady run; sets run_cpu_pct, run_agent_pct, run_jfr_pct, run_heap_mib, run_start_cpu
steady_run() { # extra java options...
  local out=$work/steady.out
  java "${jvm[@]}" "$@" -cp "$cp" io.leakhound.demo.DemoService --mode STEADY_CHURN \
      --duration "$(( settle + window + 30 ))s" > "$out" 2>&1 &
  host=$!
  local scraper=
  if [ $# -gt 0 ]; then
    ( while sleep 15; do curl -s -o /dev/null "http://127.0.0.1:$port/metrics" || true; done ) &
    scraper=$!
  fi
  sleep "$settle"
  local c0 a0 j0 c1 a1 j1 mark
  c0=$(ticks "$host"); a0=$(thread_ticks "$host" leakhound); j0=$(thread_ticks "$host" JFR)
  mark=$(wc -l < "$out")
  sleep "$window"
  c1=$(ticks "$host"); a1=$(thread_ticks "$host" leakhound); j1=$(thread_ticks "$host" JFR)
  [ -n "$scraper" ] && kill "$scraper" 2>/dev/null || true
  kill -TERM "$host"; wait "$host" 2>/dev/null || true
  host=
  run_start_cpu=$(awk -v t="$c0" -v hz="$hz" 'BEGIN { printf "%.2f", t / hz }')
  run_cpu_pct=$(awk -v t=$(( c1 - c0 )) -v w="$window" -v hz="$hz" 'BEGIN { printf "%.2f", 100 * t / hz / w }')
  run_agent_pct=$(awk -v t=$(( a1 - a0 )) -v w="$window" -v hz="$hz" 'BEGIN { printf "%.2f", 100 * t / hz / w }')
  run_jfr_pct=$(awk -v t=$(( j1 - j0 )) -v w="$window" -v hz="$hz" 'BEGIN { printf "%.2f", 100 * t / hz / w }')
  run_heap_mib=$(tail -n +"$(( mark + 1 ))" "$out" | grep -o 'heapAfterGc=[0-9]*' | cut -d= -f2 | median \
      | awk '{ if ($1 == "n/a") print $1; else printf "%.1f", $1 / 1048576 }')
}

# wall ms from launch to the STARTED line, median of $starts launches
startup_ms() { # extra java options...
  local i t0 t1 all=()
  for i in $(seq "$starts"); do
    t0=$(date +%s%N)
    java "${jvm[@]}" "$@" -cp "$cp" io.leakhound.demo.DemoService --mode STEADY_CHURN --duration 1s \
        2>/dev/null | while read -r line; do
          case "$line" in STARTED*) date +%s%N > "$work/started"; break;; esac
        done
    t1=$(cat "$work/started")
    all+=( $(( (t1 - t0) / 1000000 )) )
    sleep 1
  done
  printf '%s\n' "${all[@]}" | median
}

with_agent=(-javaagent:"$agent=port=$port;capture=off;interval=5s")
plain_start=$(startup_ms)
agent_start=$(startup_ms "${with_agent[@]}")
steady_run
plain=("$run_cpu_pct" "$run_heap_mib" "$run_start_cpu" "$run_jfr_pct")
steady_run "${with_agent[@]}"
withagent=("$run_cpu_pct" "$run_heap_mib" "$run_start_cpu" "$run_jfr_pct" "$run_agent_pct")
load=$(cut -d' ' -f1-3 /proc/loadavg)
cpu_delta=$(awk -v a="${withagent[0]}" -v b="${plain[0]}" 'BEGIN { printf "%.2f", a - b }')
heap_delta=$(awk -v a="${withagent[1]}" -v b="${plain[1]}" 'BEGIN { printf "%.1f", a - b }')
{
  echo
  echo "### agent overhead on its host — $(date -u +%Y-%m-%d) ($(nproc) cores, load after: $load)"
  echo
  echo "Command: \`bench/agent-overhead.sh $args\` (demo service --mode STEADY_CHURN, ${jvm[*]}; agent"
  echo "\`port=P;capture=off;interval=5s\`, /metrics scraped every 15 s; CPU over ${window} s after ${settle} s;"
  echo "startup median of $starts launches; $(java -version 2>&1 | head -1))."
  echo
  echo "| run | host CPU (% of one core) | of which leakhound-* threads | JFR threads | heap after GC, median MiB | CPU s in the first ${settle} s | launch to STARTED, ms |"
  echo "|---|---|---|---|---|---|---|"
  echo "| without agent | ${plain[0]} % | | ${plain[3]} % | ${plain[1]} | ${plain[2]} | $plain_start |"
  echo "| with agent | ${withagent[0]} % | ${withagent[4]} % | ${withagent[3]} % | ${withagent[1]} | ${withagent[2]} | $agent_start |"
  echo "| difference | $cpu_delta points | | | $heap_delta MiB | | $(awk -v a="$agent_start" -v b="$plain_start" 'BEGIN { printf "%.0f", a - b }') |"
} | tee -a "$root/bench/RESULTS.md"
