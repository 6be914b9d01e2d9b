// The catalog home: instant filtering by facets and text, sortable columns, state in the URL.
import { countFacets, parseState, serializeState, sortItems, matches } from './facets.js';

const SEVERITY_RANK = { error: '1', warning: '2', information: '3', unknown: '4' };

export function initCatalog(doc, win) {
  const table = doc.getElementById('bpa-rules');
  const form = doc.getElementById('bpa-facets');
  if (!table || !form) return;
  const body = table.tBodies[0];
  const facetKeys = [...form.querySelectorAll('fieldset[data-facet]')].map((f) => f.dataset.facet);
  const items = [...body.rows].map((row) => ({
    row,
    id: row.dataset.id,
    title: row.cells[0].querySelector('a').textContent,
    values: Object.fromEntries(facetKeys.map((k) => [k, (row.dataset[k] ?? '').split('|').filter(Boolean)])),
    sortValues: {
      title: row.cells[0].querySelector('a').textContent,
      severity: SEVERITY_RANK[row.dataset.severity] ?? '9',
      category: row.cells[2].textContent,
      product: row.cells[3].textContent,
      checker: row.dataset.checker === 'yes' ? '0' : '1',
    },
  }));
  const collator = new Intl.Collator(doc.documentElement.lang || undefined);
  const labels = doc.body.dataset;
  const search = doc.getElementById('bpa-q');
  const count = doc.getElementById('bpa-result-count');
  let state = parseState(win.location.search, facetKeys);

  const render = () => {
    for (const box of form.querySelectorAll('input[type=checkbox]')) {
      box.checked = state.filters[box.name]?.has(box.value) ?? false;
    }
    if (search && doc.activeElement !== search) search.value = state.q;
    let shown = 0;
    const sorted = sortItems(items, state.sort, state.dir, collator);
    for (const item of sorted) {
      const visible = matches(item, state);
      item.row.hidden = !visible;
      if (visible) shown++;
      body.append(item.row);
    }
    const counts = countFacets(items, state, facetKeys);
    for (const span of form.querySelectorAll('[data-count-for]')) {
      const key = span.closest('fieldset').dataset.facet;
      span.textContent = String(counts[key][span.dataset.countFor] ?? 0);
    }
    for (const th of table.tHead.rows[0].cells) {
      if (!th.dataset.sort) continue;
      if (th.dataset.sort === state.sort) th.setAttribute('aria-sort', state.dir === 'desc' ? 'descending' : 'ascending');
      else th.removeAttribute('aria-sort');
    }
    count.textContent = (labels.l10nShown ?? '{0} / {1}').replace('{0}', shown).replace('{1}', items.length);
  };

  const update = () => {
    win.history.replaceState(null, '', serializeState(state, facetKeys) || win.location.pathname);
    render();
  };

  form.hidden = false;
  form.addEventListener('change', (e) => {
    const box = e.target;
    if (box.type !== 'checkbox') return;
    const set = state.filters[box.name] ?? new Set();
    if (box.checked) set.add(box.value); else set.delete(box.value);
    state.filters[box.name] = set;
    update();
  });
  form.addEventListener('reset', (e) => {
    e.preventDefault();
    state = { filters: {}, q: '', sort: state.sort, dir: state.dir };
    if (search) search.value = '';
    update();
  });
  if (search) {
    search.addEventListener('input', () => { state.q = search.value.trim(); update(); });
    search.form?.addEventListener('submit', (e) => { e.preventDefault(); state.q = search.value.trim(); update(); });
  }
  for (const th of table.tHead.rows[0].cells) {
    if (!th.dataset.sort) continue;
    const button = doc.createElement('button');
    button.type = 'button';
    button.className = 'sort';
    button.textContent = th.textContent;
    button.title = (labels.l10nSort ?? '{0}').replace('{0}', th.textContent);
    th.textContent = '';
    th.append(button);
    button.addEventListener('click', () => {
      state.dir = state.sort === th.dataset.sort && state.dir === 'asc' ? 'desc' : 'asc';
      state.sort = th.dataset.sort;
      update();
    });
  }
  render();
}
