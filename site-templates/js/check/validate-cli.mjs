// The browser validator under node, for tests and the benchmark:
//   node validate-cli.mjs BUNDLE MODEL INVENTORY FORMAT [--verbose] [--rules IDS] [--exclusions FILE.json]
//                         [--locale L] [--base-url URL] [--time]
//     prints the report (FORMAT json, sarif or csv) as `bpacat validate --format FORMAT` does; exit 3 when the
//     inventory cannot be read (the message on stderr). --time prints the read and validate times to stderr.
//   node validate-cli.mjs BUNDLE MODEL --batch LIST OUT_DIR [--verbose]
//     LIST holds one "path<TAB>name" per line; for line i writes OUT_DIR/i.json, i.sarif and i.csv (or i.error).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readInventoryBytes } from './inventory.js';
import { validate } from './engine.js';
import { toCsv, toJson, toSarif } from './report.js';

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const bool = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return false;
  args.splice(i, 1);
  return true;
};
const verbose = bool('--verbose');
const timed = bool('--time');
const batch = flag('--batch');
const rules = flag('--rules');
const exclusionsFile = flag('--exclusions');
const locale = flag('--locale');
const baseUrl = flag('--base-url');

const [bundlePath, modelPath] = args;
const bundle = JSON.parse(readFileSync(bundlePath, 'utf8'));
const model = JSON.parse(readFileSync(modelPath, 'utf8'));
const options = {
  rules: rules ? rules.split(',') : undefined,
  exclusions: exclusionsFile ? JSON.parse(readFileSync(exclusionsFile, 'utf8')) : undefined,
  locale,
  baseUrl,
};
const writers = { json: toJson, sarif: toSarif, csv: toCsv };

async function one(path, name) {
  const t0 = performance.now();
  const { inventory } = readInventoryBytes(new Uint8Array(readFileSync(path)), name, model);
  const t1 = performance.now();
  const results = await validate(inventory, bundle, options);
  const t2 = performance.now();
  if (timed) process.stderr.write(`read+normalize ${Math.round(t1 - t0)} ms, validate ${Math.round(t2 - t1)} ms, ${results.length} results\n`);
  return results;
}

if (batch) {
  const outDir = args[2];
  const lines = readFileSync(batch, 'utf8').split('\n').filter((l) => l !== '');
  for (let i = 0; i < lines.length; i++) {
    const [path, name] = lines[i].split('\t');
    try {
      const results = await one(path, name ?? path);
      const meta = { inventories: [name ?? path], verbose };
      writeFileSync(join(outDir, `${i}.json`), toJson(results, meta));
      writeFileSync(join(outDir, `${i}.sarif`), toSarif(results, meta));
      writeFileSync(join(outDir, `${i}.csv`), toCsv(results, meta));
    } catch (e) {
      writeFileSync(join(outDir, `${i}.error`), `${e.message}\n`);
    }
  }
} else {
  const [, , inventoryPath, format = 'json'] = args;
  const write = writers[format];
  if (!write) {
    process.stderr.write(`validate-cli: unknown format ${format} (json, sarif, csv)\n`);
    process.exit(2);
  }
  let results;
  try {
    results = await one(inventoryPath, inventoryPath);
  } catch (e) {
    process.stderr.write(`${e.message}\n`);
    process.exit(3);
  }
  process.stdout.write(write(results, { inventories: [inventoryPath], verbose }));
}
