// Times the browser validator under node: read + normalize, then all checkers, cold and warm, and the SARIF export.
// Usage: node bench/try-node.mjs CHECKERS.json INVENTORY-MODEL.json INVENTORY.json [WARM_RUNS] [--slowest]
import { readFileSync } from 'node:fs';
import { readInventoryBytes } from '../site-templates/js/check/inventory.js';
import { validate } from '../site-templates/js/check/engine.js';
import { toSarif } from '../site-templates/js/check/report.js';

const [bundlePath, modelPath, inventoryPath, warmArg] = process.argv.slice(2);
const bundle = JSON.parse(readFileSync(bundlePath, 'utf8'));
const model = JSON.parse(readFileSync(modelPath, 'utf8'));
const bytes = new Uint8Array(readFileSync(inventoryPath));
// wall time, and the CPU time of this process (less sensitive to other load on the machine)
let cpu0 = process.cpuUsage();
const ms = (t) => {
  const c = process.cpuUsage(cpu0);
  cpu0 = process.cpuUsage();
  return `${Math.round(performance.now() - t)} ms (cpu ${Math.round((c.user + c.system) / 1000)} ms)`;
};

let t = performance.now();
cpu0 = process.cpuUsage();
let { inventory } = readInventoryBytes(bytes, inventoryPath, model);
console.log(`read+normalize (${(bytes.length / 1048576).toFixed(1)} MB): ${ms(t)}`);
t = performance.now();
cpu0 = process.cpuUsage();
let results = await validate(inventory, bundle);
console.log(`all ${bundle.checkers.length} checkers, cold: ${ms(t)} (${results.length} results)`);
const warm = [];
for (let i = 0; i < Number(warmArg ?? 3); i++) {
  ({ inventory } = readInventoryBytes(bytes, inventoryPath, model));
  t = performance.now();
  const c0 = process.cpuUsage();
  results = await validate(inventory, bundle);
  const c = process.cpuUsage(c0);
  warm.push([performance.now() - t, (c.user + c.system) / 1000]);
}
warm.sort((a, b) => a[0] - b[0]);
console.log(`all checkers, warm (best of ${warm.length}): ${Math.round(warm[0][0])} ms (cpu ${Math.round(warm[0][1])} ms)`);
t = performance.now();
cpu0 = process.cpuUsage();
const sarif = toSarif(results, { inventories: [inventoryPath] });
console.log(`SARIF export (${(sarif.length / 1048576).toFixed(1)} MB): ${ms(t)}`);
if (!process.argv.includes('--slowest')) process.exit(0);
const slow = [];
for (const c of bundle.checkers) {
  t = performance.now();
  await validate(inventory, bundle, { rules: [c.file.replace(/^checkers\//, '').replace(/\.yaml$/, '')] });
  slow.push([performance.now() - t, c.file]);
}
slow.sort((a, b) => b[0] - a[0]);
console.log(`slowest checkers: ${slow.slice(0, 5).map(([d, f]) => `${f} ${Math.round(d)} ms`).join(', ')}`);
