#!/usr/bin/env node
// Runs the browser's analysis chain from the command line, for AnalysisParityTest and for people:
//   echo '{"language":"it","stopWords":["di"],"texts":["Replica di Hyper-V"]}' | node analyze-cli.mjs
// Input (stdin, JSON): {language, stopWords (array, optional), texts (array of strings)}.
// Output (stdout, JSON): one array per text of {term, start, end}; with "output": "words", one array per
// text of its raw words (SearchAnalyzer.rawWords: before stop words and stemming).
// With {"unicode": true} instead, prints the character tables the tokenizer and folding rely on (word and
// CJK code point ranges, lower-case and folding maps), so the test can compare them with Java's.
import { loadAnalyzer, fold, isCjk, isWordChar, lower, words } from './analysis.js';

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function ranges(predicate) {
  const out = [];
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (!predicate(cp)) continue;
    const last = out[out.length - 1];
    if (last && last[1] === cp - 1) last[1] = cp;
    else out.push([cp, cp]);
  }
  return out;
}

function unicodeTables() {
  const lowered = {};
  const folded = {};
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const s = String.fromCodePoint(cp);
    const l = lower(s);
    if (l !== s) lowered[cp] = l;
    const f = fold(s);
    if (f !== s) folded[cp] = f;
  }
  return { word: ranges(isWordChar), cjk: ranges(isCjk), lower: lowered, fold: folded };
}

async function main(input) {
  let request;
  try {
    request = JSON.parse(input);
  } catch (e) {
    throw new Error(`stdin is not JSON: ${e.message}`);
  }
  if (request.unicode) return unicodeTables();
  if (typeof request.language !== 'string' || !Array.isArray(request.texts)) {
    throw new Error('expected {"language": "en", "stopWords": [...], "texts": ["..."]} on stdin');
  }
  if (request.output === 'words') return request.texts.map(words);
  const analyzer = await loadAnalyzer(request.language, request.stopWords);
  return request.texts.map((text) => analyzer.tokens(text));
}

readStdin()
  .then(async (input) => process.stdout.write(JSON.stringify(await main(input))))
  .catch((e) => {
    process.stderr.write(`analyze-cli: ${e.message}\n`);
    process.exitCode = 1;
  });
