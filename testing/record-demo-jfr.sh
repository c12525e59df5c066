#!/usr/bin/env bash
# Re-records the JFR recordings of the demo service that module jfr's fast tests read
# (jfr/src/test/resources/demo-recordings/*.jfr), as the GC-log fixtures are recorded once and committed.
#
# Run it from anywhere after changing the demo's modes (demo/src/main/.../ModeBehaviour.java, DemoService) or
# the recording settings (demo-fixtures.jfc beside the recordings); it takes about 4 minutes on 2 cores
# (twelve 70 s runs of the demo service, four at a time; see io.leakhound.jfr.DemoRecordings, which lists them).
# It compiles the modules it needs (offline, no install), records with the JDK that runs it (JAVA_HOME or the
# java on PATH), copies the demo's ModeBehaviour.java beside the recordings (the tests look the allocating
# lines up in that copy) and prints each file's size. Then update the README.md there (JDK, date) and commit.
#
#   testing/record-demo-jfr.sh                      # every recording
#   testing/record-demo-jfr.sh warmup.jfr           # only these (the names in the folder)
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
out=jfr/src/test/resources/demo-recordings
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
mvn -o -q -B test-compile dependency:build-classpath -pl jfr -am -Dmdep.includeScope=test \
    -Dmdep.outputFile="$cp_file" -Dmdep.skip=false >/dev/null
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
"$java" -cp "jfr/target/test-classes:jfr/target/classes:$(cat "$cp_file")" io.leakhound.jfr.DemoRecordings "$out" "$@"
ls -l "$out"
