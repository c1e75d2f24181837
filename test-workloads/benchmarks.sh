#!/usr/bin/env bash
# Countersign's own benchmarks: the figures of README.md's "Performance figures" (all but the
# simulator's slowdown and fidelity rows, from their figures tests, and the statistics' A/A and
# power rows, from docs/statistics.md), measured in one run so that they are ratios side by side.
# The load average is printed before and after each part.
#
#   test-workloads/benchmarks.sh                   # every part below, in this order
#   test-workloads/benchmarks.sh jmh|memory|suite  # one part
#   test-workloads/benchmarks.sh 'PerfOverhead' -p events=8   # a JMH regex, then JMH options
#                                                             # (these replace the defaults)
# Parts:
#   jmh     the probe (PerfOverheadBenchmark, PerfSyscallBreakdownBenchmark, 4 events, read through
#           FFM on JDK 22+, else JNA), the per-invocation floor and the cross-check against JMH
#           (InvocationFloorBenchmark countersign/direct), the statistics of one build
#           (StatisticsBenchmark), check at scale (CheckScaleBenchmark), the history store
#           (HistoryBenchmark): CPU time of the benchmark thread (task-clock, Countersign's own
#           JMH profiler; wall time moves with the other builds on a shared machine) and
#           allocation per op (-prof gc)
#   memory  the smallest heap check needs at 10^5 and 10^6 samples (CheckMemoryBenchmark)
#   suite   the main job on a fresh clone of HEAD (dependencies cached in ~/.m2): its wall time
#           and the sample suite's report.html; then the regressed twins, whose build must fail
#           naming each of them (the builds' logs are kept in test-workloads/target/benchmarks)
# JAVA_HOME chooses the JDK of the build and of the jmh and memory parts (suite: of the main job).
set -euo pipefail
cd "$(dirname "$0")/.."

load() { echo "load $1: $(cut -d' ' -f1-3 /proc/loadavg) ($(date -u +%H:%M:%S) UTC)"; }
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
feature=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
path=$([ "${feature:-17}" -ge 22 ] && echo FFM || echo JNA)

build() {
  ./mvnw -B -q test-compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -pl test-workloads -am -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=runtime
  cp="test-workloads/target/classes:$(cat test-workloads/target/cp.txt)"
}

jmh() {
  local include=$1
  shift
  local options=("$@")
  if [ ${#options[@]} -eq 0 ]; then
    options=(-f 1 -wi 2 -i 4 -w 1s -r 1s -p events=4 -p "path=$path")
  fi
  echo "== jmh on JDK $feature: $include ${options[*]}"
  load before
  "$java" --enable-native-access=ALL-UNNAMED -Djmh.ignoreLock=true -cp "$cp" org.openjdk.jmh.Main \
    "$include" "${options[@]}" \
    -prof 'dev.countersign.jmh.CountersignProfiler:events=task-clock' -prof gc
  load after
}

memory() {
  echo "== memory: CheckMemoryBenchmark on JDK $feature"
  load before
  "$java" -cp "$cp" dev.countersign.benchmarks.CheckMemoryBenchmark 100000 1000000
  load after
}

suite() {
  local dir logs=test-workloads/target/benchmarks
  dir=$(mktemp -d)
  mkdir -p "$logs"
  trap 'cp "$dir"/*.log "$logs"/ 2>/dev/null; rm -rf "$dir"' RETURN
  git clone -q . "$dir/clone"
  echo "== suite: the main job on a fresh clone of $(git rev-parse --short HEAD)"
  load before
  local TIMEFORMAT="main job: %R s wall, %U s user + %S s system CPU (Maven and the test JVMs)"
  time (cd "$dir/clone" && ./mvnw -B verify -pl test-workloads -am -DskipUTs > "$dir/main.log" 2>&1) \
    || { tail -60 "$dir/main.log"; echo "the main job failed"; return 1; }
  load after
  grep -E 'performance test\(s\)|Tests run: [0-9]+, F[^-]*$|BUILD' "$dir/main.log" || true
  echo "sample suite report.html:" \
    "$(stat -c %s "$dir/clone/test-workloads/target/countersign/report.html") B"
  echo "== suite: the regressed twins (-Dcountersign.workloads.regressed=all), same clone"
  load before
  if (cd "$dir/clone" && ./mvnw -B verify -pl test-workloads -am -DskipUTs \
      -Dcountersign.workloads.regressed=all > "$dir/regressed.log" 2>&1); then
    tail -60 "$dir/regressed.log"
    echo "the regressed twins' build passed: the gate caught nothing"
    return 1
  fi
  load after
  local caught
  caught=$(grep -E '^\[[A-Z]+\] +[A-Za-z]+PerfTest\.[A-Za-z]+ .*(REGRESSION|OVER BUDGET)' \
    "$dir/regressed.log" | awk '{print $2}' | sort -u)
  echo "twins failing the build (REGRESSION or OVER BUDGET): $(echo "$caught" | grep -c .)"
  echo "$caught" | sed 's/^/  /'
  for b in test-workloads/src/test/countersign/*.json; do
    local t
    t=$(basename "$b" .json | sed 's/^.*\.\([A-Za-z]*PerfTest\.\)/\1/')
    if ! grep -qx "$t" <<< "$caught"; then
      echo "NOT caught: $t"
      grep -E "^\[[A-Z]+\] +$t " "$dir/regressed.log" | grep -v UNAVAILABLE | head -3
    fi
  done
}

part=${1:-all}
case "$part" in
  all)
    build
    jmh 'PerfOverheadBenchmark|PerfSyscallBreakdownBenchmark|InvocationFloorBenchmark.(countersign|direct)|StatisticsBenchmark|CheckScaleBenchmark|HistoryBenchmark'
    memory
    suite ;;
  jmh)
    build
    jmh 'PerfOverheadBenchmark|PerfSyscallBreakdownBenchmark|InvocationFloorBenchmark.(countersign|direct)|StatisticsBenchmark|CheckScaleBenchmark|HistoryBenchmark' ;;
  memory) build; memory ;;
  suite) suite ;;
  *) shift; build; jmh "$part" "$@" ;;
esac
