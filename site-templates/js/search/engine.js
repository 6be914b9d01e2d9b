// The browser's search: the same steps as io.bpacat.index.Searcher, on the files SearchExport writes.
// Scores are Lucene's BM25 computed in 32-bit floats (Math.fround), so the top 10 equals `bpacat search`.
import { loadAnalyzer, words } from './analysis.js';

const f = Math.fround;
const ID = /^[0-9a-f]{8}[0-9a-z.-]*$/;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** The shard of a term: hex UTF-16 code units of its first two characters (SearchExport.shardOf). */
export function shardOf(term) {
  let s = '';
  for (let i = 0; i < Math.min(2, term.length); i++) s += term.charCodeAt(i).toString(16).padStart(4, '0');
  return s;
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
 * createSearch({ load }) where load(path) resolves to the parsed JSON of a file under search/ (fetch in the
 * browser, the file system in tests). Files are loaded once and cached.
 */
export function createSearch({ load }) {
  const cache = new Map();
  const get = (path) => {
    if (!cache.has(path)) cache.set(path, Promise.resolve().then(() => load(path)).catch(() => null));
    return cache.get(path);
  };
  const analyzers = new Map();

  function analyzer(language) {
    if (!analyzers.has(language)) {
      analyzers.set(language, get(`stop/${language}.json`).then((stop) => loadAnalyzer(language, stop || [])));
    }
    return analyzers.get(language);
  }

  async function facets(info) {
    return get(`${info.dir}/facets.json`);
  }

  function passes(fc, doc, filters) {
    for (const name of ['severity', 'category', 'product']) {
      const wanted = filters[name];
      if (wanted && wanted.length && !wanted.includes(fc[name].values[fc[name].docs[doc]])) return false;
    }
    return true;
  }

  const hasFilters = (flt) => ['severity', 'category', 'product'].some((k) => flt[k] && flt[k].length);

  async function expansions(info, text, already) {
    const typed = words(text);
    if (!typed.length || !text.length || /\s$/.test(text)) return [];
    const prefix = typed[typed.length - 1];
    if (prefix.length < 2 || CJK.test(prefix[0])) return [];
    const shard = (await get(`${info.dir}/t/${shardOf(prefix)}.json`)) || {};
    const freq = new Map();
    for (const term of Object.keys(shard)) {
      if (!term.startsWith(prefix)) continue;
      for (const [, df] of shard[term]) freq.set(term, (freq.get(term) || 0) + df);
    }
    return [...freq.entries()].filter(([t]) => !already.has(t))
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, 8).map(([t]) => t);
  }

  async function searchLocale(meta, locale, text, filters, n) {
    const info = meta.locales[locale];
    const an = await analyzer(info.language);
    const terms = [...new Set(an.terms(text))];
    // Fetch the typed terms' shards while the completions are looked up (completions share the last word's shard).
    for (const t of terms) get(`${info.dir}/t/${shardOf(t)}.json`);
    const exp = await expansions(info, text, new Set(terms));
    const all = terms.concat(exp);
    // The shards load in parallel; scores add up in term order, as Lucene's sum does.
    const shards = await Promise.all(all.map((term) => get(`${info.dir}/t/${shardOf(term)}.json`)));
    const scores = new Map();
    let clauses = 0;
    for (let i = 0; i < all.length; i++) {
      const term = all[i];
      const weight = i < terms.length ? 1 : f(meta.prefixWeight);
      const entries = (shards[i] || {})[term] || [];
      meta.fields.forEach((field, fi) => {
        const entry = entries.find((e) => e[0] === fi);
        if (!entry) return;
        clauses++;
        const stats = info.fields[field.name];
        const score = bm25(meta, f(f(field.boost) * weight), entry[1], stats.docCount, stats.sumTotalTermFreq);
        const postings = entry[3];
        for (let p = 0; p < postings.length; p += 3) {
          const doc = postings[p];
          scores.set(doc, (scores.get(doc) || 0) + score(postings[p + 1], postings[p + 2]));
        }
      });
    }
    if (!clauses) return { hits: [], terms: all };
    const fc = hasFilters(filters) ? await facets(info) : null;
    const hits = [];
    for (const [doc, s] of scores) {
      if (!fc || passes(fc, doc, filters)) hits.push({ locale, doc, score: f(s) });
    }
    hits.sort((a, b) => b.score - a.score || a.doc - b.doc);
    return { hits: hits.slice(0, n), terms: all };
  }

  async function byId(meta, locales, text, filters, n) {
    const shard = (await get(`ids/${text.slice(0, 2)}.json`)) || {};
    const hits = [];
    for (const id of Object.keys(shard).sort()) {
      if (!id.startsWith(text)) continue;
      for (const [locale, doc] of shard[id]) {
        if (!locales.includes(locale)) continue;
        const fc = hasFilters(filters) ? await facets(meta.locales[locale]) : null;
        if (!fc || passes(fc, doc, filters)) hits.push({ id, locale, doc, score: 0 });
      }
    }
    hits.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.locale < b.locale ? -1 : a.locale > b.locale ? 1 : 0));
    return hits;
  }

  /** The first n hits of distinct rules with what a result shows; the document files of n hits load at a time, in parallel. */
  async function withDocs(hits, n) {
    const meta = await get('meta.json');
    const out = [];
    const seen = new Set();
    const per = meta.docsPerFile;
    for (let from = 0; from < hits.length && out.length < n; from += n) {
      const batch = hits.slice(from, from + n);
      const files = await Promise.all(batch.map((h) =>
        get(`${meta.locales[h.locale].dir}/d/${Math.floor(h.doc / per)}.json`)));
      batch.forEach((h, i) => {
        const d = files[i] && files[i][h.doc % per];
        if (out.length >= n || !d || seen.has(d.id)) return;
        seen.add(d.id);
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

  return { search, analyzer, analyzerForLocale };
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
