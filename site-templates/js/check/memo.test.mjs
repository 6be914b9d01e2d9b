// The memo of expression results (memo.js) changes nothing but speed: memoized and unmemoized evaluation give the
// same results for every example of every checker in content/checkers, for a generated host, and for expressions
// that look at their input in every way JSONata can (keys, whole values, `in`, $type, $lookup, $each, $string).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import jsonata from 'jsonata';
import { readInventory } from './inventory.js';
import { validate } from './engine.js';
import { ExpressionMemo, MISS, memoizable } from './memo.js';
import { contentBundle, generatedInventory, model } from './fixtures.mjs';

const bundle = contentBundle();

async function both(inventoryText, name, b = bundle) {
  const run = (memoize) => validate(readInventory(inventoryText, name, model).inventory, b, { memoize });
  return [await run(true), await run(false)];
}

test('every example of every checker: memoized and unmemoized results are identical', async () => {
  assert.ok(bundle.checkers.length > 100);
  let n = 0;
  for (const c of bundle.checkers) {
    for (const [i, ex] of c.examples.entries()) {
      const [memo, plain] = await both(JSON.stringify(ex.inventory), `${c.file}#${i + 1}`, { ...bundle, checkers: [c] });
      assert.deepEqual(memo, plain, `${c.file} example ${i + 1}`);
      n++;
    }
  }
  assert.ok(n >= bundle.checkers.length);
});

test('a generated host of 200 VMs: memoized and unmemoized results are identical', async (t) => {
  const text = generatedInventory(t, 200);
  if (text === null) return;
  const [memo, plain] = await both(text, 'generated-200.json');
  assert.equal(memo.length, plain.length);
  for (let i = 0; i < memo.length; i++) assert.deepEqual(memo[i], plain[i], `result ${i}`);
  assert.ok(memo.some((r) => r.outcome === 'noncompliant') && memo.some((r) => r.outcome === 'compliant'));
});

/** Objects that differ where expressions look: values, types, shapes, hostile keys, key order. */
const objects = [
  { Name: 'a', State: 'Running', Tags: ['x', 'y'], Nested: { A: 1, B: [1, 2] }, N: 1 },
  { Name: 'b', State: 'Running', Tags: ['x', 'y'], Nested: { A: 1, B: [1, 2] }, N: 1 },
  { Name: 'c', State: 'Off', Tags: ['x'], Nested: { B: [1, 2], A: 1 }, N: '1' },
  { Name: 'd', State: 'Running', Tags: [], Nested: { A: 1, B: [1, 2, 3] }, N: true },
  { Name: 'e', State: 'Running', Tags: 'x', Nested: null, N: null },
  { Name: 'f', State: 'Running', Nested: { A: '1', B: [] } },
  { Name: 'g', State: 'Running', Tags: ['x', 'y'], Nested: { A: 1, B: [1, 2] }, N: 1, __proto__x: 1 },
  { Name: 'h', State: 'Running', Tags: ['x', 'y'], Nested: { A: 1, B: [1, 2] }, N: 1, then: 'x', sequence: true },
  { Name: 'i', State: 'Running', Tags: ['x', 'y'], Nested: { A: 1, B: [1, 2] }, N: 1, constructor: { A: 1 } },
  { Name: 'a', State: 'Running', Tags: ['x', 'y'], Nested: { A: 1, B: [1, 2] }, N: 1 },
  { Name: 'j', State: 'Running', Tags: [['x'], 'y'], Nested: { A: { A: 1 }, B: [[1], 2] }, N: 1.5 },
  { Name: 'k', State: 'Running', Tags: ['y', 'x'], Nested: { A: 1, B: [2, 1] }, N: -1, Extra: 0 },
  { Name: 'l', State: 'Running', Tags: ['x', 'y'], Nested: { A: 1, B: [1, 2], then: { A: 1 } }, N: 1, sequence: 'yes' },
  { Name: 'm', State: 'Running', Tags: ['x', 'y'], Nested: { A: 1, B: [1, 2], next: [1] }, N: 1, cons: true },
  { Name: 'n', State: 'Running', Tags: ['x', 'y'], Nested: { A: 1, B: [1, 2] }, N: 1, then: 'x|sequence="1"' },
];

const expressions = [
  "State = 'Running'",
  '$count(Tags)',
  'Tags[1]',
  "'x' in Tags",
  '$type(Nested)',
  '$type(N)',
  "$keys(Nested) = ['A', 'B']",
  '$string(Nested)',
  '$string($)',
  "$count($keys($))",
  "$lookup(Nested, 'A')",
  "$join($each(Nested, function($v, $k) { $k }), ',')",
  'Nested = {"A": 1, "B": [1, 2]}',
  'Nested.B[-1]',
  '$sum(Nested.B)',
  'N > 0',
  '$exists(then)',
  '$exists(sequence)',
  '$exists(constructor)',
  'Nested.then.A',
  '$exists(Nested.next)',
  '$string(cons)',
  "$count($related.VMGuest[OSVersion = '10.0'])",
  '$related.VMGuest[0].OSVersion',
  '$count(**)',
  'Nested.*',
  '$sift(Nested, function($v) { $v = 1 }) = {"A": 1}',
  '$distinct(Tags)',
  '$reverse(Tags)',
  'Tags.$uppercase($)',
  '$count($spread($))',
  '$merge([Nested, {"C": 1}]) = {"A": 1, "B": [1, 2], "C": 1}',
  'Name & State',
  '$number(N) > 0',
];

const related = [
  { VMGuest: [{ OSVersion: '10.0' }] }, { VMGuest: [{ OSVersion: '10.0' }] }, { VMGuest: [] }, {},
  { VMGuest: [{ OSVersion: '6.3' }, { OSVersion: '10.0' }] }, { VMGuest: [{ OSVersion: 10 }] },
];

function nullProto(v) {
  if (Array.isArray(v)) return v.map(nullProto);
  if (v === null || typeof v !== 'object') return v;
  const o = Object.create(null);
  for (const k of Object.keys(v)) o[k] = nullProto(v[k]);
  return o;
}

async function outcome(f) {
  try {
    return { value: JSON.stringify(await f()) ?? 'undefined' };
  } catch (e) {
    return { error: e.code ?? e.message };
  }
}

test('expressions that read keys, whole values, types and flags: memoized as unmemoized, and memos hit', async () => {
  const inputs = [...objects, ...objects].map(nullProto);
  const rel = inputs.map((_, i) => nullProto(related[i % related.length]));
  for (const src of expressions) {
    const expr = jsonata(src);
    const plain = (input, r) => expr.evaluate(input, { related: r });
    const memo = new ExpressionMemo(src, plain);
    for (let i = 0; i < inputs.length; i++) {
      const want = await outcome(() => plain(inputs[i], rel[i]));
      const got = await outcome(() => memo.evaluate(inputs[i], rel[i]));
      assert.deepEqual(got, want, `${src} on object ${i}`);
    }
    assert.ok(memo.evaluations < inputs.length, `${src}: the second round is remembered (${memo.evaluations} runs)`);
  }
});

test('only plain results are remembered; failures are those of an unmemoized run', async () => {
  const inputs = objects.map(nullProto);
  const list = new ExpressionMemo('Tags', (o) => jsonata('Tags').evaluate(o));
  for (const o of inputs) await list.evaluate(o, null);
  assert.equal(list.evaluations, inputs.length);
  const failing = jsonata('Name + 1');
  const memo = new ExpressionMemo('Name + 1', (o) => failing.evaluate(o));
  for (const o of inputs) await assert.rejects(memo.evaluate(o, null), (e) => e.code === 'T2001');
  assert.equal(memo.lookup(inputs[0], null), MISS);
});

test('expressions whose result may change are never memoized', () => {
  for (const src of ['$now()', '$millis() > 0', '$random() < 2', "$eval('1')"]) assert.equal(memoizable(src), false, src);
  assert.equal(memoizable('$nowhere'), true);
  assert.equal(memoizable("State = 'Running'"), true);
});

test('a memo that rarely hits turns itself off', async () => {
  const e = jsonata('Name');
  const memo = new ExpressionMemo('Name', (o) => e.evaluate(o));
  for (let i = 0; i < 200; i++) assert.equal(await memo.evaluate(nullProto({ Name: `vm${i}` }), null), `vm${i}`);
  assert.equal(memo.enabled, false);
});

test('an evaluation told not to record gives the same result and leaves the memo as it was', async () => {
  const expr = jsonata('Size > 10');
  const memo = new ExpressionMemo('Size > 10', (o) => expr.evaluate(o));
  assert.equal(await memo.evaluate({ Size: 20 }, {}, false), true);
  assert.equal(memo.lookup({ Size: 20 }, {}), MISS);
  assert.equal(await memo.evaluate({ Size: 20 }, {}), true);
  assert.equal(memo.lookup({ Name: 'other', Size: 20 }, {}), true);
  assert.equal(memo.evaluations, 2);
});
