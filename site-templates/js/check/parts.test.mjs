// A validation split over two workers gives the report of one: each part runs every other checker, the helper's
// results go through pack() and unpack() (as through a MessagePort), and merge() restores checker order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readInventory } from './inventory.js';
import { validate } from './engine.js';
import { byChecker, merge, pack, unpack } from './parts.js';
import { contentBundle, generatedInventory, model } from './fixtures.mjs';

const bundle = contentBundle();
const { checkers } = bundle;

test('two parts, the second packed and unpacked, merge into the results of one run', async (t) => {
  const text = generatedInventory(t, 60);
  if (text === null) return;
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
