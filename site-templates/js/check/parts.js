// A validation split over two workers: each runs every other checker (engine.validate's `part`) on its own copy of
// the inventory, and the helper's results travel to the main worker packed: the fields every result of a checker
// shares once, the others as indexes into one table of distinct strings (a typed array moves without a copy).
// merge() puts the results back in checker order, so the report is the one a single worker makes.

const SHARED = ['inventory', 'rule', 'title', 'severity', 'category', 'checker', 'collection', 'helpUri'];
/** The `missing` of every result that misses nothing, as the engine shares it. */
const NONE = Object.freeze([]);
const OWN = ['object', 'outcome', 'message', 'remediation', 'missing', 'exclusionReason'];

/** Results (of whole checkers, in order) as {strings, checkers: [{shared, from, to}], rows: Int32Array}. */
export function pack(results) {
  const strings = [];
  const index = new Map();
  const id = (s) => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      index.set(s, i);
    }
    return i;
  };
  const rows = new Int32Array(results.length * OWN.length);
  const checkers = [];
  let k = 0;
  for (let i = 0; i < results.length; i++) {
    const r = results[i];
    const last = checkers[checkers.length - 1];
    if (last === undefined || last.shared.checker !== r.checker) {
      checkers.push({ shared: Object.fromEntries(SHARED.map((f) => [f, r[f]])), from: i, to: i + 1 });
    } else {
      last.to = i + 1;
    }
    rows[k++] = id(r.object);
    rows[k++] = id(r.outcome);
    rows[k++] = id(r.message);
    rows[k++] = id(r.remediation);
    rows[k++] = r.missing.length === 0 ? -1 : id(JSON.stringify(r.missing));
    rows[k++] = r.exclusionReason === null ? -1 : id(r.exclusionReason);
  }
  return { strings, checkers, rows };
}

/** The results pack() packed, by checker file: Map(file → results). */
export function unpack({ strings, checkers, rows }) {
  const out = new Map();
  for (const { shared, from, to } of checkers) {
    const list = [];
    for (let i = from; i < to; i++) {
      const k = i * OWN.length;
      const reason = rows[k + 5] === -1 ? null : strings[rows[k + 5]];
      list.push({
        inventory: shared.inventory,
        rule: shared.rule,
        title: shared.title,
        severity: shared.severity,
        category: shared.category,
        checker: shared.checker,
        collection: shared.collection,
        object: strings[rows[k]],
        outcome: strings[rows[k + 1]],
        message: strings[rows[k + 2]],
        remediation: strings[rows[k + 3]],
        missing: rows[k + 4] === -1 ? NONE : JSON.parse(strings[rows[k + 4]]),
        excluded: reason !== null,
        exclusionReason: reason,
        helpUri: shared.helpUri,
      });
    }
    out.set(shared.checker, list);
  }
  return out;
}

/** The results of all parts in the order of `files` (the selected checkers' files): Map(file → results) each. */
export function merge(files, parts) {
  const out = [];
  for (const f of files) {
    for (const p of parts) {
      const list = p.get(f);
      if (list !== undefined) {
        for (const r of list) out.push(r);
        break;
      }
    }
  }
  return out;
}

/** Results of whole checkers, in order, by checker file. */
export function byChecker(results) {
  const out = new Map();
  for (const r of results) {
    let list = out.get(r.checker);
    if (list === undefined) {
      list = [];
      out.set(r.checker, list);
    }
    list.push(r);
  }
  return out;
}
