#!/usr/bin/env bash
# Benchmark: all checkers over one generated host with N virtual machines (default 10,000).
# Prints the in-JVM timings (read+normalize, cold run, warm runs, slowest checkers) and the time of the whole
# `bpacat validate` command, as plain `java -jar` and through bin/bpacat (C1 only, parallel GC, class-data
# sharing archive), each run RUNS times (default 3), then bin/bpacat with --no-cache (the rule labels read from the
# catalog's pages instead of kept by the first run). Targets (issue 5): under 1 s warm, under 2 s for the whole
# command. The machine may be shared: the load average is printed, and processor (user + sys) time with each wall
# time.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-10000}"
runs="${RUNS:-3}"
mkdir -p bench/work
[ -f target/bpacat.jar ] || mvn -B -q package -DskipTests
inv="bench/work/inventory-$n.json"
[ -f "$inv" ] || python3 bench/generate-inventory.py "$n" > "$inv"
java -cp target/bpacat.jar bench/CheckerBench.java "$inv" content
TIMEFORMAT='%R s wall, %U s user, %S s sys'
whole() {
  local label=$1; shift
  local code
  for ((i = 1; i <= runs; i++)); do
    set +e
    t=$( { time "$@" validate "$inv" --content content --format sarif -o "bench/work/result-$n.sarif" \
      ${EXTRA:-} >/dev/null 2>&1; } 2>&1 )
    code=$?
    set -e
    echo "whole command, $label (SARIF, exit $code): $t"
  done
}
python3 bench/generate-inventory.py 10 > bench/work/inventory-10.json
# the first run of bin/bpacat writes its class-data sharing archive and keeps the content's rule labels
bin/bpacat validate bench/work/inventory-10.json --content content -o bench/work/result-10.txt >/dev/null 2>&1 || true
whole "java -jar" java -jar target/bpacat.jar
whole "bin/bpacat" bin/bpacat
EXTRA=--no-cache whole "bin/bpacat --no-cache" bin/bpacat
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
