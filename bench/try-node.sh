#!/usr/bin/env bash
# Benchmark of the browser validator's engine under node: one generated host with N virtual machines (default
# 10,000), all checkers, through site-templates/js/check (the same modules the /try/ page bundles). Prints the
# in-process timings, then the wall time of the whole node command next to `bpacat validate` (its Java peer) on
# the same inventory and format, with the ratio. The Chromium number is measured by the /try/ page's browser bench.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-10000}"
mkdir -p bench/work
[ -f target/bpacat.jar ] || mvn -B -q package -DskipTests
[ -d node_modules/jsonata ] || npm ci --no-audit --no-fund --silent
python3 bench/generate-inventory.py "$n" > "bench/work/inventory-$n.json"
java -cp target/bpacat.jar bench/BundleWriter.java content bench/work
node bench/try-node.mjs bench/work/checkers.json bench/work/inventory-model.json "bench/work/inventory-$n.json"
# wall and CPU (user + system) seconds of each whole command: the machine may be shared, CPU time is steadier
TIMEFORMAT='%R %U %S'
node_t=$( { time node site-templates/js/check/validate-cli.mjs bench/work/checkers.json bench/work/inventory-model.json \
  "bench/work/inventory-$n.json" sarif > "bench/work/result-$n.node.sarif"; } 2>&1 | tail -1)
java_t=$( { time java -jar target/bpacat.jar validate "bench/work/inventory-$n.json" --content content --format sarif \
  -o "bench/work/result-$n.sarif" 2>/dev/null || true; } 2>&1 | tail -1)
read -r nw nu ns <<< "$node_t"
read -r jw ju js <<< "$java_t"
awk -v nw="$nw" -v nc="$(awk "BEGIN{print $nu+$ns}")" -v jw="$jw" -v jc="$(awk "BEGIN{print $ju+$js}")" 'BEGIN {
  printf "whole command, SARIF: node validate-cli %.1f s (cpu %.1f s), bpacat validate (Java) %.1f s (cpu %.1f s)\n", nw, nc, jw, jc
  printf "ratio node/Java: wall %.2f, cpu %.2f\n", nw / jw, nc / jc }'
if cmp -s "bench/work/result-$n.node.sarif" "bench/work/result-$n.sarif"; then
  echo "SARIF reports are byte-identical"
else
  echo "SARIF reports differ" >&2
  exit 1
fi
