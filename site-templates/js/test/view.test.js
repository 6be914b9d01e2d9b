import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  compareExamples, exportName, format, groupBySeverity, matches, ruleLink, summarize,
} from '../check/view.js';

const r = (rule, object, outcome, extra = {}) => ({ rule, object, outcome, excluded: false, ...extra });
const severities = { a: 'warning', b: 'error', c: 'information', d: 'error' };
const severityOf = (x) => severities[x.rule];

test('format fills arguments in any order and reads \'\' as an apostrophe', () => {
  assert.equal(format('{1} of {0}', 3, 2), '2 of 3');
  assert.equal(format("l''esito {0}", 'x'), "l'esito x");
  assert.equal(format('{0} {2}', 'a'), 'a {2}');
});

test('groups come in severity order with their counts, rules in result order', () => {
  const groups = groupBySeverity([r('a', 'x', 'noncompliant'), r('d', 'y', 'error'), r('b', 'z', 'noncompliant'),
    r('d', 'w', 'noncompliant'), r('c', 'v', 'compliant')], severityOf);
  assert.deepEqual(groups.map((g) => [g.severity, g.count]), [['error', 3], ['warning', 1], ['information', 1]]);
  assert.deepEqual(groups[0].rules.map((x) => [x.rule, x.results.length]), [['d', 2], ['b', 1]]);
});

test('filters: severity, needs attention, one outcome, one rule; excluded results are their own outcome', () => {
  const results = [r('a', 'x', 'noncompliant'), r('b', 'y', 'compliant'), r('b', 'z', 'cannot-evaluate'),
    r('d', 'w', 'noncompliant', { excluded: true })];
  const keep = (f) => results.filter((x) => matches(x, f, severityOf)).map((x) => x.object);
  assert.deepEqual(keep({ outcome: 'attention' }), ['x', 'z']);
  assert.deepEqual(keep({ severity: 'error' }), ['y', 'z', 'w']);
  assert.deepEqual(keep({ outcome: 'excluded' }), ['w']);
  assert.deepEqual(keep({ rule: 'b', outcome: 'compliant' }), ['y']);
  assert.deepEqual(summarize(results), { noncompliant: 1, compliant: 1, 'not-applicable': 0, 'cannot-evaluate': 1,
    error: 0, excluded: 1 });
});

test('a rule links to the reader\'s language, else en-US, else its first language', () => {
  const info = { titles: { 'de-DE': 'Regel', 'en-US': 'Rule' }, pages: { 'de-DE': 'de-de/rules/x/', 'en-US': 'en-us/rules/x/' } };
  assert.deepEqual(ruleLink('x', info, 'de-DE', '../'), { href: '../de-de/rules/x/', title: 'Regel', lang: 'de-DE' });
  assert.equal(ruleLink('x', info, 'ja-JP', '').href, 'en-us/rules/x/');
  assert.equal(ruleLink('x', { titles: { 'it-IT': 'R' }, pages: { 'it-IT': 'it-it/rules/x/' } }, 'fr-FR', '').href,
    'it-it/rules/x/');
  assert.deepEqual(ruleLink('y', undefined, 'en-US', ''), { href: null, title: 'y', lang: null });
});

test('the playground compares each expected object, then lists unexpected ones', () => {
  const rows = compareExamples([{ name: 'e1', expect: { vm1: 'compliant', vm2: 'noncompliant' },
    results: [r('a', 'vm1', 'compliant'), r('a', 'vm2', 'compliant'), r('a', 'vm3', 'not-applicable')] }]);
  assert.deepEqual(rows.map((x) => [x.object, x.expected, x.outcome, x.same]), [['vm1', 'compliant', 'compliant', true],
    ['vm2', 'noncompliant', 'compliant', false], ['vm3', null, 'not-applicable', false]]);
});

test('export names are safe file names', () => {
  assert.equal(exportName('C:\\x\\hv 01.json', 'sarif'), 'bpacat-hv-01.sarif');
  assert.equal(exportName('<img src=x>', 'csv'), 'bpacat-img-src-x.csv');
  assert.equal(exportName('', 'json'), 'bpacat-inventory.json');
});
