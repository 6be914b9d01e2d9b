// What the validator page shows, as plain data: filters, groups by severity, counts, links to rule pages, and
// the playground's comparison of outcomes with the examples' expectations. No DOM here (node --test runs it).
import { pickLocale } from '../lang.js';

export const SEVERITIES = ['error', 'warning', 'information'];
export const OUTCOMES = ['noncompliant', 'compliant', 'not-applicable', 'cannot-evaluate', 'error'];
/** The outcomes the "needs attention" filter keeps, as `bpacat validate` lists them without --verbose. */
export const ATTENTION = new Set(['noncompliant', 'cannot-evaluate', 'error']);

/** Fills {0}, {1}, ... of a localized text; '' is an apostrophe, as in the site's MessageFormat texts. */
export function format(pattern, ...args) {
  return String(pattern ?? '').replace(/\{(\d+)\}/g, (m, i) => (i < args.length ? String(args[i]) : m))
    .replace(/''/g, "'");
}

/** The outcome a result is filtered and counted under: excluded results count apart, as in the CLI. */
export function outcomeOf(result) {
  return result.excluded ? 'excluded' : result.outcome;
}

/**
 * A rule's page and title in the reader's language (else en-US, else the first the rule has).
 * @param info the rule's entry of try/rules.json, or undefined for a rule the catalog does not know
 */
export function ruleLink(id, info, lang, root) {
  if (!info) return { href: null, title: id, lang: null };
  const locales = Object.keys(info.pages);
  const locale = pickLocale([lang], locales, locales.includes('en-US') ? 'en-US' : locales[0]);
  return { href: root + info.pages[locale], title: info.titles[locale], lang: locale };
}

/** Whether a result passes the filters {severity, outcome, rule}; outcome 'attention' keeps what needs it. */
export function matches(result, filters, severityOf) {
  const outcome = outcomeOf(result);
  if (filters.severity && severityOf(result) !== filters.severity) return false;
  if (filters.outcome === 'attention' && !ATTENTION.has(outcome)) return false;
  if (filters.outcome && filters.outcome !== 'attention' && outcome !== filters.outcome) return false;
  return !filters.rule || result.rule === filters.rule;
}

/**
 * Results grouped as Best Practices Analyzer shows them: by severity (error, warning, information, then any
 * other), each with its count, then by rule in the order the results came, each rule with its objects.
 */
export function groupBySeverity(results, severityOf) {
  const groups = new Map();
  for (const r of results) {
    const severity = severityOf(r);
    if (!groups.has(severity)) groups.set(severity, new Map());
    const rules = groups.get(severity);
    if (!rules.has(r.rule)) rules.set(r.rule, []);
    rules.get(r.rule).push(r);
  }
  return severityOrder(groups.keys()).map((severity) => {
    const rules = [...groups.get(severity)].map(([rule, items]) => ({ rule, results: items }));
    return { severity, count: rules.reduce((n, r) => n + r.results.length, 0), rules };
  });
}

/** The given severities in the order the page lists them: error, warning, information, then others sorted. */
export function severityOrder(severities) {
  const given = [...severities];
  return [...SEVERITIES.filter((s) => given.includes(s)), ...given.filter((s) => !SEVERITIES.includes(s)).sort()];
}

/** Count per outcome, excluded apart, in the CLI summary's order. */
export function summarize(results) {
  const counts = Object.fromEntries([...OUTCOMES, 'excluded'].map((o) => [o, 0]));
  for (const r of results) counts[outcomeOf(r)] = (counts[outcomeOf(r)] ?? 0) + 1;
  return counts;
}

/**
 * The playground's table: for each example and each object it expects an outcome for (then any other object
 * that got a result), the expected and the actual outcome.
 */
export function compareExamples(examples) {
  const rows = [];
  for (const [index, { name, expect, results }] of examples.entries()) {
    const actual = new Map();
    for (const r of results) if (!actual.has(r.object)) actual.set(r.object, r.outcome);
    const objects = [...Object.keys(expect), ...[...actual.keys()].filter((o) => !(o in expect))];
    for (const object of objects) {
      const expected = expect[object] ?? null;
      const outcome = actual.get(object) ?? null;
      rows.push({ index, example: name, object, expected, outcome, same: expected === outcome });
    }
  }
  return rows;
}

/** A file name for an export: bpacat-<inventory name without extension>.<ext>. */
export function exportName(inventoryName, ext) {
  const stem = String(inventoryName).replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return `bpacat-${stem || 'inventory'}.${ext}`;
}
