#!/usr/bin/env bash
# Runs Countersign's own JMH benchmarks (test-workloads/src/main/java/.../bench, .../benchmarks) in
# one JMH run, so that the figures in README.md are ratios measured side by side:
#   test-workloads/benchmarks.sh                      # every benchmark the README quotes
#   test-workloads/benchmarks.sh 'PerfOverhead' -p path=JNA   # a JMH regex, then JMH options
# JAVA_HOME chooses the JDK the benchmarks run on (the build itself runs on the default JDK).
# Figures are CPU time of the benchmark thread (task-clock, Countersign's own JMH profiler) and
# allocation per op (-prof gc): on a shared machine wall time moves with the other builds.
set -euo pipefail
cd "$(dirname "$0")/.."

include=${1:-'PerfOverheadBenchmark|PerfSyscallBreakdownBenchmark|InvocationFloorBenchmark.(countersign|direct)'}
shift || true

./mvnw -B -q test-compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -pl test-workloads -am -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=runtime
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
echo "JDK: $("$java" -version 2>&1 | head -1); load: $(cut -d' ' -f1-3 /proc/loadavg)"
"$java" --enable-native-access=ALL-UNNAMED -Djmh.ignoreLock=true \
  -cp "test-workloads/target/classes:$(cat test-workloads/target/cp.txt)" org.openjdk.jmh.Main \
  "$include" -f 1 -wi 3 -i 5 -w 1s -r 2s \
  -prof 'dev.countersign.jmh.CountersignProfiler:events=task-clock' -prof gc "$@"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
