#!/bin/sh
# Re-records the OOM-ending GC logs of this directory (see README.md). Takes about 3 minutes.
# JDK17: the JDK 17 home (default /usr/lib/jvm/java-17-openjdk-amd64).
set -e
JDK17=${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
cp "$here/OomLeak.java.txt" "$work/OomLeak.java"
"$JDK17/bin/javac" -d "$work" "$work/OomLeak.java"
# 1. the allocating thread dies of the OutOfMemoryError, the JVM lives on for 30 s
"$JDK17/bin/java" -cp "$work" -Xmx32m -XX:+UseG1GC -Xlog:gc*:file="$here/g1-17-oom-thread-dies.gcstar.log" \
    OomLeak 300000 30 2>/dev/null
# 2. the JVM exits at the OutOfMemoryError and its supervisor restarts it, appending to the same console log;
#    the second run is stopped after 30 s
log="$here/parallel-17-oom-restart.gc.log"
: > "$log"
"$JDK17/bin/java" -cp "$work" -Xmx32m -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError -Xlog:gc:stdout \
    OomLeak 300000 0 >> "$log" 2>/dev/null || true
timeout 30 "$JDK17/bin/java" -cp "$work" -Xmx32m -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError -Xlog:gc:stdout \
    OomLeak 300000 0 >> "$log" 2>/dev/null || true
rm -rf "$work"
