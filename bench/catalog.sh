#!/usr/bin/env bash
# Times parse + catalog (`bpacat lint`) on the real corpus and on a generated 20,000-page corpus.
# Usage: bench/catalog.sh [PAGES]   (run from the project root after `mvn -q package -DskipTests`)
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-20000}
corpus=../shared/corpus
jar=target/bpacat.jar
work=bench/work
[ -f "$jar" ] || mvn -B -q package -DskipTests
[ -d "$corpus" ] || { echo "no corpus at $corpus: nothing to measure"; exit 0; }
rm -rf "$work/gen-$pages"
python3 bench/gen_corpus.py "$corpus" "$work/gen-$pages" "$pages" >/dev/null

measure() { # name dir runs
  local name=$1 dir=$2 runs=$3 n best=999999 t0 t1 ms
  n=$(find "$dir" -name '*.md' | wc -l)
  for _ in $(seq "$runs"); do
    t0=$(date +%s%N)
    java -jar "$jar" lint --content "$dir" >/dev/null || true
    t1=$(date +%s%N)
    ms=$(( (t1 - t0) / 1000000 ))
    [ "$ms" -lt "$best" ] && best=$ms
  done
  printf '%-22s %6d pages  best of %d: %6d ms  %8.0f pages/s (JVM start included)\n' \
    "$name" "$n" "$runs" "$best" "$(echo "$n * 1000 / $best" | bc -l)"
}
measure "real corpus" "$corpus" 5
measure "generated" "$work/gen-$pages" 3
