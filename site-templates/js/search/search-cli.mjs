// Runs the browser search engine under node on an exported index, for parity tests with `bpacat search`.
// Usage: node search-cli.mjs SEARCH_DIR [--rounds] < queries.json
//   queries: [{text, filters}] → [[{id, locale, score}]]
//   --rounds: → per query, run by a new engine after prepare(), the rounds of requests it makes: [[paths requested
//   together], ...]; each round's files are delivered only once the engine waits for them and asks for nothing more.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSearch } from './engine.js';

const dir = process.argv[2];
const rounds = process.argv.includes('--rounds');
const queries = JSON.parse(readFileSync(0, 'utf8'));
const read = (path) => JSON.parse(readFileSync(join(dir, path), 'utf8'));
const readBytes = (path) => readFileSync(join(dir, path));
let pending = null;
const later = (path, reader) => new Promise((ok, fail) => pending.push({ path, reader, ok, fail }));
const newEngine = () => createSearch({
  load: (path) => (pending ? later(path, read) : read(path)),
  loadBytes: (path) => (pending ? later(path, readBytes) : readBytes(path)),
});
let engine = newEngine();
const settled = () => new Promise((ok) => setImmediate(ok));

/** Runs one query, delivering the files it asks for in rounds; returns the paths of each round. */
async function inRounds(q) {
  engine = newEngine();
  await engine.prepare();
  pending = [];
  let done = false;
  const search = engine.search(q.text, q.filters || {}, q.n || 10).finally(() => { done = true; });
  const out = [];
  for (await settled(); !done; await settled()) {
    if (!pending.length) continue;
    const round = pending.splice(0);
    out.push(round.map((r) => r.path).sort());
    for (const r of round) {
      try {
        r.ok(r.reader(r.path));
      } catch (e) {
        r.fail(e);
      }
    }
  }
  await search;
  pending = null;
  return out;
}

const out = [];
for (const q of queries) {
  if (rounds) {
    out.push(await inRounds(q));
  } else {
    const result = await engine.search(q.text, q.filters || {}, q.n || 10);
    out.push(result.hits.map((h) => ({ id: h.id, locale: h.locale, score: h.score })));
  }
}
process.stdout.write(JSON.stringify(out));
