// The exports' byte format (Jackson's pretty printer, CSV guards); JsParityTest compares whole reports with Java.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toCsv, toJson, writeJson } from './report.js';

test('writeJson writes what Jackson INDENT_OUTPUT writes', () => {
  assert.equal(writeJson({ a: [], b: {}, c: [1, 'x'], d: [{ e: null }, { f: true }], g: 'q"\\\u0001\n\t' }),
    '{\n  "a" : [ ],\n  "b" : { },\n  "c" : [ 1, "x" ],\n  "d" : [ {\n    "e" : null\n  }, {\n    "f" : true\n  } ],\n  "g" : "q\\"\\\\\\u0001\\n\\t"\n}');
});

test('writeJson does not recurse', () => {
  let deep = [];
  for (let i = 0; i < 100000; i++) deep = [deep];
  assert.equal(writeJson(deep).length, 3 + 100000 * 4);
});

const result = (over) => ({
  inventory: 'i.json', rule: 'r1', title: 'T', severity: 'warning', category: 'configuration', checker: 'checkers/c.yaml',
  collection: 'VM', object: 'a', outcome: 'noncompliant', message: 'm', remediation: "Set-VM -Name 'a'", missing: [],
  excluded: false, exclusionReason: null, helpUri: 'rules/r1/', ...over,
});

test('without verbose, passing results are left out of the list but counted', () => {
  const results = [result({}), result({ object: 'b', outcome: 'compliant', message: '', remediation: '' })];
  const json = JSON.parse(toJson(results, { inventories: ['i.json'] }));
  assert.equal(json.results.length, 1);
  assert.equal(json.summary.compliant, 1);
  assert.equal(JSON.parse(toJson(results, { verbose: true })).results.length, 2);
});

test('CSV cells a spreadsheet would run as a formula get an apostrophe', () => {
  const csv = toCsv([result({ object: '=HYPERLINK("x")' })]);
  assert.match(csv, /"'=HYPERLINK\(""x""\)"/);
  assert.ok(csv.endsWith('\r\n'));
});
