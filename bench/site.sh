#!/usr/bin/env bash
# Site build benchmark: bpacat next to Hugo (Debian package `hugo`) on the same Markdown, in the same run, on the
# real corpus and on generated 5,000- and 20,000-page corpora (bench/gen_corpus.py); then the time `bpacat serve`
# takes to rebuild after one page changes. bpacat runs as its users run it: through bin/bpacat (the JVM options).
# Usage: bench/site.sh [SIZES...]   (default: 5000 20000; run from anywhere; builds the jar when missing)
#        SERVE_ONLY=1 bench/site.sh  (only the serve rebuild times)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-5000 20000}")
read -r -a sizes <<< "${sizes[*]}"
corpus=../shared/corpus
jar=target/bpacat.jar
work=bench/work
config=src/test/resources/site/corpus-site.yaml
[ -f "$jar" ] || mvn -B -q package -DskipTests
[ -d "$corpus" ] || { echo "no corpus at $corpus: nothing to measure"; exit 0; }
mkdir -p "$work"
have_hugo=1
command -v hugo >/dev/null 2>&1 || { have_hugo=0; echo "hugo is not installed (apt-get install hugo): bpacat alone"; }
[ $have_hugo = 1 ] && echo "$(hugo version | cut -d' ' -f1-2), $(java -version 2>&1 | head -1), $(nproc) cores"

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

best_of() { # runs command... : prints the best wall time in ms
  local runs=$1 best=999999999 t0 t; shift
  for _ in $(seq "$runs"); do
    t0=$(date +%s%N); "$@" >/dev/null 2>&1 || true; t=$(ms "$t0")
    [ "$t" -lt "$best" ] && best=$t
  done
  echo "$best"
}

compare() { # name dir runs: each tool builds into an empty folder, then again over its own output (best of runs)
  local name=$1 dir=$2 runs=$3 n b bf h hf
  n=$(find "$dir" -name '*.md' | wc -l)
  bpacat_build() { bin/bpacat build --content "$dir" --out "$work/out-bpacat" --site-config "$config"; }
  hugo_build() {
    hugo --quiet --source bench/hugo-site --contentDir "$(realpath "$dir")" \
      --destination "$(realpath -m "$work/out-hugo")" --cleanDestinationDir
  }
  rm -rf "$work/out-bpacat" "$work/.out-bpacat.bpacat-previous" "$work/out-hugo"
  # the first build into an empty folder is noisy on a file system like this machine's (ext4 without a journal):
  # after many files were deleted, making new inodes can cost from 8 s to over 30 s of system time from one run to
  # the next (perf: ext4's recently_deleted and find_get_block; a pause or a sync before did not change that);
  # the rebuild is the stable figure
  bf=$(best_of 1 bpacat_build)
  b=$(best_of "$runs" bpacat_build)
  local files; files=$(find "$work/out-bpacat" -type f | wc -l)
  if [ $have_hugo = 1 ]; then
    hf=$(best_of 1 hugo_build)
    h=$(best_of "$runs" hugo_build)
    local hfiles; hfiles=$(find "$work/out-hugo" -type f | wc -l)
    printf '%-16s %6d pages | bpacat %6d ms %7.0f pages/s (%d files) | hugo %6d ms %7.0f pages/s | bpacat/hugo time %.2f\n' \
      "$name" "$n" "$b" "$(echo "$n*1000/$b" | bc -l)" "$files" "$h" "$(echo "$n*1000/$h" | bc -l)" "$(echo "$b/$h" | bc -l)"
    printf '%-16s %6s       | into an empty folder: bpacat %6d ms | hugo %6d ms | bpacat/hugo time %.2f\n' \
      "" "" "$bf" "$hf" "$(echo "$bf/$hf" | bc -l)"
    printf '%-16s %6s       | files written per second (rebuild): bpacat %7.0f (%d files) | hugo %7.0f (%d files) | hugo/bpacat rate %.2f\n' \
      "" "" "$(echo "$files*1000/$b" | bc -l)" "$files" "$(echo "$hfiles*1000/$h" | bc -l)" "$hfiles" \
      "$(echo "($hfiles/$h)/($files/$b)" | bc -l)"
  else
    printf '%-16s %6d pages | bpacat %6d ms %7.0f pages/s (%d files); into an empty folder %d ms\n' "$name" "$n" "$b" \
      "$(echo "$n*1000/$b" | bc -l)" "$files" "$bf"
  fi
}

if [ -z "${SERVE_ONLY:-}" ]; then
echo "== full builds, JVM start included: a rebuild over the tool's own output of the same input (best of N runs),"
echo "   then the first build into an empty folder (bpacat writes every page in every locale, pickers, redirects,"
echo "   catalog.json, and checks every link; a rebuild keeps the files whose bytes did not change, and writes into"
echo "   the output the build before it replaced, kept beside: the first rebuild has none, so at least 2 runs)"
compare "real corpus" "$corpus" 3
for size in "${sizes[@]}"; do
  [ -d "$work/gen-$size" ] || python3 bench/gen_corpus.py "$corpus" "$work/gen-$size" "$size" >/dev/null
  compare "generated" "$work/gen-$size" 2
done
fi

echo "== bpacat serve: one page changed, time to rebuild and send the reload (10 edits, after 3 warm-up edits)"
echo "   (from the file write: until a page listening for reloads, as every served page does, hears it)"
serve_bench() { # name content-dir page-to-edit
  local name=$1 src=$2 page=$3 dir="$work/serve-content" log="$work/serve.log" events="$work/serve-events.log"
  local pid listener i t0 before times=() total=() search=() url
  rm -rf "$dir" && cp -r "$src" "$dir" && cp "$config" "$dir/site.yaml"
  bin/bpacat serve --content "$dir" --out "$work/serve-out" --port 0 >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 600); do grep -q '^serving' "$log" && break; sleep 0.1; done
  url=$(sed -nE 's/^serving .* at (http[^ ]+) .*/\1/p' "$log")
  : > "$events"
  # an open page: the reload events, each with the time it arrived
  curl -sN "${url}__bpacat/events" | while IFS= read -r line; do
    [ "${line#event: reload}" != "$line" ] && echo "$(date +%s%N)" >> "$events"
  done &
  listener=$!
  sleep 0.5
  for i in $(seq 13); do
    before=$(grep -c '^rebuilt' "$log" || true)
    local heard; heard=$(wc -l < "$events")
    t0=$(date +%s%N)
    printf '\nEdit number %d of the benchmark.\n' "$i" >> "$dir/$page"
    until [ "$(wc -l < "$events")" -gt "$heard" ]; do sleep 0.002; done
    local at; at=$(tail -1 "$events")
    until [ "$(grep -c '^rebuilt' "$log" || true)" -gt "$before" ]; do sleep 0.005; done
    if [ "$i" -gt 3 ]; then
      total+=("$(( (at - t0) / 1000000 ))")
      times+=("$(grep '^rebuilt' "$log" | tail -1 | sed -E 's/rebuilt in ([0-9]+) ms.*/\1/')")
      search+=("$(grep '^rebuilt' "$log" | tail -1 | sed -E 's/.*search index ([0-9]+) ms.*/\1/')")
    fi
    sleep 0.3
  done
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  kill "$listener" 2>/dev/null || true; pkill -f "curl -sN ${url}__bpacat/events" 2>/dev/null || true
  wait "$listener" 2>/dev/null || true
  med() { printf '%s\n' "$@" | sort -n | sed -n 5p; }
  printf '%-16s %4d pages | rebuild + reload sent: median %d ms (min %d, max %d) | from the file write to the reload heard: median %d ms (max %d) | new search index served: median %d ms\n' \
    "$name" "$(find "$src" -name '*.md' | wc -l)" "$(med "${times[@]}")" "$(printf '%s\n' "${times[@]}" | sort -n | head -1)" \
    "$(printf '%s\n' "${times[@]}" | sort -n | tail -1)" "$(med "${total[@]}")" "$(printf '%s\n' "${total[@]}" | sort -n | tail -1)" \
    "$(med "${search[@]}")"
}
[ -d content ] && serve_bench "content/" content en-us/Avoid-pausing-a-virtual-machine.md
serve_bench "real corpus" "$corpus" en-us/Avoid-pausing-a-virtual-machine.md
