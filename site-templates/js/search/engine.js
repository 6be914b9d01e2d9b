// The browser's search: the same steps as io.bpacat.index.Searcher, on the files SearchExport writes.
// Scores are Lucene's BM25 computed in 32-bit floats (Math.fround), so the top 10 equals `bpacat search`.
import { loadAnalyzer, words } from './analysis.js';
import { gunzipSync } from 'fflate';

const f = Math.fround;
const ID = /^[0-9a-f]{8}[0-9a-z.-]*$/;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** The shard of a term: hex UTF-16 code units of its first two characters (SearchExport.shardOf). */
export function shardOf(term) {
  let s = '';
  for (let i = 0; i < Math.min(2, term.length); i++) s += term.charCodeAt(i).toString(16).padStart(4, '0');
  return s;
}

const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < DIGITS.length; i++) DIGIT[DIGITS.charCodeAt(i)] = i;

/**
 * The numbers of a string written by io.bpacat.index.NumberCodec: groups of 5 bits, little-endian, one character
 * each; digits 0–31 end a number, 32–63 say that more follow. Calls each(number) in order.
 */
export function readInts(text, each) {
  let value = 0;
  let shift = 0;
  for (let i = 0; i < text.length; i++) {
    const d = DIGIT[text.charCodeAt(i)];
    if (d < 0) throw new Error(`not a number digit at ${i}: ${text[i]}`);
    if (d < 32) {
      each(value | (d << shift));
      value = 0;
      shift = 0;
    } else {
      value |= (d - 32) << shift;
      shift += 5;
    }
  }
}

/** The numbers of a string written by NumberCodec in an array of `length` (zeros after the last). */
function readIntArray(text, length) {
  const out = new Int32Array(length);
  let i = 0;
  readInts(text, (v) => { out[i++] = v; });
  return out;
}

/** Lucene's BM25Similarity term score, in floats: weight - weight / (1 + freq * (1 / (k1 * (1 - b + b * dl / avgdl)))). */
export function bm25({ k1, b, lengthTable }, boost, df, docCount, sumTotalTermFreq) {
  const idf = f(Math.log(1 + (docCount - df + 0.5) / (df + 0.5)));
  const weight = f(boost * idf);
  const avgdl = f(sumTotalTermFreq / docCount);
  const cache = new Float32Array(256);
  for (let i = 0; i < 256; i++) {
    cache[i] = f(1 / f(k1 * f(f(1 - b) + f(f(b * lengthTable[i]) / avgdl))));
  }
  return (freq, norm) => f(weight - f(weight / f(1 + f(freq * cache[norm]))));
}

/**
 * The JSON of a file's bytes, inflated first when they are gzip (a host may have inflated them already: it sent
 * a .gz file with Content-Encoding: gzip). Inflated at once, in this task (fflate's gunzipSync): a
 * DecompressionStream's chunks would each wait for a turn among the page's other tasks, with the other files of a
 * result list arriving.
 */
export function gunzipJson(bytes) {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const gzip = b.length > 1 && b[0] === 0x1f && b[1] === 0x8b;
  return JSON.parse(new TextDecoder().decode(gzip ? gunzipSync(b) : b));
}

/**
 * createSearch({ load, loadBytes }) where load(path) resolves to the parsed JSON of a file under search/ and
 * loadBytes(path) to the bytes of one (an ArrayBuffer or Uint8Array; null for none), for the gzip-compressed
 * documents (fetch in the browser, the file system in tests). Files are loaded once and cached.
 */
export function createSearch({ load, loadBytes }) {
  const cache = new Map();
  /** The value `read()` gives for a file, read once; null when it cannot be read. */
  const once = (path, read) => {
    if (!cache.has(path)) cache.set(path, Promise.resolve().then(read).catch(() => null));
    return cache.get(path);
  };
  const get = (path) => once(path, () => load(path));
  const getGzip = (path) => once(path, async () => {
    const b = await loadBytes(path);
    return b ? gunzipJson(b) : null;
  });
  /** Per locale, document → what a result shows, from the rows of the long postings loaded so far. */
  const rows = new Map();
  const analyzers = new Map();

  function analyzer(language) {
    if (!analyzers.has(language)) {
      analyzers.set(language, get(`stop/${language}.json`).then((stop) => loadAnalyzer(language, stop || [])));
    }
    return analyzers.get(language);
  }

  /**
   * A locale's facets (facets.json holds every locale's): per facet its values and per document the index of its
   * value, decoded when a filter first reads it (a query filters by one or two facets, not all).
   */
  function facets(locale, info) {
    const key = `facets:${locale}`;
    if (!cache.has(key)) {
      cache.set(key, get('facets.json').then((all) => {
        const fc = entryOf(all, locale);
        if (!fc) return null;
        const out = {};
        for (const [name, { values, docs }] of Object.entries(fc)) {
          let index = null;
          out[name] = {
            values,
            get docs() {
              if (!index) index = readIntArray(docs, info.docs);
              return index;
            },
          };
        }
        return out;
      }));
    }
    return cache.get(key);
  }

  function passes(fc, doc, filters) {
    for (const name of ['severity', 'category', 'product']) {
      const wanted = filters[name];
      if (wanted && wanted.length && !wanted.includes(fc[name].values[fc[name].docs[doc]])) return false;
    }
    return true;
  }

  const hasFilters = (flt) => ['severity', 'category', 'product'].some((k) => flt[k] && flt[k].length);

  /**
   * The dictionaries of a term's shard in a locale (the shard file holds every locale's):
   * term → [[field index, docFreq, ...], postings or the number of its p/ file].
   */
  const shard = (locale, term) => get(`t/${shardOf(term)}.json`).then((s) => entryOf(s, locale));

  /** What a loaded dictionary holds under a key (a term, a locale), or null. */
  const entryOf = (dict, term) => (dict && Object.hasOwn(dict, term) ? dict[term] : null);

  /**
   * The encoded postings of an entry, per field in the entry's order: inline, or in the gzip-compressed file the
   * entry names (one locale's [strings, rows], or locale → [strings, rows] when the locales share the file). The rows
   * of the term's best documents, [[doc, row], ...], are kept for the result list.
   */
  async function postingsOf(locale, entry) {
    if (typeof entry[1] !== 'string') return entry[1];
    const file = await getGzip(`${entry[1]}.json.gz`);
    const own = Array.isArray(file) ? file : entryOf(file, locale);
    if (!own) return null;
    if (!rows.has(locale)) rows.set(locale, new Map());
    for (const [doc, row] of own[1]) rows.get(locale).set(doc, row);
    return own[0];
  }

  const directories = new Map();

  /**
   * meta.json's list of the terms whose postings have a file of their own, for a locale: the sorted terms, per term
   * its summed docFreq here (0: its postings are inline or it is absent) and the path of its file.
   */
  function directory(meta, locale) {
    if (!directories.has(locale)) {
      const { terms, docFreq, perLocale } = meta.postings;
      const df = readIntArray(docFreq[locale] || '', terms.length);
      const own = new Set(perLocale);
      const dir = meta.locales[locale].dir;
      directories.set(locale, { terms, df, file: (i) => `${own.has(i) ? `${dir}/` : ''}p/${i}.json.gz` });
    }
    return directories.get(locale);
  }

  /** The index of the first of the sorted terms that is not before term. */
  function lowerBound(terms, term) {
    let lo = 0;
    let hi = terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (terms[mid] < term) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Requests, together with the shards, the postings files a query reads in a locale: those of its terms, and of
   * the long terms that can be among the last word's completions (the most frequent long terms with the prefix:
   * a long completion is among them). When a shard names such a file it is already loading. Changes no result.
   */
  function prefetch(meta, locale, terms, prefix) {
    const d = directory(meta, locale);
    for (const t of terms) {
      const i = lowerBound(d.terms, t);
      if (d.terms[i] === t && d.df[i] > 0) getGzip(d.file(i));
    }
    if (!prefix) return;
    const candidates = [];
    for (let i = lowerBound(d.terms, prefix); i < d.terms.length && d.terms[i].startsWith(prefix); i++) {
      if (d.df[i] > 0 && !terms.includes(d.terms[i])) candidates.push(i);
    }
    candidates.sort((a, b) => d.df[b] - d.df[a] || a - b);
    candidates.slice(0, meta.prefixExpansions).forEach((i) => getGzip(d.file(i)));
  }

  /** The last typed word, completed by dictionary terms: none when the text ends with white space, is shorter than 2 characters or CJK. */
  function completionPrefix(text) {
    const typed = words(text);
    if (!typed.length || !text.length || /\s$/.test(text)) return null;
    const prefix = typed[typed.length - 1];
    return prefix.length < 2 || CJK.test(prefix[0]) ? null : prefix;
  }

  /** An entry with its postings loaded: {entry, postings}, or null for none. */
  async function withPostings(locale, entry) {
    return entry ? { entry, postings: await postingsOf(locale, entry) } : null;
  }

  /** Dictionary terms that start with prefix, by summed docFreq (descending) then term (Searcher.expansions). */
  function expansions(dict, prefix, already) {
    if (!dict) return [];
    const freq = [];
    for (const term of Object.keys(dict)) {
      if (!term.startsWith(prefix) || already.has(term)) continue;
      const fields = dict[term][0];
      let df = 0;
      for (let i = 1; i < fields.length; i += 2) df += fields[i];
      freq.push([term, df]);
    }
    return freq.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, 8).map(([t]) => t);
  }

  /** Adds one clause's BM25 scores to acc (doubles, as the Map of before), noting documents seen the first time. */
  function addClause(acc, touched, postings, score) {
    let doc = 0;
    let value = 0;
    let shift = 0;
    let k = 0;
    let freq = 0;
    for (let i = 0; i < postings.length; i++) {
      const d = DIGIT[postings.charCodeAt(i)];
      if (d >= 32) {
        value |= (d - 32) << shift;
        shift += 5;
        continue;
      }
      value |= d << shift;
      if (k === 0) doc += value;
      else if (k === 1) freq = value;
      else {
        if (acc[doc] === 0) touched.push(doc);
        acc[doc] += score(freq, value);
      }
      k = k === 2 ? 0 : k + 1;
      value = 0;
      shift = 0;
    }
  }

  /** The n best of the scored documents: score descending, then document number. */
  function best(locale, acc, touched, n, keep) {
    const top = [];
    for (const doc of touched) {
      if (keep && !keep(doc)) continue;
      const score = f(acc[doc]);
      if (top.length === n) {
        const last = top[n - 1];
        if (score < last.score || (score === last.score && doc > last.doc)) continue;
        top.pop();
      }
      let i = top.length;
      while (i > 0 && (top[i - 1].score < score || (top[i - 1].score === score && top[i - 1].doc > doc))) i--;
      top.splice(i, 0, { locale, doc, score });
    }
    return top;
  }

  async function searchLocale(meta, locale, text, filters, n) {
    const info = meta.locales[locale];
    const an = await analyzer(info.language);
    const terms = [...new Set(an.terms(text))];
    const prefix = completionPrefix(text);
    // The shards and the long postings they will name load at once (prefetch); nothing waits for a shard to ask more.
    const fc = hasFilters(filters) ? facets(locale, info) : null;
    prefetch(meta, locale, terms, prefix);
    const typed = terms.map((t) => shard(locale, t).then((dict) => withPostings(locale, entryOf(dict, t))));
    const completed = (prefix ? shard(locale, prefix) : Promise.resolve(null)).then((dict) => {
      const exp = prefix ? expansions(dict, prefix, new Set(terms)) : [];
      return Promise.all(exp.map((t) => withPostings(locale, entryOf(dict, t)))).then((list) => ({ exp, list }));
    });
    const [loaded, { exp, list }] = await Promise.all([Promise.all(typed), completed]);
    const all = terms.concat(exp);
    const found = loaded.concat(list);
    const acc = new Float64Array(info.docs);
    const touched = [];
    let clauses = 0;
    for (let i = 0; i < all.length; i++) {
      const l = found[i];
      if (!l || !l.entry || !l.postings) continue;
      const weight = i < terms.length ? 1 : f(meta.prefixWeight);
      const fields = l.entry[0];
      for (let j = 0; j < fields.length; j += 2) {
        const field = meta.fields[fields[j]];
        const stats = info.fields[field.name];
        clauses++;
        const score = bm25(meta, f(f(field.boost) * weight), fields[j + 1], stats.docCount, stats.sumTotalTermFreq);
        addClause(acc, touched, l.postings[j / 2], score);
      }
    }
    if (!clauses) return { hits: [], terms: all };
    const facetsOf = fc ? await fc : null;
    return { hits: best(locale, acc, touched, n, facetsOf ? (doc) => passes(facetsOf, doc, filters) : null), terms: all };
  }

  async function byId(meta, locales, text, filters, n) {
    if (hasFilters(filters)) locales.forEach((l) => facets(l, meta.locales[l]));
    const shard = (await get(`ids/${text.slice(0, 2)}.json`)) || {};
    const hits = [];
    for (const id of Object.keys(shard).sort()) {
      if (!id.startsWith(text)) continue;
      for (const [locale, doc] of shard[id]) {
        if (!locales.includes(locale)) continue;
        const fc = hasFilters(filters) ? await facets(locale, meta.locales[locale]) : null;
        if (!fc || passes(fc, doc, filters)) hits.push({ id, locale, doc, score: 0 });
      }
    }
    hits.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.locale < b.locale ? -1 : a.locale > b.locale ? 1 : 0));
    // The first locale of each rule: the others' document files need not load.
    return hits.filter((h, i) => i === 0 || h.id !== hits[i - 1].id);
  }

  const ruleNumbers = new Map();

  /** Per document of a locale the number of its rule (the same in every locale; meta.json's gaps added up). */
  function rulesOf(meta, locale) {
    if (!ruleNumbers.has(locale)) {
      const rules = new Int32Array(meta.locales[locale].docs);
      let doc = 0;
      let number = 0;
      readInts(meta.locales[locale].rules, (gap) => { rules[doc++] = number += gap; });
      ruleNumbers.set(locale, rules);
    }
    return ruleNumbers.get(locale);
  }

  /**
   * The first n hits of distinct rules with what a result shows: the rows that came with the long postings, else
   * the hits' document files. The rules are known before the documents load, so the document files of the n hits
   * load at once, in parallel; hits whose document is missing give way to the next ones.
   */
  async function withDocs(hits, n) {
    const meta = await get('meta.json');
    const out = [];
    const seen = new Set();
    const per = meta.docsPerFile;
    let next = 0;
    while (out.length < n && next < hits.length) {
      const batch = [];
      for (; next < hits.length && out.length + batch.length < n; next++) {
        const h = hits[next];
        const rule = rulesOf(meta, h.locale)[h.doc];
        if (seen.has(rule)) continue;
        seen.add(rule);
        batch.push(h);
      }
      const known = (h) => rows.has(h.locale) && rows.get(h.locale).get(h.doc);
      const files = await Promise.all(batch.map((h) => known(h) ? null
        : getGzip(`${meta.locales[h.locale].dir}/d/${Math.floor(h.doc / per)}.json.gz`)));
      batch.forEach((h, i) => {
        const d = known(h) || (files[i] && files[i][h.doc % per]);
        if (!d) return;
        out.push({ ...h, id: d.id, title: d.title, url: d.url, severity: d.severity, category: d.category,
          product: d.product, excerpt: d.excerpt });
      });
    }
    return out;
  }

  /**
   * search(text, { severity: [], category: [], product: [], locale: [] }, n) →
   *   { hits: [{id, locale, doc, score, title, url, severity, category, product, excerpt}], terms, byId }
   */
  async function search(text, filters = {}, n = 10) {
    const meta = await get('meta.json');
    if (!meta) throw new Error('search index not found');
    const all = Object.keys(meta.locales).sort();
    const locales = filters.locale && filters.locale.length ? all.filter((l) => filters.locale.includes(l)) : all;
    const q = text.trim().toLowerCase();
    if (ID.test(q)) {
      const hits = await byId(meta, locales, q, filters, n);
      if (hits.length) return { hits: await withDocs(hits, n), terms: [], byId: true };
    }
    const results = await Promise.all(locales.map((l) => searchLocale(meta, l, text, filters, n)));
    const hits = results.flatMap((r) => r.hits);
    hits.sort((a, b) => b.score - a.score || (a.locale < b.locale ? -1 : a.locale > b.locale ? 1 : 0) || a.doc - b.doc);
    const terms = [...new Set(results.flatMap((r) => r.terms))];
    return { hits: await withDocs(hits, n), terms, byId: false };
  }

  async function analyzerForLocale(locale) {
    const meta = await get('meta.json');
    return analyzer(meta.locales[locale].language);
  }

  /** Loads what every query needs (meta.json, the stop words and stemmers of the site's languages) ahead of one. */
  async function prepare() {
    const meta = await get('meta.json');
    if (meta) await Promise.all(Object.values(meta.locales).map((info) => analyzer(info.language)));
  }

  return { search, analyzer, analyzerForLocale, prepare };
}

/**
 * Splits an excerpt into [{text, hit}] segments around the words whose analyzed form is a query term, cut to
 * a window of about `width` characters around the first hit. Plain data: the page renders it as text nodes.
 */
export function snippet(analyzer, excerpt, terms, width = 220) {
  const want = new Set(terms);
  const tokens = analyzer.tokens(excerpt).filter((t) => want.has(t.term));
  let from = 0;
  if (tokens.length && tokens[0].start > width / 3) from = excerpt.lastIndexOf(' ', tokens[0].start - width / 4) + 1;
  let to = Math.min(excerpt.length, from + width);
  if (to < excerpt.length) to = excerpt.lastIndexOf(' ', to) > from ? excerpt.lastIndexOf(' ', to) : to;
  const parts = [];
  let pos = from;
  for (const t of tokens) {
    if (t.start < from || t.end > to) continue;
    if (t.start > pos) parts.push({ text: excerpt.slice(pos, t.start), hit: false });
    parts.push({ text: excerpt.slice(t.start, t.end), hit: true });
    pos = t.end;
  }
  if (pos < to) parts.push({ text: excerpt.slice(pos, to), hit: false });
  if (from > 0) parts.unshift({ text: '… ', hit: false });
  if (to < excerpt.length) parts.push({ text: ' …', hit: false });
  return parts;
}
