#!/usr/bin/env bash
# Heap dump analysis side by side on a generated HotSpot-like dump: leakhound vs Shark 2.14 vs the floor
# (merely reading the file), one JVM per tool. Measures wall time, CPU time and peak anonymous memory
# (bench/measure.sh: RssAnon sampled every ~50 ms, the page cache of the dump not counted).
# Appends a table to bench/RESULTS.md.
#
# usage: bench/heap-analysis.sh [SIZE_MIB (default 1024)] [SEED (default 42)]
#   env TOOLS="floor shark leakhound" (default all; "shark-histogram" for Shark's index + histogram alone),
#   SHARK_TIMEOUT=600 (s, for Shark's retained sizes),
#   SHARK_HEAP=8g.
# The dump and its .truth are cached under bench/target (heap-<SIZE>m-<SEED>.hprof); delete them when done.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
size=${1:-1024}
seed=${2:-42}
tools=${TOOLS:-floor shark leakhound}
shark_timeout=${SHARK_TIMEOUT:-600}
shark_heap=${SHARK_HEAP:-8g}
work=$root/bench/target
mkdir -p "$work"

mvn -o -q -B -f "$root/pom.xml" -Pbench -pl bench -am package -DskipTests
jar=$root/bench/target/leakhound-bench-0.1.0-SNAPSHOT.jar
cp="$jar:$(cat "$root/bench/target/classpath.txt")"

dump=$work/heap-${size}m-${seed}.hprof
gen_line="cached"
if [ ! -f "$dump" ] || [ ! -f "$dump.truth" ]; then
  start=$(date +%s.%N)
  java -Xmx256m -cp "$cp" io.leakhound.bench.HeapDumpGenerator "$dump" "$size" "$seed" > "$work/generator.log"
  gen_line=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {printf "generated in %.1f s (-Xmx256m)", e-s}')
fi
truth() { awk -F= -v k="$1" '$1 == k {print $2}' "$dump.truth"; }
mib=$(( $(stat -c %s "$dump") / 1048576 ))

source "$root/bench/measure.sh"
warm=("$dump")   # same page-cache state for every tool
run() { # name heap timeout-seconds main args... (the dump is the last argument)
  measure "$@" "$dump"
  measured_row
}

load=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo
  echo "### Heap dump analysis, ${mib} MiB generated dump, seed $seed — $(date -u +%Y-%m-%d) ($(nproc) cores, load before: $load)"
  echo
  echo "Command: \`bench/heap-analysis.sh $*\`${TOOLS:+ with TOOLS=\"$TOOLS\"} (dump: \`HeapDumpGenerator\`, $gen_line;" \
       "$(truth objects) objects, leak: \`$(truth leakHolder)\` holds $(truth leakElementCount)" \
       "\`$(truth leakElementClass)\` retaining $(truth leakRetainedBytes) bytes, HotSpot 64-bit compressed-oops sizes)."
  echo "Wall time includes JVM start; CPU = user + sys; peak anonymous memory = max RssAnon sampled every 50 ms."
  echo
  echo "| tool | heap | wall s | CPU s | peak RssAnon MiB | tool's own line |"
  echo "|---|---|---|---|---|---|"
  case " $tools " in *" floor "*)
    run floor-read 256m 3600 io.leakhound.bench.FloorRun read
    run floor-records 256m 3600 io.leakhound.bench.FloorRun records ;;
  esac
  case " $tools " in *" shark "*|*" shark-histogram "*)
    run shark-histogram "$shark_heap" 3600 io.leakhound.bench.SharkRun histogram ;;
  esac
  case " $tools " in *" shark "*)
    run shark-retained "$shark_heap" "$shark_timeout" io.leakhound.bench.SharkRun retained ;;
  esac
  case " $tools " in *" leakhound "*)
    # leakhound's own entry: LeakhoundHeapRun runs the heap module's full analysis (index, exact dominators,
    # retained sizes, paths, suspects) with its temporary files beside the dump
    if unzip -Z1 "$jar" 'io/leakhound/bench/LeakhoundHeapRun.class' > /dev/null 2>&1; then
      run leakhound "${LEAKHOUND_HEAP:-512m}" 3600 io.leakhound.bench.LeakhoundHeapRun
    else
      echo "| leakhound | — | — | — | — | not run: LeakhoundHeapRun is not in the bench jar |"
    fi ;;
  esac
} | tee -a "$root/bench/RESULTS.md"
