// A validation split over two workers gives the report of one: each part runs every other checker, the helper's
// results go through pack() and unpack() (as through a MessagePort), and merge() restores checker order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { parse } from 'yaml';
import { readInventory } from './inventory.js';
import { validate } from './engine.js';
import { byChecker, merge, pack, unpack } from './parts.js';

const root = new URL('../../../', import.meta.url);
const model = JSON.parse(readFileSync(new URL('src/main/resources/io/bpacat/check/inventory-model.json', root), 'utf8'));
const dir = new URL('content/checkers/', root);
const checkers = readdirSync(dir).filter((f) => f.endsWith('.yaml') && !f.startsWith('_')).sort().map((f) => {
  const c = parse(readFileSync(new URL(f, dir), 'utf8'));
  return { file: `checkers/${f}`, ruleId: c.rule ?? f.replace(/\.yaml$/, ''), scope: c.scope, reads: c.reads ?? {},
    require: c.require ?? [], applies: c.applies ?? null, compliant: c.compliant, values: c.values ?? {},
    message: c.message ?? '', remediation: c.remediation ?? '', examples: c.examples ?? [], lines: {} };
});
const bundle = { model, checkers, rules: {} };

test('two parts, the second packed and unpacked, merge into the results of one run', async (t) => {
  let text;
  try {
    text = execFileSync('python3', [new URL('bench/generate-inventory.py', root).pathname, '60'], { encoding: 'utf8' });
  } catch (e) {
    t.skip(`python3 cannot run bench/generate-inventory.py: ${e.message}`);
    return;
  }
  const inv = () => readInventory(text, 'generated-60.json', model).inventory;
  const exclusions = [{ object: 'vm0000*', reason: 'test "quotes"' }];
  const whole = await validate(inv(), bundle, { exclusions });
  const first = await validate(inv(), bundle, { exclusions, part: { index: 0, of: 2 } });
  const second = await validate(inv(), bundle, { exclusions, part: { index: 1, of: 2 } });
  assert.ok(first.length > 0 && second.length > 0);
  const packed = structuredClone(pack(second));
  const merged = merge(checkers.map((c) => c.file), [byChecker(first), unpack(packed)]);
  assert.equal(merged.length, whole.length);
  assert.deepEqual(merged, whole);
  assert.ok(whole.some((r) => r.excluded) && whole.some((r) => r.missing.length > 0));
});
