#!/usr/bin/env bash
# Benchmark: all checkers over one generated host with N virtual machines (default 10,000).
# Prints the in-JVM timings (read+normalize, cold run, warm runs, slowest checkers) and the wall time of the
# whole `bpacat validate` command. Targets (issue 5): under 1 s warm, under 2 s for the whole command.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-10000}"
mkdir -p bench/work
[ -f target/bpacat.jar ] || mvn -B -q package -DskipTests
python3 bench/generate-inventory.py "$n" > "bench/work/inventory-$n.json"
java -cp target/bpacat.jar bench/CheckerBench.java "bench/work/inventory-$n.json" content
start=$(date +%s%N)
set +e
java -jar target/bpacat.jar validate "bench/work/inventory-$n.json" --content content --format sarif \
  -o "bench/work/result-$n.sarif"
code=$?
set -e
end=$(date +%s%N)
echo "whole command (bpacat validate, SARIF, exit $code): $(( (end - start) / 1000000 )) ms"
