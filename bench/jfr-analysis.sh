#!/usr/bin/env bash
# JFR recording analysis side by side on a large real recording of the demo service: leakhound (the work of
# `leakhound alloc`, and of `leakhound analyze rec.jfr` once its reader is in the bench jar) vs JDK Mission
# Control 9.1.0's parser (JfrLoaderToolkit.loadEvents + a comparable aggregation) vs the floor (the JDK's
# `jfr summary`, and its RecordingFile loop alone / with the least comparable aggregation), one JVM per tool and
# heap size. Measures wall time, CPU time and peak anonymous memory (bench/measure.sh). Appends a table to
# bench/RESULTS.md; the truth checks compare every tool's allocation samples, summed weight and heaviest class
# with the RecordingFile aggregate's.
#
# usage: bench/jfr-analysis.sh [HEAP...] (default 64m 1g 4g: every tool runs with each -Xmx)
#   env MODE=steady-churn (the demo's mode), DURATION=3m, RATE=6000 (requests/s), THROTTLE=1000000/s
#   (jdk.ObjectAllocationSample's throttle), TOOLS="floor jmc leakhound" (default all; "leakhound-alloc" or
#   "leakhound-analyze" for one of leakhound's two runs), TIMEOUT=900 (s per run).
# The recording is made when absent and cached as bench/target/jfr-<MODE>-<DURATION>-<RATE>.jfr (not committed;
# delete it when done). It is recorded with settings=profile, the allocation sample throttle raised and 2 KiB
# TLABs (-XX:-ResizeTLAB -XX:TLABSize=2k): the JVM takes an allocation sample at most once per TLAB refill, so
# small TLABs are what lets a few minutes of a 2-core demo reach 200+ MiB (about 36,000 samples/s).
set -euo pipefail
args="$*"
root=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -gt 0 ]; then heaps=("$@"); else heaps=(64m 1g 4g); fi
mode=${MODE:-steady-churn}
duration=${DURATION:-3m}
rate=${RATE:-6000}
throttle=${THROTTLE:-1000000/s}
tools=${TOOLS:-floor jmc leakhound}
limit=${TIMEOUT:-900}
work=$root/bench/target
mkdir -p "$work"

mvn -o -q -B -f "$root/pom.xml" -Pbench -pl bench -am package -DskipTests
jar=$root/bench/target/leakhound-bench-0.1.0-SNAPSHOT.jar
cp="$jar:$(cat "$root/bench/target/classpath.txt")"

rec=$work/jfr-$mode-$duration-$rate.jfr
gen_line="cached"
if [ ! -f "$rec" ]; then
  start=$(date +%s.%N)
  java -Xmx256m -XX:-ResizeTLAB -XX:TLABSize=2k \
      "-XX:StartFlightRecording=settings=profile,jdk.ObjectAllocationSample#throttle=$throttle,filename=$rec.part" \
      -cp "$cp" io.leakhound.demo.DemoService --mode "$mode" --duration "$duration" --rate "$rate" \
      > "$work/jfr-recording.log" 2>&1
  mv "$rec.part" "$rec"
  gen_line=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {printf "recorded in %.0f s", e-s}')
fi
mib=$(( $(stat -c %s "$rec") / 1048576 ))
recorded_by=$(java -version 2>&1 | head -1)

source "$root/bench/measure.sh"
warm=("$rec")   # same page-cache state for every tool
truth=""
checks=()
totals=()   # every event of the recording, as each tool that reads them all counts them
run() { # name heap main args... (the recording is the last argument)
  local name=$1 heap=$2; shift 2
  measure "$name" "$heap" "$limit" "$@" "$rec"
  if [ "$name" = jfr-summary ]; then
    # the JDK's tool prints a table, not a RESULT line: its event total stands in for one, without the
    # jdk.CheckPoint and jdk.Metadata records it lists (constant pools and metadata, not events)
    local total records
    total=$(awk '$1 ~ /^jdk\./ && $1 != "jdk.CheckPoint" && $1 != "jdk.Metadata" && $2 ~ /^[0-9]+$/ {n += $2}
        END {print n + 0}' "$work/run-$name.log")
    records=$(awk '($1 == "jdk.CheckPoint" || $1 == "jdk.Metadata") && $2 ~ /^[0-9]+$/ {n += $2} END {print n + 0}' \
        "$work/run-$name.log")
    if grep -q 'jdk.ObjectAllocationSample' "$work/run-$name.log"; then
      measured_result="tool=jfr-summary events=$total allocSamples=$(awk '$1 == "jdk.ObjectAllocationSample" {print $2}' \
          "$work/run-$name.log") checkpointAndMetadataRecords=$records"
    fi
  fi
  measured_row
  if [[ " jfr-summary floor-events floor-aggregate floor-stacks jmc " == *" $name "* ]] \
      && [ -n "$(field "$measured_result" events)" ]; then
    totals+=("$name -Xmx$heap: $(field "$measured_result" events)")
  fi
  if [[ "$name" == floor-aggregate* ]] && [ -z "$truth" ] && [[ "$measured_result" == *allocWeight=* ]]; then
    truth=$measured_result
  fi
  if [ -n "$truth" ] && [[ "$measured_result" == *allocWeight=* || "$measured_result" == *heapAfterGc=* ]]; then
    local key verdict=OK
    for key in allocSamples allocWeight topClass heapAfterGc; do
      # each figure the tool reports is checked; the verdict run reports no allocation figures
      if [ -n "$(field "$measured_result" $key)" ] && [ "$(field "$measured_result" $key)" != "$(field "$truth" $key)" ]; then
        verdict="DIFFERS in $key: $(field "$measured_result" $key) against $(field "$truth" $key)"
      fi
    done
    checks+=("$name -Xmx$heap: $verdict")
  elif [ -n "$truth" ] && [[ " floor-stacks jmc leakhound-alloc leakhound-analyze " == *" $name "* ]]; then
    checks+=("$name -Xmx$heap: no result to check")
  fi
}
field() { tr ' ' '\n' <<< "$1" | awk -F= -v k="$2" '$1 == k {print $2}'; }

load=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo
  echo "### JFR recording analysis, ${mib} MiB recording of the demo's $mode mode — $(date -u +%Y-%m-%d) ($(nproc) cores, load before: $load)"
  echo
  echo "Command: \`bench/jfr-analysis.sh${args:+ $args}\`${TOOLS:+ with TOOLS=\"$TOOLS\"} (recording: \`DemoService --mode $mode" \
       "--duration $duration --rate $rate\` under $recorded_by with \`settings=profile,jdk.ObjectAllocationSample#throttle=$throttle\`" \
       "and 2 KiB TLABs, $gen_line)."
  echo "Wall time includes JVM start; CPU = user + sys; peak anonymous memory = max RssAnon sampled every 50 ms."
  echo
  echo "| tool | heap | wall s | CPU s | peak RssAnon MiB | tool's own line |"
  echo "|---|---|---|---|---|---|"
  for heap in "${heaps[@]}"; do
    case " $tools " in *" floor "*)
      run jfr-summary "$heap" -m jdk.jfr/jdk.jfr.internal.tool.Main summary
      run floor-events "$heap" io.leakhound.bench.JfrFloorRun events
      run floor-aggregate "$heap" io.leakhound.bench.JfrFloorRun aggregate
      run floor-stacks "$heap" io.leakhound.bench.JfrFloorRun stacks ;;
    esac
    case " $tools " in *" jmc "*)
      run jmc "$heap" io.leakhound.bench.JmcRun ;;
    esac
    case " $tools " in *" leakhound "*|*" leakhound-alloc "*)
      run leakhound-alloc "$heap" io.leakhound.bench.LeakhoundJfrRun alloc ;;
    esac
    case " $tools " in *" leakhound "*|*" leakhound-analyze "*)
      if java -cp "$cp" io.leakhound.bench.LeakhoundJfrRun --has-mode analyze > /dev/null 2>&1; then
        run leakhound-analyze "$heap" io.leakhound.bench.LeakhoundJfrRun analyze
      else
        echo "| leakhound-analyze | -Xmx$heap | — | — | — | not run: the recording reader is not in the bench jar |"
      fi ;;
    esac
  done
  echo
  if [ -n "$truth" ]; then
    echo "Checks against the RecordingFile aggregate ($(field "$truth" allocSamples) allocation samples, weight" \
         "$(field "$truth" allocWeight) bytes, heaviest class $(field "$truth" topClass), $(field "$truth" heapAfterGc)" \
         "heap summaries after GC; each tool's figures of these):"
    for check in "${checks[@]}"; do echo "- $check"; done
  else
    echo "Checks: none (the RecordingFile aggregate did not finish)."
  fi
  if [ ${#totals[@]} -gt 0 ]; then
    distinct=$(printf '%s\n' "${totals[@]}" | awk '{print $NF}' | sort -u | wc -l)
    if [ "$distinct" -eq 1 ]; then
      echo "- event totals: every tool that read the whole recording counted $(printf '%s\n' "${totals[0]}" | awk '{print $NF}') events (${#totals[@]} runs)"
    else
      echo "- event totals DIFFER: $(IFS=';'; echo "${totals[*]}")"
    fi
  fi
  echo
  echo "Load after: $(cut -d' ' -f1-3 /proc/loadavg)."
} | tee -a "$root/bench/RESULTS.md"
