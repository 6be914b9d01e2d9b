// The exports of the browser validator, byte-identical to `bpacat validate --format json|sarif|csv` for the same
// inventory and options (the Java twins are io.bpacat.check.report.ReportWriter and Sarif; Jackson's pretty
// printer is reproduced by writeJson). meta: { inventories: [file names], verbose: boolean } — without verbose,
// compliant and not-applicable results are left out of the list (the summary still counts them), as in the CLI.

const OUTCOMES = ['noncompliant', 'compliant', 'not-applicable', 'cannot-evaluate', 'error'];

/** Count per outcome, excluded results counted apart as "excluded". */
export function summary(results) {
  const m = {};
  for (const o of OUTCOMES) m[o] = 0;
  m.excluded = 0;
  for (const r of results) m[r.excluded ? 'excluded' : r.outcome]++;
  return m;
}

function listed(results, meta) {
  if (meta?.verbose) return results;
  return results.filter((r) => r.excluded || (r.outcome !== 'compliant' && r.outcome !== 'not-applicable'));
}

function inventories(results, meta) {
  if (meta?.inventories) return meta.inventories;
  return [...new Set(results.map((r) => r.inventory))];
}

export function toJson(results, meta = {}) {
  const root = {
    tool: 'bpacat',
    inventories: inventories(results, meta),
    summary: summary(results),
    results: listed(results, meta).map(resultEntry),
  };
  return `${writeJson(root)}\n`;
}

function resultEntry(r) {
  return {
    inventory: r.inventory, rule: r.rule, title: r.title, severity: r.severity, category: r.category,
    checker: r.checker, collection: r.collection, object: r.object, outcome: r.outcome, message: r.message,
    remediation: r.remediation, missing: r.missing, excluded: r.excluded, exclusionReason: r.exclusionReason,
    helpUri: r.helpUri,
  };
}

export function toCsv(results, meta = {}) {
  let out = '';
  const row = (cells) => {
    out += cells.map((c) => {
      let s = c === null || c === undefined ? '' : String(c);
      if (s !== '' && '=+-@\t\r'.includes(s[0])) s = `'${s}`;
      return `"${s.replace(/"/g, '""')}"`;
    }).join(',');
    out += '\r\n';
  };
  row(['inventory', 'rule', 'title', 'severity', 'category', 'object', 'outcome', 'excluded', 'message', 'remediation', 'missing', 'helpUri']);
  for (const r of listed(results, meta)) {
    row([r.inventory, r.rule, r.title, r.severity, r.category, r.object, r.outcome, r.excluded ? r.exclusionReason : '',
      r.message, r.remediation, r.missing.join('; '), r.helpUri]);
  }
  return out;
}

function level(severity) {
  if (severity === 'error') return 'error';
  if (severity === 'information') return 'note';
  return 'warning';
}

const KIND = { noncompliant: 'fail', compliant: 'pass', 'not-applicable': 'notApplicable', 'cannot-evaluate': 'review', error: 'open' };

export function toSarif(results, meta = {}) {
  const shown = listed(results, meta);
  const ids = [...new Set(shown.map((r) => r.rule))].sort();
  const info = new Map();
  for (const r of shown) if (!info.has(r.rule)) info.set(r.rule, r);
  const rules = ids.map((id) => {
    const r = info.get(id);
    const rule = { id, name: r.title, shortDescription: { text: r.title } };
    if (r.helpUri !== '') rule.helpUri = r.helpUri;
    rule.defaultConfiguration = { level: level(r.severity) };
    rule.properties = { severity: r.severity, category: r.category };
    return rule;
  });
  const index = new Map(ids.map((id, i) => [id, i]));
  const sarifResults = shown.map((r) => {
    const m = { ruleId: r.rule, ruleIndex: index.get(r.rule), kind: KIND[r.outcome] };
    m.level = r.outcome === 'noncompliant' ? level(r.severity) : r.outcome === 'error' ? 'error' : 'none';
    m.message = { text: r.message === '' ? `${r.object}: ${r.outcome}` : `${r.object}: ${r.message}` };
    m.locations = [{
      physicalLocation: { artifactLocation: { uri: r.inventory.replace(/\\/g, '/') } },
      logicalLocations: [{ name: r.object, kind: 'resource', fullyQualifiedName: `${r.collection}/${r.object}` }],
    }];
    if (r.excluded) m.suppressions = [{ kind: 'external', justification: r.exclusionReason }];
    const props = { outcome: r.outcome, checker: r.checker };
    if (r.remediation !== '') props.remediation = r.remediation;
    if (r.missing.length > 0) props.missing = r.missing;
    m.properties = props;
    return m;
  });
  const root = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'bpacat', informationUri: 'https://github.com/bpacat/bpacat', rules } }, results: sarifResults }],
  };
  return `${writeJson(root)}\n`;
}

/**
 * JSON as Jackson's default pretty printer writes it: two-space indented objects with `"key" : value`, arrays on
 * the same line with spaces (`[ 1, 2 ]`, `[ ]`, `[ {` … `}, {` … `} ]`), Jackson's string escapes. No recursion.
 */
export function writeJson(value) {
  let out = '';
  // work items: a value to write at an indent level, or a literal string
  const work = [{ v: value, level: 0 }];
  while (work.length) {
    const w = work.pop();
    if (typeof w === 'string') {
      out += w;
      continue;
    }
    const { v, level } = w;
    if (v === null || v === undefined) out += 'null';
    else if (typeof v === 'string') out += quote(v);
    else if (typeof v === 'number') out += Number.isInteger(v) ? String(v === 0 ? 0 : v) : String(v);
    else if (typeof v === 'boolean') out += String(v);
    else if (Array.isArray(v)) {
      if (v.length === 0) {
        out += '[ ]';
        continue;
      }
      out += '[ ';
      const items = [];
      v.forEach((x, i) => {
        if (i > 0) items.push(', ');
        items.push({ v: x, level });
      });
      items.push(' ]');
      for (let i = items.length - 1; i >= 0; i--) work.push(items[i]);
    } else {
      const keys = Object.keys(v).filter((k) => v[k] !== undefined);
      if (keys.length === 0) {
        out += '{ }';
        continue;
      }
      const pad = '  '.repeat(level + 1);
      const items = ['{\n'];
      keys.forEach((k, i) => {
        items.push(`${i > 0 ? ',\n' : ''}${pad}${quote(k)} : `);
        items.push({ v: v[k], level: level + 1 });
      });
      items.push(`\n${'  '.repeat(level)}}`);
      for (let i = items.length - 1; i >= 0; i--) work.push(items[i]);
    }
  }
  return out;
}

const SHORT = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function quote(s) {
  // eslint-disable-next-line no-control-regex
  return `"${s.replace(/["\\\u0000-\u001f]/g, (c) => SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)}"`;
}
