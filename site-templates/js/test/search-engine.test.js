import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { createSearch, gunzipJson, readInts } from '../search/engine.js';

const ints = (text) => {
  const out = [];
  readInts(text, (v) => out.push(v));
  return out;
};

test('numbers read as NumberCodec writes them: 5 bits a digit, digits from g on say more follow', () => {
  assert.deepEqual(ints(''), []);
  assert.deepEqual(ints('ABf'), [0, 1, 31]);
  assert.deepEqual(ints('gB'), [32]);
  assert.deepEqual(ints('_f'), [1023]);
  assert.deepEqual(ints('gggB'), [32768]);
  assert.throws(() => ints('A+'), /not a number digit at 1/);
});

/** An engine on files (path → JSON; those ending in .gz are served gzip-compressed) through load(files, path). */
function engineOn(files, load) {
  return createSearch({
    load: (path) => load(files, path),
    loadBytes: async (path) => {
      const json = await load(files, path);
      return json === null ? null : gzipSync(JSON.stringify(json));
    },
  });
}

const serve = async (files, path) => (path in files ? structuredClone(files[path]) : null);

/**
 * A one-locale index of three documents; the postings of "replica" inline, in a file of the locale or in one shared
 * by the locales, with the rows of its best documents (`best`: their numbers). load(files, path) serves a file (by
 * default at once).
 */
function index(where, load = serve, best = []) {
  const enc = (...triples) => triples.map((v) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef'[v]).join('');
  // replica: title of doc 0 (freq 1, norm 2); body of docs 0 and 2 (freq 2 norm 5, freq 1 norm 7)
  const replica = [enc(0, 1, 2), enc(0, 2, 5, 2, 1, 7)];
  const files = {
    'meta.json': {
      k1: 1.2, b: 0.75, prefixWeight: 0.25, docsPerFile: 16,
      lengthTable: Array.from({ length: 256 }, (_, i) => i),
      fields: [{ name: 'title', boost: 3 }, { name: 'body', boost: 1 }],
      locales: { 'en-US': { language: 'xx', docs: 3, dir: 'en-us', rules: 'ABB', fields: {
        title: { docCount: 3, sumTotalTermFreq: 6 }, body: { docCount: 3, sumTotalTermFreq: 18 } } } },
      postings: where === 'inline' ? { terms: [], perLocale: [], docFreq: { 'en-US': '' } }
        : { terms: ['replica'], perLocale: where === 'locale' ? [0] : [], docFreq: { 'en-US': 'D' } },
    },
    't/00720065.json': { 'en-US': {
      replica: [[0, 1, 1, 2], { inline: replica, locale: 'en-us/p/0', shared: 'p/0' }[where]],
      replicat: [[1, 1], [enc(1, 1, 4)]],
    } },
    't/0063006f.json': { 'en-US': { copy: [[1, 1], [enc(1, 1, 4)]] } },
    'en-us/p/0.json.gz': [replica, best.map((doc) => [doc, row(doc)])],
    'p/0.json.gz': { 'de-DE': [['AAA'], []], 'en-US': [replica, best.map((doc) => [doc, row(doc)])] },
    'en-us/d/0.json.gz': [0, 1, 2].map(row),
    'facets.json': { 'en-US': { severity: { values: ['error', 'warning'], docs: enc(0, 1, 0) } } },
  };
  return engineOn(files, load);
}

const row = (doc) => ({ id: 'abc'[doc], title: 'abc'[doc], url: `/${'abc'[doc]}/` });

test('postings in the shard, in a file of the locale and in a shared file score the same; completions count a quarter', async () => {
  for (const where of ['inline', 'locale', 'shared']) {
    const typed = await index(where).search('replica ', {}, 10);
    assert.deepEqual(typed.hits.map((h) => h.id), ['a', 'c'], where);
    const prefix = await index(where).search('replica', {}, 10);
    assert.deepEqual(prefix.terms, ['replica', 'replicat']);
    assert.deepEqual(prefix.hits.map((h) => h.id), ['a', 'c', 'b']);
    assert.ok(prefix.hits[2].score < prefix.hits[1].score);
  }
});

test('a severity filter keeps the documents whose facet value it names', async () => {
  const r = await index('locale').search('replica', { severity: ['error'] }, 10);
  assert.deepEqual(r.hits.map((h) => h.id), ['a', 'c']);
});

test('a term named like an Object property is just a term', async () => {
  const r = await index('inline').search('constructor copy', {}, 10);
  assert.deepEqual(r.hits.map((h) => h.id), ['b']);
});

test('long postings are requested with the shards, the documents of a result list all at once: two rounds', async () => {
  for (const [where, text] of [['shared', 'replica '], ['locale', 'replica '], ['shared', 'repl'], ['locale', 'rep']]) {
    const requests = [];
    let delivered = 0;
    const engine = index(where, async (files, path) => {
      requests.push({ path, after: delivered });
      await new Promise((ok) => setTimeout(ok, 5));
      delivered++;
      return path in files ? structuredClone(files[path]) : null;
    });
    await engine.prepare();
    requests.length = 0;
    const start = delivered;
    const r = await engine.search(text, {}, 10);
    assert.ok(r.hits.length >= 2, `${where} ${text}`);
    const round = (file) => requests.filter((q) => q.path.includes(file)).map((q) => q.after - start);
    assert.deepEqual(round('p/0.json.gz'), [0], `${where} ${text}: long postings with the shard`);
    assert.deepEqual(round('/d/'), [requests.filter((q) => q.after === start).length], `${where} ${text}`);
  }
});

test('a result list whose rows came with the long postings loads no document file: one round', async () => {
  for (const where of ['shared', 'locale']) {
    const requested = [];
    const engine = index(where, async (files, path) => {
      requested.push(path);
      return serve(files, path);
    }, [0, 2]);
    await engine.prepare();
    requested.length = 0;
    const r = await engine.search('replica ', {}, 10);
    assert.deepEqual(r.hits.map((h) => [h.id, h.title, h.url]), [['a', 'a', '/a/'], ['c', 'c', '/c/']], where);
    assert.deepEqual(requested.filter((p) => p.includes('/d/')), [], where);
  }
});

test('a hit whose row did not come with the long postings loads its document file', async () => {
  const requested = [];
  const engine = index('shared', async (files, path) => {
    requested.push(path);
    return serve(files, path);
  }, [0]);
  const r = await engine.search('replica ', {}, 10);
  assert.deepEqual(r.hits.map((h) => h.id), ['a', 'c']);
  assert.deepEqual(requested.filter((p) => p.includes('/d/')), ['en-us/d/0.json.gz']);
});

test('documents are read gzip-compressed, or as plain JSON when a host already inflated them', async () => {
  const json = [{ id: 'a', title: 'ä' }];
  assert.deepEqual(await gunzipJson(gzipSync(JSON.stringify(json))), json);
  assert.deepEqual(await gunzipJson(new TextEncoder().encode(JSON.stringify(json))), json);
  const big = Array.from({ length: 400 }, (_, i) => ({ id: `r${i}`, title: `rule ${i} ${'x'.repeat(i % 50)}` }));
  const packed = gzipSync(JSON.stringify(big));
  assert.deepEqual(gunzipJson(packed), big, 'several kilobytes, as a document file');
  assert.throws(() => gunzipJson(packed.subarray(0, packed.length >> 1)), 'a file cut short is an error, not data');
});

test('a rule found in two languages takes one place in the result list', async () => {
  const files = {
    'meta.json': {
      k1: 1.2, b: 0.75, prefixWeight: 0.25, docsPerFile: 1, lengthTable: Array.from({ length: 256 }, (_, i) => i),
      fields: [{ name: 'title', boost: 1 }],
      postings: { terms: [], perLocale: [], docFreq: {} },
      locales: {
        'de-DE': { language: 'xx', docs: 2, dir: 'de-de', rules: 'AB', fields: { title: { docCount: 2, sumTotalTermFreq: 3 } } },
        'en-US': { language: 'xx', docs: 2, dir: 'en-us', rules: 'BB', fields: { title: { docCount: 2, sumTotalTermFreq: 3 } } },
      },
    },
    // vmq, by score: en-US doc 0 (rule b; freq 3), de-DE doc 1 (rule b; freq 2), de-DE doc 0 (rule a; freq 1),
    // en-US doc 1 (rule c; freq 1, longer)
    't/0076006d.json': { 'de-DE': { vmq: [[0, 2], ['ABBBCB']] }, 'en-US': { vmq: [[0, 2], ['ADBBBC']] } },
    'de-de/d/0.json.gz': [{ id: 'a' }], 'de-de/d/1.json.gz': [{ id: 'b' }],
    'en-us/d/0.json.gz': [{ id: 'b' }], 'en-us/d/1.json.gz': [{ id: 'c' }],
  };
  const requested = [];
  const engine = engineOn(files, async (all, path) => {
    requested.push(path);
    return serve(all, path);
  });
  const r = await engine.search('vmq ', {}, 2);
  assert.deepEqual(r.hits.map((h) => `${h.id}@${h.locale}`), ['b@en-US', 'a@de-DE']);
  assert.deepEqual(requested.filter((p) => p.includes('/d/')).sort(), ['de-de/d/0.json.gz', 'en-us/d/0.json.gz']);
});
