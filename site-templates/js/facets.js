// Pure logic of the catalog filter: state <-> URL, matching, counts, sorting. No DOM: runs under node --test.
// An item is { id, title, values: { facetKey: [values...] }, sortValues: { column: string } }.

/** Reads the filter state from a query string: every facet key may repeat; q is free text; sort=column[-desc]. */
export function parseState(search, facetKeys) {
  const params = new URLSearchParams(search);
  const filters = {};
  for (const key of facetKeys) {
    const values = params.getAll(key).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
    if (values.length) filters[key] = new Set(values);
  }
  const [sort, dir] = (params.get('sort') ?? '').split('-');
  return { filters, q: (params.get('q') ?? '').trim(), sort: sort || 'title', dir: dir === 'desc' ? 'desc' : 'asc' };
}

/** Writes the state as a query string, facets in their given order, values sorted; empty for the default state. */
export function serializeState(state, facetKeys) {
  const params = new URLSearchParams();
  if (state.q) params.append('q', state.q);
  for (const key of facetKeys) {
    const values = state.filters[key];
    if (values && values.size) params.append(key, [...values].sort().join(','));
  }
  if (state.sort !== 'title' || state.dir !== 'asc') {
    params.append('sort', state.dir === 'desc' ? `${state.sort}-desc` : state.sort);
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** Folds text for matching: lower case, no accents. */
export function fold(text) {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** Whether an item passes the text query: every word in its title or ID (a word may be a prefix of the ID). */
export function matchesText(item, q) {
  if (!q) return true;
  const hay = fold(`${item.title} ${item.id}`);
  return fold(q).split(/\s+/).filter(Boolean).every((w) => hay.includes(w));
}

/** Whether an item passes every facet (values of one facet OR-ed, facets AND-ed), except the one named. */
export function matches(item, state, exceptKey) {
  for (const [key, wanted] of Object.entries(state.filters)) {
    if (key === exceptKey || !wanted.size) continue;
    if (!(item.values[key] ?? []).some((v) => wanted.has(v))) return false;
  }
  return matchesText(item, state.q);
}

/** For each facet, the count of each value among the items that pass all the other facets and the text. */
export function countFacets(items, state, facetKeys) {
  const counts = {};
  for (const key of facetKeys) {
    const c = {};
    for (const item of items) {
      if (!matches(item, state, key)) continue;
      for (const v of item.values[key] ?? []) c[v] = (c[v] ?? 0) + 1;
    }
    counts[key] = c;
  }
  return counts;
}

/** Items sorted by a column (then by title and ID), with a collator for the page's language. */
export function sortItems(items, column, dir, collator = new Intl.Collator()) {
  const sign = dir === 'desc' ? -1 : 1;
  return [...items].sort((a, b) => sign * (collator.compare(a.sortValues[column] ?? '', b.sortValues[column] ?? '')
      || collator.compare(a.title, b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
}
