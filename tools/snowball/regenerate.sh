#!/usr/bin/env bash
# Regenerates site-templates/js/search/stemmers/snowball-<language>.js from the Snowball stemmers in the sources
# jar of the lucene-analysis-common version the pom uses (fetched from Maven Central by Maven).
#
#   tools/snowball/regenerate.sh                 # the languages the site uses
#   tools/snowball/regenerate.sh Dutch Swedish   # more (add them to snowball.js and SnowballParityTest too)
#
# Then run SnowballParityTest (mvn -B verify) to check each module against Lucene's Java stemmer.
set -euo pipefail
cd "$(dirname "$0")/../.."

languages=("$@")
if [ ${#languages[@]} -eq 0 ]; then
  languages=(English French German Italian Portuguese Spanish)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
evaluate() { # a Maven expression, written to a file (stdout carries colour codes)
  mvn -B -q help:evaluate -Dexpression="$1" -Doutput="$work/value" >/dev/null
  cat "$work/value"
}
version=$(evaluate lucene.version)
repo=$(evaluate settings.localRepository)
mvn -B -q dependency:get -Dartifact="org.apache.lucene:lucene-analysis-common:${version}:jar:sources" \
  -Dtransitive=false
jar="$repo/org/apache/lucene/lucene-analysis-common/${version}/lucene-analysis-common-${version}-sources.jar"
out=site-templates/js/search/stemmers
for name in "${languages[@]}"; do
  entry="org/tartarus/snowball/ext/${name}Stemmer.java"
  unzip -q -o "$jar" "$entry" -d "$work"
  target="$out/snowball-$(echo "$name" | tr '[:upper:]' '[:lower:]').js"
  node tools/snowball/convert.mjs "$work/$entry" \
    "$entry in lucene-analysis-common ${version} (sources jar)" > "$target.tmp"
  mv "$target.tmp" "$target"
  echo "$target"
done
