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
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
start=$(date +%s%N)
node site-templates/js/check/validate-cli.mjs bench/work/checkers.json bench/work/inventory-model.json \
  "bench/work/inventory-$n.json" sarif > "bench/work/result-$n.node.sarif"
node_ms=$(ms "$start")
start=$(date +%s%N)
java -jar target/bpacat.jar validate "bench/work/inventory-$n.json" --content content --format sarif \
  -o "bench/work/result-$n.sarif" || true
java_ms=$(ms "$start")
echo "whole command, SARIF: node validate-cli ${node_ms} ms, bpacat validate (Java) ${java_ms} ms," \
  "ratio node/Java $(awk "BEGIN { printf \"%.2f\", $node_ms / $java_ms }")"
if cmp -s "bench/work/result-$n.node.sarif" "bench/work/result-$n.sarif"; then
  echo "SARIF reports are byte-identical"
else
  echo "SARIF reports differ" >&2
  exit 1
fi
