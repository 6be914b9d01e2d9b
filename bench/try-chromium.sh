#!/usr/bin/env bash
# Benchmark (issue 6): one generated host with N virtual machines (default 10,000), all checkers, validated by the
# site's /try/ page in headless Chromium (Debian's chromium and chromium-driver), from choosing the file to the
# results on the page; bpacat validate on the same file is the peer, in the same run. Target: under 1.5 s.
# The page's own clock is the headline (file chosen → results painted); WebDriver's view and the worker's share are printed
# beside it, and one run chooses the file before the worker has warmed up.
# Usage: bench/try-chromium.sh [N] [RUNS]; BPACAT_PROCESSORS=K makes the page see K processors (above 2 it splits
# a validation over two workers).
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-10000}"
runs="${2:-5}"
mkdir -p bench/work
[ -f target/bpacat.jar ] || mvn -B -q package -DskipTests
python3 bench/generate-inventory.py "$n" > "bench/work/inventory-$n.json"
rm -rf bench/work/try-site
java -jar target/bpacat.jar build --content content --out bench/work/try-site > /dev/null
[ -f bench/work/try-site/assets/check-worker.js ] || { echo "target/bpacat.jar has no /try/ validator: rebuild it (mvn -B package -DskipTests)" >&2; exit 2; }
[ -s bench/work/test-classpath.txt ] || mvn -B -q dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=bench/work/test-classpath.txt
java ${BPACAT_PROCESSORS:+-Dbpacat.processors=$BPACAT_PROCESSORS} -cp "target/bpacat.jar:$(cat bench/work/test-classpath.txt)" bench/TryChromium.java bench/work/try-site \
  "bench/work/inventory-$n.json" "$runs"
