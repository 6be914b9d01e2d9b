// The page side of bench/search.sh: runs one query with our engine (the site's search module, bundled like the
// site) or with Pagefind, and returns the ranked rule IDs and the time the search call took in the page.
// window.bench.run(engine, {text, severity, category, locale}) → {ids, ms}
const LOCALES = ['de-DE', 'en-US', 'fr-FR', 'it-IT'];
let ours = null;
const pagefind = new Map();
let catalog = null;

async function oursEngine() {
  if (!ours) {
    const { createSearch } = await import('./engine/engine.js');
    ours = createSearch({
      load: (path) => fetch(`/search/${path}`).then((r) => (r.ok ? r.json() : null)),
      loadBytes: (path) => fetch(`/search/${path}`).then((r) => (r.ok ? r.arrayBuffer() : null)),
    });
  }
  return ours;
}

async function runOurs(q) {
  const filters = {};
  for (const f of ['severity', 'category', 'locale']) if (q[f]) filters[f] = [q[f]];
  const engine = await oursEngine();
  const result = await engine.search(q.query, filters, 10);
  return result.hits.map((h) => h.id);
}

/** One Pagefind instance per language (Pagefind searches the language of the page it starts on). */
async function pagefindFor(locale) {
  if (!pagefind.has(locale)) {
    const pf = await import('/pagefind/pagefind.js');
    document.documentElement.lang = locale.toLowerCase();
    const instance = pf.createInstance({});
    await instance.init();
    pagefind.set(locale, instance);
  }
  return pagefind.get(locale);
}

/** A rule's ID from its page URL (/<locale>/rules/<id>/). */
const ruleOf = (url) => (url.match(/\/rules\/([^/]+)\//) || [])[1];

/**
 * Pagefind on the languages the query asks for, merged by score; severity and category filters are applied
 * to the rules the URLs name (catalog.json), as Pagefind filters would; the first hit of each rule is kept.
 */
async function runPagefind(q) {
  const locales = q.locale ? [q.locale] : LOCALES;
  const lists = [];
  for (const l of locales) lists.push((await (await pagefindFor(l)).search(q.query)).results || []);
  const merged = lists.flat().sort((a, b) => b.score - a.score);
  if ((q.severity || q.category) && !catalog) {
    catalog = new Map((await (await fetch('/catalog.json')).json()).rules.map((r) => [r.id, r]));
  }
  const ids = [];
  for (const r of merged) {
    if (ids.length >= 10) break;
    const id = ruleOf((await r.data()).url);
    if (!id || ids.includes(id)) continue;
    const rule = catalog && catalog.get(id);
    if (q.severity && (!rule || rule.severity !== q.severity)) continue;
    if (q.category && (!rule || rule.category !== q.category)) continue;
    ids.push(id);
  }
  return ids;
}

window.bench = {
  async run(engine, q) {
    performance.clearResourceTimings();
    const t0 = performance.now();
    const ids = await (engine === 'ours' ? runOurs(q) : runPagefind(q));
    const ms = performance.now() - t0;
    // The requests of this run (path, start and end in ms from the call, bytes sent), for bench/search_trace.py.
    const requests = performance.getEntriesByType('resource').map((e) => ({ path: new URL(e.name).pathname,
      start: +(e.startTime - t0).toFixed(2), end: +(e.responseEnd - t0).toFixed(2), bytes: e.encodedBodySize }));
    return { ids, ms, requests };
  },
};
window.benchReady = true;
