// Runs the browser search engine under node on an exported index, for parity tests with `bpacat search`.
// Usage: node search-cli.mjs SEARCH_DIR < queries.json   (queries: [{text, filters}] → [[{id, locale, score}]])
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSearch } from './engine.js';

const dir = process.argv[2];
const queries = JSON.parse(readFileSync(0, 'utf8'));
const engine = createSearch({ load: (path) => JSON.parse(readFileSync(join(dir, path), 'utf8')) });
const out = [];
for (const q of queries) {
  const result = await engine.search(q.text, q.filters || {}, q.n || 10);
  out.push(result.hits.map((h) => ({ id: h.id, locale: h.locale, score: h.score })));
}
process.stdout.write(JSON.stringify(out));
