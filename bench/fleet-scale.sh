#!/usr/bin/env bash
# Issue 18's scale target: `leakhound fleet` over INSTANCES instances and HOURS hours (target: 1,000 x 24 h in
# about a minute on 2 cores, under 1 GiB). FleetGenerator writes the fleet (every tenth instance leaks; four
# conventions; 60 s scrapes) as OpenMetrics, promtool backfills it, a real Prometheus serves it on loopback, and
# `fleet --json` reads it with -Xmx1g; wall time and peak RSS from /usr/bin/time. Checks that exactly the
# leaking instances are flagged. Appends a table to bench/RESULTS.md.
#
# usage: bench/fleet-scale.sh [INSTANCES (default 1000)] [HOURS (default 24)]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
instances=${1:-1000}
hours=${2:-24}
work=$(mktemp -d)
prom=
trap 'kill $prom 2>/dev/null || true; rm -rf "$work"' EXIT

mvn -q -B -f "$root/pom.xml" -Pbench -pl bench,cli -am package -DskipTests
cp="$root/bench/target/leakhound-bench-0.1.0-SNAPSHOT.jar:$(cat "$root/bench/target/classpath.txt")"
end=$(( $(date +%s) - 120 ))
start=$(( end - hours * 3600 ))
t0=$(date +%s.%N)
leaking=$(java -cp "$cp" io.leakhound.bench.FleetGenerator "$instances" "$hours" "$end" "$work/fleet.om")
t1=$(date +%s.%N)
promtool tsdb create-blocks-from openmetrics --max-block-duration=24h "$work/fleet.om" "$work/tsdb" > "$work/promtool.log"
t2=$(date +%s.%N)
rm "$work/fleet.om"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf 'global:\n  scrape_interval: 15s\n' > "$work/prometheus.yml"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" --storage.tsdb.retention.time=100y \
  --web.listen-address=127.0.0.1:$port > "$work/prometheus.log" 2>&1 &
prom=$!
until curl -sf "http://127.0.0.1:$port/-/ready" > /dev/null; do sleep 0.5; done
set +e
/usr/bin/time -f 'TIME %e %M' -o "$work/time" java -Xmx1g -jar "$root/cli/target/leakhound.jar" fleet \
  --prometheus "http://127.0.0.1:$port" --start "$start" --end "$end" --json > "$work/fleet.json"
rc=$?
[[ -n "${FLEET_JSON:-}" ]] && cp "$work/fleet.json" "$FLEET_JSON"
set -e
read -r _ wall rss < <(grep "^TIME" "$work/time")
found=$(python3 -c "import json,sys; d=json.load(open('$work/fleet.json')); print(d['leaking'], len(d['instances']), sum(1 for i in d['instances'] if i['leak'] and int(i['instance'].split('-')[1]) % 10 != 9))")
read -r flagged total wrong <<< "$found"
printf '%s instances x %s h: generate %.0f s, promtool backfill %.0f s; fleet %s s, peak RSS %s MiB, exit %s; %s of %s instances read, %s flagged (truth %s), %s flagged wrongly\n' \
  "$instances" "$hours" "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)" "$wall" "$((rss / 1024))" "$rc" "$total" "$instances" "$flagged" "$leaking" "$wrong"
{
  echo
  echo "## fleet: $instances instances x $hours h from Prometheus ($(date -u +%Y-%m-%d), \`bench/fleet-scale.sh $instances $hours\`)"
  echo
  echo "| instances | hours | step | fleet wall time | peak RSS (-Xmx1g) | read | flagged (truth) | flagged wrongly |"
  echo "|---|---|---|---|---|---|---|---|"
  step=$(python3 -c "import json; print(json.load(open('$work/fleet.json'))['stepSeconds'])")
  echo "| $instances | $hours | ${step} s | ${wall} s | $((rss / 1024)) MiB | $total | $flagged ($leaking) | $wrong |"
} >> "$root/bench/RESULTS.md"
