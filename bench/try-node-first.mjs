// The /try/ worker's first runs under node: the 40 warm-up rounds of the page's two samples, then N runs of one
// large inventory (read, all checkers, counts and the first view), each printed in ms. Run from the repository root
// after bench/try-node.sh has written bench/work/checkers.json, inventory-model.json and the inventory:
//   node bench/try-node-first.mjs [bench/work/inventory-10000.json] [RUNS]
// CHECK_DIR=<another checkout>/site-templates/js/check/ times that code instead (A/B, alternating).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const dir = pathToFileURL(resolve(process.env.CHECK_DIR ?? 'site-templates/js/check')).href.replace(/\/?$/, '/');
const { readInventoryBytes, readInventory } = await import(`${dir}inventory.js`);
const { validateTable } = await import(`${dir}engine.js`);
const [inventoryPath = 'bench/work/inventory-10000.json', runs = '3'] = process.argv.slice(2);
const bundle = JSON.parse(readFileSync('bench/work/checkers.json', 'utf8'));
const model = JSON.parse(readFileSync('bench/work/inventory-model.json', 'utf8'));
const severity = (x) => x.severity ?? 'warning';
const samples = ['clean-host', 'problem-host'].map((s) => readFileSync(`site-templates/try-samples/${s}.json`, 'utf8'));
for (let round = 0; round < 40; round++) {
  for (const [i, text] of samples.entries()) {
    const t = await validateTable(readInventory(text, `warmup-${i}`, model).inventory, bundle, { now: Date.now() });
    t.counts();
    t.view({ outcome: 'attention' }, severity, 200);
  }
}
const bytes = new Uint8Array(readFileSync(inventoryPath));
const times = [];
for (let k = 0; k < Number(runs); k++) {
  const t0 = performance.now();
  const { inventory } = readInventoryBytes(bytes, inventoryPath, model);
  const results = await validateTable(inventory, bundle, { now: Date.now() });
  results.counts();
  results.view({ outcome: 'attention' }, severity, 200);
  times.push(Math.round(performance.now() - t0));
}
console.log(`after the warm-up, ${inventoryPath}: ${times.join(' ')} ms`);
