# Sourced by the bench scripts (not run): runs one JVM and measures it. Wall time and CPU time (user+sys) from
# /usr/bin/time, peak ANONYMOUS memory: RssAnon of the JVM sampled from /proc/<pid>/status every ~50 ms (the
# Java heap and native allocations; the page cache of a read or mapped dump is not counted, as VmHWM would).
#
# The caller sets: cp (the java class path), work (a folder for logs), warm (an array of files read once before
# each run, so every run starts with them in the page cache).

# peak RssAnon (KiB) and last seen CPU ticks (utime+stime) of the java process under `time` -> `timeout`,
# sampled without forking; the CPU sample counts for a run `timeout` kills, which `time` does not see
sample() { # pid-of-time
  local top=$1 java="" peak=0 ticks=0 key value rest sfd stat
  exec {sfd}<> <(:)
  while kill -0 "$top" 2>/dev/null; do
    if [ -z "$java" ]; then
      java=$(pgrep -P "$(pgrep -P "$top" | head -1)" java 2>/dev/null | head -1 || true)
    fi
    if [ -n "$java" ] && [ -r "/proc/$java/status" ]; then
      while read -r key value rest; do
        if [ "$key" = "RssAnon:" ] && [ "$value" -gt "$peak" ]; then peak=$value; fi
      done < "/proc/$java/status" 2>/dev/null || true
      if read -r -a stat < "/proc/$java/stat" 2>/dev/null; then ticks=$(( stat[13] + stat[14] )); fi
    fi
    read -r -t 0.05 -u "$sfd" || true
  done
  exec {sfd}<&-
  echo "$peak $ticks"
}

# Runs `java -Xmx<heap> -cp $cp ARGS...` killed after <timeout-seconds>, its output in $work/run-<name>.log.
# Sets measured_name, measured_heap, measured_wall (s), measured_cpu (s), measured_peak_mib and measured_result
# (the run's RESULT line without "RESULT ", or why there is none).
measure() { # name heap timeout-seconds java-args...
  local name=$1 heap=$2 limit=$3; shift 3
  local out=$work/run-$name.log tf=$work/run-$name.time file
  for file in "${warm[@]}"; do cat "$file" > /dev/null; done
  /usr/bin/time -f 'TIME %e %U %S' -o "$tf" timeout -s KILL "$limit" \
      java "-Xmx$heap" -cp "$cp" "$@" > "$out" 2>&1 &
  local top=$!
  local peak ticks
  read -r peak ticks < <(sample "$top")
  wait "$top" || true
  local wall user sys result
  read -r _ wall user sys < <(grep '^TIME' "$tf" | tail -1)
  measured_cpu=$(awk -v u="$user" -v s="$sys" -v t="$ticks" -v hz="$(getconf CLK_TCK)" \
      'BEGIN {c = u + s; if (t / hz > c) c = t / hz; printf "%.2f", c}')
  result=$(grep '^RESULT' "$out" || true)
  if [ -z "$result" ]; then
    if awk -v w="$wall" -v l="$limit" 'BEGIN {exit !(w >= l - 1)}'; then
      result="RESULT tool=$name killed after ${limit} s: did not finish"
    else
      result="RESULT tool=$name failed: $(grep -m1 -E 'Exception|Error' "$out" || echo "see $out")"
    fi
  fi
  measured_name=$name
  measured_heap=$heap
  measured_wall=$wall
  measured_peak_mib=$(( peak / 1024 ))
  measured_result=${result#RESULT }
}

# The last measurement as a row of the table the bench scripts print.
measured_row() {
  echo "| $measured_name | -Xmx$measured_heap | $measured_wall | $measured_cpu | $measured_peak_mib | $measured_result |"
}
