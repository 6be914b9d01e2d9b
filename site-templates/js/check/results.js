// A validation's results kept by checker and by column instead of one object per result. One host with 10,000 VMs
// gives over 600,000 results; as objects they cost the worker about a fifth of its processor time (made, then
// copied by every garbage collection while they live). Here a checker's results are one row each: the object's name
// in an array, the outcome as a byte, and the rare message, remediation, missing fields or exclusion in a map by row;
// the fields every result of a checker shares are kept once. A result becomes the object engine.validate() returns
// (same fields, same order) only when asked for: get(i), toArray() for the exports, and the few rows a view shows.
import { ATTENTION, OUTCOMES, severityOrder } from './view.js';

/** Outcomes by code (a row keeps its outcome's index in view.OUTCOMES). */
const CODE = new Map(OUTCOMES.map((o, i) => [o, i]));
const NONE = Object.freeze([]);

/** The results of one checker: the fields they share, then a row per result. */
class Rows {
  constructor(shared, from, capacity) {
    this.shared = shared;
    this.from = from;
    this.length = 0;
    this.names = new Array(capacity);
    this.outcomes = new Uint8Array(Math.max(capacity, 1));
    /** row → {message, remediation, missing, reason} for the rows that have any of them */
    this.details = null;
    /** How many rows are excluded (have a reason): mostly none, and then no row's details need looking up. */
    this.excluded = 0;
  }

  add(object, outcome, message, remediation, missing, reason) {
    const code = CODE.get(outcome);
    if (code === undefined) throw new Error(`unknown outcome ${outcome}`);
    const row = this.length++;
    if (row >= this.outcomes.length) {
      const grown = new Uint8Array(this.outcomes.length * 2);
      grown.set(this.outcomes);
      this.outcomes = grown;
    }
    this.names[row] = object;
    this.outcomes[row] = code;
    if (message !== '' || remediation !== '' || missing.length > 0 || reason !== null) {
      (this.details ??= new Map()).set(row, { message, remediation, missing, reason });
      if (reason !== null) this.excluded++;
    }
  }

  outcome(row) {
    return OUTCOMES[this.outcomes[row]];
  }

  reason(row) {
    return this.excluded === 0 ? null : this.details.get(row)?.reason ?? null;
  }

  /** What a filter or count sees of a row: its outcome, or 'excluded' (as view.outcomeOf). */
  counted(row) {
    return this.reason(row) !== null ? 'excluded' : this.outcome(row);
  }

  /** Row `row` as the result object engine.validate() gives. */
  get(row) {
    const s = this.shared;
    const d = this.details?.get(row);
    const reason = d?.reason ?? null;
    return {
      inventory: s.inventory,
      rule: s.rule,
      title: s.title,
      severity: s.severity,
      category: s.category,
      checker: s.checker,
      collection: s.collection,
      object: this.names[row],
      outcome: this.outcome(row),
      message: d?.message ?? '',
      remediation: d?.remediation ?? '',
      missing: d?.missing ?? NONE,
      excluded: reason !== null,
      exclusionReason: reason,
      helpUri: s.helpUri,
    };
  }
}

/** The results of a validation, in checker order, each checker's in object order. */
export class ResultTable {
  constructor() {
    this.runs = [];
    this.length = 0;
  }

  /**
   * Starts the rows of the next checker. `shared`: {inventory, rule, title, severity, category, checker,
   * collection, helpUri}; `capacity`: the rows expected (more may come). Returns what add() is called on.
   */
  begin(shared, capacity) {
    const table = this;
    const rows = new Rows(shared, this.length, capacity);
    this.runs.push(rows);
    return {
      add(object, outcome, message, remediation, missing, reason) {
        rows.add(object, outcome, message, remediation, missing, reason);
        table.length++;
      },
    };
  }

  /** A table of results (as engine.validate() gives them), a checker's results being consecutive. */
  static fromArray(results) {
    const table = new ResultTable();
    let adder = null;
    let checker;
    for (const r of results) {
      if (adder === null || r.checker !== checker) {
        checker = r.checker;
        adder = table.begin({ inventory: r.inventory, rule: r.rule, title: r.title, severity: r.severity,
          category: r.category, checker: r.checker, collection: r.collection, helpUri: r.helpUri }, 16);
      }
      adder.add(r.object, r.outcome, r.message, r.remediation, r.missing, r.exclusionReason);
    }
    return table;
  }

  /** Result i as the object engine.validate() gives. */
  get(i) {
    if (i < 0 || i >= this.length) return undefined;
    let lo = 0;
    let hi = this.runs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.runs[mid].from <= i) lo = mid;
      else hi = mid - 1;
    }
    const run = this.runs[lo];
    return run.get(i - run.from);
  }

  /** Every result as objects, in order (for the exports). */
  toArray() {
    const out = new Array(this.length);
    let i = 0;
    for (const run of this.runs) for (let row = 0; row < run.length; row++) out[i++] = run.get(row);
    return out;
  }

  /** Count per outcome, excluded results apart, as view.summarize() counts them. */
  counts() {
    const byCode = new Array(OUTCOMES.length).fill(0);
    for (const run of this.runs) {
      const outcomes = run.outcomes;
      for (let row = 0; row < run.length; row++) byCode[outcomes[row]]++;
    }
    const counts = Object.fromEntries([...OUTCOMES.map((o, code) => [o, byCode[code]]), ['excluded', 0]]);
    for (const run of this.runs) {
      if (run.excluded === 0) continue;
      for (const [row, d] of run.details) {
        if (d.reason === null) continue;
        counts[run.outcome(row)]--;
        counts.excluded++;
      }
    }
    return counts;
  }

  /** The rules that have results, in the order of their first result. */
  rules() {
    return [...new Set(this.runs.filter((r) => r.length > 0).map((r) => r.shared.rule))];
  }

  /**
   * What the page shows for `filters` ({severity, outcome, rule}, as view.matches reads them): the kept results
   * grouped by severity and rule as view.groupBySeverity groups them, each rule with its number of kept results and
   * its first `limit` results as objects.
   */
  view(filters, severityOf, limit) {
    const groups = new Map();
    const kept = OUTCOMES.map((o) => keeps(filters.outcome, o)); // by outcome code, for rows not excluded
    for (const run of this.runs) {
      if (run.length === 0) continue;
      const head = run.get(0);
      const severity = severityOf(head);
      if (filters.severity && severity !== filters.severity) continue;
      if (filters.rule && head.rule !== filters.rule) continue;
      let rules = groups.get(severity);
      if (rules === undefined) {
        rules = new Map();
        groups.set(severity, rules);
      }
      let entry = rules.get(head.rule);
      for (let row = 0; row < run.length; row++) {
        if (run.excluded === 0 ? !kept[run.outcomes[row]] : !keeps(filters.outcome, run.counted(row))) continue;
        if (entry === undefined) {
          entry = { rule: head.rule, total: 0, results: [] };
          rules.set(head.rule, entry);
        }
        entry.total++;
        if (entry.results.length < limit) entry.results.push(run.get(row));
      }
    }
    const shown = [...groups.keys()].filter((s) => groups.get(s).size > 0);
    return severityOrder(shown).map((severity) => {
      const rules = [...groups.get(severity).values()];
      return { severity, count: rules.reduce((n, r) => n + r.total, 0), rules };
    });
  }
}

/** view.matches' outcome test on what a row counts as (its outcome, or 'excluded'). */
function keeps(filter, counted) {
  if (!filter) return true;
  return filter === 'attention' ? ATTENTION.has(counted) : counted === filter;
}
