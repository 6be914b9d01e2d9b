// The result table (results.js) is only another way to keep the results: its objects, counts, rules and views are
// those that the results as objects give (view.js), on a generated host with every checker and exclusions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readInventory } from './inventory.js';
import { validate, validateTable } from './engine.js';
import { ResultTable } from './results.js';
import { groupBySeverity, matches, summarize, OUTCOMES, SEVERITIES } from './view.js';
import { contentBundle, generatedInventory, model } from './fixtures.mjs';

const bundle = contentBundle();
const severities = { 'checkers/vm-not-paused.yaml': 'error', 'checkers/integration-services-current.yaml': 'information' };
// rules of several severities (the bundle of the tests labels every rule a warning otherwise)
const severityOf = (r) => severities[r.checker] ?? 'warning';

/** The page's view as the worker made it from results as objects. */
function viewOf(results, filters, limit) {
  const kept = results.filter((r) => matches(r, filters, severityOf));
  return groupBySeverity(kept, severityOf).map((g) => ({ ...g, rules: g.rules.map((r) => ({
    rule: r.rule, total: r.results.length, results: r.results.slice(0, limit) })) }));
}

test('a table holds the results validate() gives, and counts, lists and views them alike', async (t) => {
  const text = generatedInventory(t, 40);
  if (text === null) return;
  const exclusions = [{ object: 'vm-00*', reason: 'lab machines' }, { rule: bundle.checkers[3].ruleId, reason: 'n/a' }];
  const inventory = () => readInventory(text, 'host.json', model).inventory;
  const results = await validate(inventory(), bundle, { exclusions });
  const table = await validateTable(inventory(), bundle, { exclusions });
  assert.ok(results.length > 1000, `${results.length} results`);
  assert.ok(results.some((r) => r.excluded) && results.some((r) => r.outcome === 'noncompliant')
    && results.some((r) => r.outcome === 'cannot-evaluate'), 'excluded, noncompliant and unevaluated results');
  assert.equal(table.length, results.length);
  assert.deepEqual(table.toArray(), results);
  for (const i of [0, 1, 17, results.length - 1]) assert.deepEqual(table.get(i), results[i], `result ${i}`);
  assert.equal(table.get(results.length), undefined);
  assert.deepEqual(ResultTable.fromArray(results).toArray(), results, 'a table of given results');
  assert.deepEqual(table.counts(), summarize(results));
  assert.deepEqual(table.rules(), [...new Set(results.map((r) => r.rule))]);
  const rules = ['', results.find((r) => r.outcome === 'noncompliant').rule];
  for (const severity of ['', ...SEVERITIES]) {
    for (const outcome of ['', 'attention', ...OUTCOMES, 'excluded']) {
      for (const rule of rules) {
        const filters = { severity, outcome, rule };
        assert.deepEqual(table.view(filters, severityOf, 3), viewOf(results, filters, 3), JSON.stringify(filters));
      }
    }
  }
});

test('a checker with no objects or a missing collection has its one result in the table', async () => {
  const text = JSON.stringify({ bpacatInventory: 1, VMHost: { Name: 'hv01' } });
  const results = await validate(readInventory(text, 'bare.json', model).inventory, bundle);
  const table = await validateTable(readInventory(text, 'bare.json', model).inventory, bundle);
  assert.equal(results.length, bundle.checkers.length);
  assert.deepEqual(table.toArray(), results);
  assert.ok(results.every((r) => r.object === '(none)' || r.object === '(inventory)' || r.collection === 'VMHost'));
});
