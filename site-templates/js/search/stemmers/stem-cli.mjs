#!/usr/bin/env node
// Stems words with the Snowball stemmers of this folder, for parity tests against Lucene's Java stemmers.
// Reads {"language": "it", "words": ["replicazione", ...]} on standard input (language: a primary language subtag
// of SNOWBALL_LANGUAGES) and prints the stems as a JSON array, in the order of the words.
// Exit codes: 0 ok, 2 bad input (the message says what to send).
import { SNOWBALL_LANGUAGES, snowballStemmer } from "./snowball.js";

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

function usage(message) {
  process.stderr.write(`stem-cli: ${message}\n`
    + `send {"language": one of ${Object.keys(SNOWBALL_LANGUAGES).join(", ")}, "words": [strings]} on stdin\n`);
  process.exit(2);
}

const text = await readStdin();
let request;
try {
  request = JSON.parse(text);
} catch (e) {
  usage(`standard input is not JSON (${e.message})`);
}
if (request === null || typeof request !== "object" || !Array.isArray(request.words)) {
  usage('no "words" array');
}
const bad = request.words.findIndex((w) => typeof w !== "string");
if (bad >= 0) usage(`words[${bad}] is not a string`);
const stem = await snowballStemmer(request.language);
if (!stem) usage(`no Snowball stemmer for language ${JSON.stringify(request.language)}`);
process.stdout.write(JSON.stringify(request.words.map(stem)) + "\n");
