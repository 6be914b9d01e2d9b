// The search box in every page's header (results as you type) and the search page (filters, snippets, URL
// state). Reads the static index under <root>/search/ through engine.js; renders with DOM text nodes only.
import { createSearch, snippet } from './engine.js';

const FILTERS = ['severity', 'category', 'product', 'locale'];

function engineFor(root, fetchImpl) {
  return createSearch({
    load: (path) => fetchImpl(`${root}search/${path}`).then((r) => (r.ok ? r.json() : null)),
    loadBytes: (path) => fetchImpl(`${root}search/${path}`).then((r) => (r.ok ? r.arrayBuffer() : null)),
  });
}

function el(doc, tag, attrs = {}, ...children) {
  const e = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== undefined && v !== null) e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

/** Renders snippet segments as text with <mark> around matched words. */
function snippetNode(doc, parts) {
  const p = el(doc, 'p', { class: 'search-snippet' });
  for (const part of parts) p.append(part.hit ? el(doc, 'mark', {}, part.text) : doc.createTextNode(part.text));
  return p;
}

/** State of the search page from a URL's query string. */
export function readState(search) {
  const params = new URLSearchParams(search);
  const state = { q: params.get('q') ?? '' };
  for (const f of FILTERS) state[f] = params.getAll(f).filter(Boolean);
  return state;
}

/** The query string of a state (q first, then filters in a fixed order). */
export function writeState(state) {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const f of FILTERS) for (const v of state[f] || []) params.append(f, v);
  const s = params.toString();
  return s ? `?${s}` : '';
}

function debounce(fn, ms, win) {
  let t;
  return (...args) => {
    win.clearTimeout(t);
    t = win.setTimeout(() => fn(...args), ms);
  };
}

/** Keyboard navigation of the header box's listbox: ArrowDown/ArrowUp move, Enter opens, Escape closes. */
function listNavigation(input, list, win, onEscape) {
  let active = -1;
  const items = () => [...list.querySelectorAll('[role="option"]')];
  const mark = (i) => {
    const all = items();
    all.forEach((it, j) => it.setAttribute('aria-selected', String(j === i)));
    active = i;
    if (all[i]) {
      input.setAttribute('aria-activedescendant', all[i].id);
      all[i].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  };
  input.addEventListener('keydown', (e) => {
    const all = items();
    if (e.key === 'ArrowDown' && all.length) {
      e.preventDefault();
      mark((active + 1) % all.length);
    } else if (e.key === 'ArrowUp' && all.length) {
      e.preventDefault();
      mark(active <= 0 ? all.length - 1 : active - 1);
    } else if (e.key === 'Enter' && active >= 0 && all[active]) {
      e.preventDefault();
      win.location.assign(all[active].dataset.href);
    } else if (e.key === 'Escape') {
      onEscape();
      mark(-1);
    }
  });
  return { reset: () => mark(-1) };
}

/** Keyboard navigation of the search page's result links: ArrowDown from the box or a link moves focus on. */
function linkNavigation(input, list) {
  const links = () => [...list.querySelectorAll('a.search-title')];
  const onKey = (e) => {
    const all = links();
    const at = all.indexOf(e.target);
    if (e.key === 'ArrowDown' && all.length && at < all.length - 1) {
      e.preventDefault();
      all[at + 1].focus();
    } else if (e.key === 'ArrowUp' && at >= 0) {
      e.preventDefault();
      (at === 0 ? input : all[at - 1]).focus();
    }
  };
  input.addEventListener('keydown', onKey);
  list.addEventListener('keydown', onKey);
}

/**
 * A result: its title, severity, category, product and language. On the page the title is a link; in the header's
 * listbox the item is an option (no control inside an option): a click or Enter opens its data-href.
 */
function resultItem(doc, hit, index, prefix, option) {
  const title = option ? el(doc, 'span', { class: 'search-title' }, hit.title)
    : el(doc, 'a', { href: hit.href, class: 'search-title' }, hit.title);
  const meta = el(doc, 'span', { class: 'search-meta' });
  if (hit.severity) meta.append(el(doc, 'span', { class: `badge sev-${hit.severity}` }, hit.severity), ' ');
  meta.append([hit.category, hit.product, hit.locale].filter(Boolean).join(' · '));
  const attrs = { id: `${prefix}-${index}`, 'data-rule': hit.id, 'data-locale': hit.locale, lang: hit.locale };
  if (option) Object.assign(attrs, { role: 'option', 'aria-selected': 'false', 'data-href': hit.href });
  return el(doc, 'li', attrs, title, ' ', meta);
}

/**
 * The rule an asset-ID query leads to: its page in the page's own language when the rule has one (no locale
 * filter), else the first hit. Null when the query is not exactly one rule's ID.
 */
async function idTarget(engine, result, current, pageLocale) {
  if (!result.byId || result.hits.length !== 1) return null;
  if (!current.locale.length && pageLocale && result.hits[0].locale !== pageLocale) {
    const own = await engine.search(current.q, { ...current, locale: [pageLocale] }, 1);
    if (own.byId && own.hits.length === 1 && own.hits[0].id === result.hits[0].id) return own.hits[0];
  }
  return result.hits[0];
}

async function withSnippets(engine, hits, terms) {
  const out = [];
  for (const h of hits) {
    const analyzer = await engine.analyzerForLocale(h.locale);
    out.push({ ...h, parts: snippet(analyzer, h.excerpt || '', terms) });
  }
  return out;
}

/** A search box that gets the focus loads what any query needs, so the first query waits only for its own files. */
function prepareOnFocus(input, engine) {
  input.addEventListener('focus', () => engine.prepare().catch(() => {}), { once: true });
}

/** The header box: results as you type in a list under the box. */
function initBox(doc, win, root, engine) {
  const form = doc.querySelector('form.site-search');
  const input = form && form.querySelector('input[name="q"]');
  // On the catalog home the box filters the list in place (catalog.js); the search page has its own box.
  if (!input || doc.getElementById('bpa-rules') || doc.querySelector('[data-search-page]')) return;
  prepareOnFocus(input, engine);
  const list = el(doc, 'ul', { id: 'bpa-suggest', role: 'listbox', class: 'search-suggest', hidden: '' });
  form.append(list);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', 'bpa-suggest');
  input.setAttribute('aria-expanded', 'false');
  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
  };
  const nav = listNavigation(input, list, win, close);
  list.addEventListener('click', (e) => {
    const option = e.target.closest('[role="option"]');
    if (option) win.location.assign(option.dataset.href);
  });
  let seq = 0;
  const run = debounce(async () => {
    const mine = ++seq;
    const q = input.value;
    if (!q.trim()) {
      list.replaceChildren();
      close();
      return;
    }
    const result = await engine.search(q, {}, 8);
    if (mine !== seq) return;
    list.replaceChildren(...result.hits.map((h, i) =>
      resultItem(doc, { ...h, href: root + h.url }, i, 'bpa-suggest', true)));
    list.hidden = result.hits.length === 0;
    input.setAttribute('aria-expanded', String(!list.hidden));
    nav.reset();
  }, 60, win);
  input.addEventListener('input', run);
  if (input.value.trim()) run();
  doc.addEventListener('click', (e) => {
    if (!form.contains(e.target)) close();
  });
}

/** The search page: filters and results, the state in the URL. */
function initPage(doc, win, root, engine) {
  const page = doc.querySelector('[data-search-page]');
  if (!page) return;
  const form = page.querySelector('form');
  const input = form.querySelector('input[name="q"]');
  prepareOnFocus(input, engine);
  const results = page.querySelector('[data-search-results]');
  const status = page.querySelector('[data-search-status]');
  const l10n = page.dataset;
  const pageLocale = doc.documentElement.lang;
  const state = readState(win.location.search);
  input.value = state.q;
  for (const f of FILTERS) {
    const select = form.querySelector(`select[name="${f}"]`);
    if (select) select.value = state[f][0] ?? '';
  }
  linkNavigation(input, results);
  let seq = 0;
  const run = async (firstLoad) => {
    const mine = ++seq;
    const current = { q: input.value };
    for (const f of FILTERS) {
      const select = form.querySelector(`select[name="${f}"]`);
      current[f] = select && select.value ? [select.value] : [];
    }
    win.history.replaceState(null, '', win.location.pathname + writeState(current));
    if (!current.q.trim()) {
      results.replaceChildren();
      status.textContent = '';
      page.dataset.searchShown = writeState(current);
      return;
    }
    results.setAttribute('aria-busy', 'true');
    const result = await engine.search(current.q, current, 10);
    if (mine !== seq) return;
    // An asset ID goes straight to its rule (replacing the search page in the history when it came in the URL).
    const target = await idTarget(engine, result, current, pageLocale);
    if (mine !== seq) return;
    if (target) {
      if (firstLoad) win.location.replace(root + target.url);
      else win.location.assign(root + target.url);
      return;
    }
    const hits = await withSnippets(engine, result.hits, result.terms);
    if (mine !== seq) return;
    results.replaceChildren(...hits.map((h, i) => {
      const li = resultItem(doc, { ...h, href: root + h.url }, i, 'bpa-result', false);
      li.append(snippetNode(doc, h.parts));
      return li;
    }));
    status.textContent = (result.hits.length ? l10n.l10nResults : l10n.l10nNone || '')
      .replace('{0}', String(result.hits.length));
    results.setAttribute('aria-busy', 'false');
    page.dataset.searchShown = writeState(current);
  };
  const later = debounce(() => run(false), 60, win);
  input.addEventListener('input', later);
  form.addEventListener('change', () => run(false));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    run(false);
  });
  run(true);
}

export function initSearch(doc, win, fetchImpl = win.fetch.bind(win)) {
  const root = doc.body.dataset.root ?? '';
  const engine = engineFor(root, fetchImpl);
  initBox(doc, win, root, engine);
  initPage(doc, win, root, engine);
  return engine;
}
