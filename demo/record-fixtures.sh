#!/usr/bin/env bash
# Records the GC-log fixtures of testing/src/main/resources/fixtures/gclogs/ (see the README there).
# usage: demo/record-fixtures.sh SPECFILE [PARALLEL]
# SPECFILE lines: mode collector jdk xlog leakRate leakStart   (collector: g1 parallel serial zgc shenandoah;
# jdk: 17 or 25; xlog: gc or gcstar; leakRate e.g. 300k or -; leakStart e.g. 60s or -)
# Builds nothing: run `mvn -o -q -pl demo compile` first. Runs PARALLEL (default 3) children at a time.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/testing/src/main/resources/fixtures/gclogs"
classes=$(mktemp -d)
cp -r "$root/demo/target/classes/." "$classes/"
mkdir -p "$out"
export out classes
record() {
  local mode=$1 collector=$2 jdk=$3 xlog=$4 rate=$5 start=$6 seconds=150
  local java=/usr/lib/jvm/java-17-openjdk-amd64/bin/java
  [ "$jdk" = 25 ] && java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
  local flag
  case $collector in
    g1) flag=-XX:+UseG1GC;; parallel) flag=-XX:+UseParallelGC;; serial) flag=-XX:+UseSerialGC;;
    zgc) flag=-XX:+UseZGC;; shenandoah) flag=-XX:+UseShenandoahGC;;
  esac
  local name
  name=$(echo "$mode" | tr 'A-Z_' 'a-z-')_${collector}_jdk${jdk}_${xlog}
  local args=(--mode "$mode" --duration ${seconds}s)
  [ "$rate" != - ] && { args+=(--leak-rate "$rate"); name+="_$rate"; }
  [ "$start" != - ] && { args+=(--leak-start "$start"); name+="_late$start"; }
  local file="$out/$name.log" tags='gc*' deco=uptime,level,tags
  [ "$xlog" = gc ] && tags=gc
  [ "$jdk" = 25 ] && deco=time,uptime,level,tags
  rm -f "$file" "$file.gz"
  local cmd=("$java" -Xmx256m "$flag" "-Xlog:$tags:file=$file:$deco:filecount=0" -cp "$classes" io.leakhound.demo.DemoService "${args[@]}")
  local rc=0
  timeout 200 "${cmd[@]}" > "/tmp/rec_$name.out" 2> "/tmp/rec_$name.err" || rc=$?
  local oom=no; [ "$rc" = 3 ] && oom=yes
  local last; last=$(grep -oE '^(\[[^]]*\])*?\[[0-9.]+s\]' "$file" | tail -1 | grep -oE '[0-9.]+s\]$' | tr -d 's]')
  if [ "$(stat -c %s "$file")" -gt 307200 ]; then gzip -9 "$file"; file="$file.gz"; fi
  echo -e "$(basename "$file")\t$mode\t$collector\t$jdk\t$tags\t$rate\t$start\t$seconds\t$rc\t$oom\t$last\t$(stat -c %s "$file")" >> "$out/.recorded.tsv"
  echo "recorded $(basename "$file") rc=$rc oom=$oom last=${last}s size=$(stat -c %s "$file")"
}
export -f record
grep -v '^#' "$1" | grep -v '^$' | xargs -P "${2:-3}" -L 1 bash -c 'record "$@"' _
rm -rf "$classes"
