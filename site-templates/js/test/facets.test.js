import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countFacets, fold, matches, parseState, serializeState, sortItems } from '../facets.js';

const keys = ['severity', 'category', 'os'];
const item = (id, title, severity, category, os = []) => ({
  id, title, values: { severity: [severity], category: [category], os }, sortValues: { title, severity },
});
const items = [
  item('a', 'Enable replication', 'error', 'configuration', ['Windows Server 2016']),
  item('b', 'Avoid pausing', 'warning', 'operations', ['Windows Server 2016', 'Windows Server 2012']),
  item('c', 'Replica broker', 'error', 'operations', ['Windows Server 2012']),
];

test('state round-trips through the URL, facets in order, values sorted', () => {
  const s = parseState('?category=operations&severity=warning,error&q=replica&sort=severity-desc', keys);
  assert.deepEqual([...s.filters.severity], ['warning', 'error']);
  assert.equal(s.q, 'replica');
  assert.equal(s.sort, 'severity');
  assert.equal(s.dir, 'desc');
  assert.equal(serializeState(s, keys), '?q=replica&severity=error%2Cwarning&category=operations&sort=severity-desc');
});

test('default state serializes to nothing', () => {
  assert.equal(serializeState(parseState('', keys), keys), '');
});

test('values of one facet are OR-ed, facets AND-ed', () => {
  const s = parseState('?severity=error&category=operations', keys);
  assert.deepEqual(items.filter((i) => matches(i, s)).map((i) => i.id), ['c']);
  const any = parseState('?severity=error,warning', keys);
  assert.equal(items.filter((i) => matches(i, any)).length, 3);
});

test('text matches every word in title or ID, without accents or case', () => {
  assert.deepEqual(items.filter((i) => matches(i, parseState('?q=REPLI', keys))).map((i) => i.id), ['a', 'c']);
  assert.equal(fold('Réplica'), 'replica');
});

test('counts of a facet ignore its own selection but honour the others', () => {
  const s = parseState('?severity=error', keys);
  const c = countFacets(items, s, keys);
  assert.deepEqual(c.severity, { error: 2, warning: 1 });
  assert.deepEqual(c.category, { configuration: 1, operations: 1 });
  assert.deepEqual(c.os, { 'Windows Server 2016': 1, 'Windows Server 2012': 1 });
});

test('sorting by a column, then by title', () => {
  const collator = new Intl.Collator('en');
  assert.deepEqual(sortItems(items, 'title', 'asc', collator).map((i) => i.id), ['b', 'a', 'c']);
  assert.deepEqual(sortItems(items, 'severity', 'asc', collator).map((i) => i.id), ['a', 'c', 'b']);
  assert.deepEqual(sortItems(items, 'severity', 'desc', collator).map((i) => i.id), ['b', 'c', 'a']);
});
