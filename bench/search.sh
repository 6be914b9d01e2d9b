#!/usr/bin/env bash
# Search benchmark: our search (search/ files + the engine module) next to Pagefind (npm package `pagefind`, run on
# the same generated site) in headless Chromium, on the real corpus and on a generated corpus (bench/gen_corpus.py).
# Per engine: index size on disk, bytes a new visitor downloads for a first query and for a second one (gzip as a
# static host sends it; median and max over the judged queries), query latency in the page (p50, p95; a query's first
# run, fetching its files from 127.0.0.1, and a repeat; each query's median over PASSES passes on a newly loaded page,
# default 3, and the p95 of all passes' runs beside it), recall@5 on the judged set (real corpus only: the generated
# pages are copies with new IDs).
# Usage: bench/search.sh [SIZES...]   (default: 20000; run from anywhere; builds the jar when missing)
#        SKIP_CORPUS=1 bench/search.sh 20000   (only the generated corpus)
#        REUSE_SITE=1 bench/search.sh   (keep sites built by an earlier run: same jar, bench code changed)
#        DEVTOOLS_NETWORK=1 bench/search.sh   (with Chromium's DevTools Network domain on, as figures before it was off)
# Where a first run's time goes (its requests, slowest queries first):
#        python3 bench/search_trace.py bench/work/result-gen-20000-ours.json bench/work/judged.json
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-20000}")
read -r -a sizes <<< "${sizes[*]}"
corpus=../shared/corpus
jar=target/bpacat.jar
work=bench/work
config=src/test/resources/site/corpus-site.yaml
pagefind_version=1.6.0
[ -d "$corpus" ] || { echo "no corpus at $corpus: nothing to measure"; exit 0; }
[ -f "$jar" ] || mvn -B -q package -DskipTests
[ -x node_modules/.bin/esbuild ] || npm ci --no-audit --no-fund >/dev/null
mkdir -p "$work/pagefind" "$work/harness/engine"
if [ ! -x "$work/pagefind/node_modules/.bin/pagefind" ]; then
  (cd "$work/pagefind" && echo '{"private":true}' > package.json \
    && npm install --no-audit --no-fund "pagefind@$pagefind_version" >/dev/null)
fi
pagefind="$work/pagefind/node_modules/.bin/pagefind"

# The bench page and our engine, bundled as the site bundles it (esbuild, minified, stemmers as lazy chunks).
cp bench/search-harness.html "$work/harness/harness.html"
cp bench/search-harness.js "$work/harness/harness.js"
rm -rf "$work/harness/engine"
node_modules/.bin/esbuild site-templates/js/search/engine.js --bundle --splitting --format=esm --minify \
  --target=es2020 --legal-comments=none --outdir="$work/harness/engine" --log-level=warning
python3 -c 'import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))["queries"]))' \
  src/test/resources/search/judged-queries.yaml > "$work/judged.json"

echo "$(chromium --version 2>/dev/null | head -1), pagefind $($pagefind --version | cut -d' ' -f2), node $(node --version), DevTools Network domain $([ -n "${DEVTOOLS_NETWORK:-}" ] && echo on || echo off), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

bench_site() { # name content-dir
  local name=$1 content=$2 site="$work/search-site-$1"
  if [ -z "${REUSE_SITE:-}" ] || [ ! -f "$site/search/meta.json" ]; then
    java -jar "$jar" build --content "$content" --out "$site" --site-config "$config" >/dev/null 2>&1 || true
  fi
  [ -f "$site/search/meta.json" ] || { echo "bpacat build failed for $content"; exit 1; }
  "$pagefind" --site "$site" --glob '*/rules/**/*.html' >/dev/null
  for engine in ours pagefind; do
    node --experimental-websocket --no-warnings bench/search-bench.mjs "$site" "$work/harness" "$work/judged.json" \
      "$engine" > "$work/result-$name-$engine.json"
  done
  python3 bench/search_report.py "$name" "$site" "$work/harness/engine" "$work/judged.json" \
    "$work/result-$name-ours.json" "$work/result-$name-pagefind.json"
}

[ -n "${SKIP_CORPUS:-}" ] || bench_site corpus "$corpus"
for size in "${sizes[@]}"; do
  [ -d "$work/gen-$size" ] || python3 bench/gen_corpus.py "$corpus" "$work/gen-$size" "$size" >/dev/null
  bench_site "gen-$size" "$work/gen-$size"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
