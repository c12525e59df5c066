#!/usr/bin/env bash
# Issue 4's benchmark: leakhound's diff of two generated dumps of "the same process an hour apart" against its
# full analysis of one of them (the later, bigger-leak one), one JVM per run, the same -Xmx for both. Measures
# wall time, CPU time and peak anonymous memory (bench/measure.sh) and the ratio diff / analysis (target:
# at most 2.5). The two alternate for ROUNDS rounds and the ratio is of the medians: on this shared 2-core
# machine one analysis of the same dump took from 10.2 s to 16.0 s wall, too noisy for a single pair.
# Appends a table, the ratio and the time of each phase (last round) to bench/RESULTS.md.
#
# usage: bench/heap-diff.sh [SIZE_MIB (default 1024)] [SEED (default 42)]
#   env LEAKHOUND_HEAP=512m (the -Xmx of both runs), ROUNDS=3.
# The dumps (same size and seed; before: leak share 0.25 at 12:00, after: 0.40 at 13:00) and their .truth files
# are cached under bench/target (diff-<SIZE>m-<SEED>-{before,after}.hprof); delete them when done.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
size=${1:-1024}
seed=${2:-42}
heap=${LEAKHOUND_HEAP:-512m}
rounds=${ROUNDS:-3}
work=$root/bench/target
mkdir -p "$work"

mvn -o -q -B -f "$root/pom.xml" -Pbench -pl bench -am package -DskipTests
jar=$root/bench/target/leakhound-bench-0.1.0-SNAPSHOT.jar
cp="$jar:$(cat "$root/bench/target/classpath.txt")"

before=$work/diff-${size}m-${seed}-before.hprof
after=$work/diff-${size}m-${seed}-after.hprof
gen_line="cached"
generate() { # dump leak-share timestamp
  if [ ! -f "$1" ] || [ ! -f "$1.truth" ]; then
    java -Xmx256m -cp "$cp" io.leakhound.bench.HeapDumpGenerator "$1" "$size" "$seed" "$2" "$3" \
        > "$work/generator-$(basename "$1").log"
    gen_line="generated with -Xmx256m"
  fi
}
generate "$before" 0.25 2026-11-23T12:00:00Z
generate "$after" 0.40 2026-11-23T13:00:00Z
truth() { awk -F= -v k="$2" '$1 == k {print $2}' "$1.truth"; }
mib=$(( $(stat -c %s "$after") / 1048576 ))

source "$root/bench/measure.sh"
warm=("$before" "$after")   # both dumps in the page cache for both runs, as they fit in RAM together

# "name: 1.23 s phase, ..." from the PHASE lines of a run's log
phases() {
  awk '/^PHASE/ {sub(/^seconds=/, "", $2); name = $3; for (i = 4; i <= NF; i++) name = name " " $i;
                 out = out (out == "" ? "" : "; ") name " " $2 " s"} END {print out}' "$work/run-$1.log"
}
seconds() { grep '^RESULT' "$work/run-$1.log" | sed -E 's/.* seconds=([0-9.]+) .*/\1/'; }
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

load=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo
  echo "### Heap dump diff, two ${mib} MiB generated dumps an hour apart, seed $seed — $(date -u +%Y-%m-%d) ($(nproc) cores, load before: $load)"
  echo
  echo "Command: \`bench/heap-diff.sh $*\`${LEAKHOUND_HEAP:+ with LEAKHOUND_HEAP=$LEAKHOUND_HEAP}${ROUNDS:+ ROUNDS=$ROUNDS} (dumps: \`HeapDumpGenerator\`, $gen_line;" \
       "before: $(truth "$before" objects) objects, \`$(truth "$before" leakHolder)\` holds $(truth "$before" leakElementCount)" \
       "\`$(truth "$before" leakElementClass)\` retaining $(truth "$before" leakRetainedBytes) bytes at $(truth "$before" timestamp);" \
       "after: $(truth "$after" objects) objects, $(truth "$after" leakElementCount) retaining $(truth "$after" leakRetainedBytes)" \
       "bytes at $(truth "$after" timestamp))."
  echo "Wall time includes JVM start; CPU = user + sys; peak anonymous memory = max RssAnon sampled every 50 ms."
  echo
  echo "| run | heap | wall s | CPU s | peak RssAnon MiB | run's own line |"
  echo "|---|---|---|---|---|---|"
  a_wall=() a_cpu=() a_in=() d_wall=() d_cpu=() d_in=()
  for round in $(seq 1 "$rounds"); do
    measure analysis-after "$heap" 3600 io.leakhound.bench.LeakhoundHeapRun "$after"
    measured_row
    a_wall+=("$measured_wall") a_cpu+=("$measured_cpu") a_in+=("$(seconds analysis-after)")
    measure diff "$heap" 3600 io.leakhound.bench.LeakhoundDiffRun "$before" "$after"
    measured_row
    d_wall+=("$measured_wall") d_cpu+=("$measured_cpu") d_in+=("$(seconds diff)")
  done
  echo
  awk -v aw="$(median "${a_wall[@]}")" -v dw="$(median "${d_wall[@]}")" -v ac="$(median "${a_cpu[@]}")" \
      -v dc="$(median "${d_cpu[@]}")" -v as="$(median "${a_in[@]}")" -v ds="$(median "${d_in[@]}")" -v r="$rounds" 'BEGIN {
        printf "Medians of %d rounds: analysis %.2f s wall, %.2f s CPU; diff %.2f s wall, %.2f s CPU.\n", r, aw, ac, dw, dc
        printf "Ratio diff / analysis: wall %.3f, CPU %.3f, in-process %.3f (target: at most 2.5 — %s).\n",
               dw / aw, dc / ac, ds / as, dw / aw <= 2.5 ? "met" : "NOT met" }'
  echo
  echo "Phases of the analysis, last round (s): $(phases analysis-after)."
  echo
  echo "Phases of the diff, last round (s): $(phases diff)."
  echo
  echo "Load after: $(cut -d' ' -f1-3 /proc/loadavg)."
} | tee -a "$root/bench/RESULTS.md"
