// Fills {{name}} placeholders in checker messages and remediation snippets, as io.bpacat.check.Template does: a
// computed value, else a field path of the object; arrays joined with ", "; numbers without exponent and with at
// most two decimals; a missing value as "?"; in PowerShell snippets every inserted single quote doubled.

const PLACEHOLDER = /\{\{\s*([^}]+?)\s*}}/g;

export function render(template, object, values, powershell) {
  if (template === null || template === undefined) return '';
  const p = pieces(template);
  let out = p[0];
  for (let k = 1; k < p.length; k += 3) {
    const key = p[k];
    const t = text(values && values.has(key) ? values.get(key) : path(object, p[k + 1]));
    out += (powershell ? t.replace(/'/g, "''") : t) + p[k + 2];
  }
  return out;
}

/** Templates read once: [text, then for each placeholder its key, the key's path and the text after it]. */
const read = new Map();
/** Templates are the bundle's (and the playground's): more than this means many edits; the cache starts over. */
const MAX_TEMPLATES = 2000;

function pieces(template) {
  let p = read.get(template);
  if (p === undefined) {
    const found = [...template.matchAll(PLACEHOLDER)];
    p = [template.slice(0, found.length > 0 ? found[0].index : template.length)];
    found.forEach((m, j) => {
      const next = j + 1 < found.length ? found[j + 1].index : template.length;
      p.push(m[1], m[1].split('.'), template.slice(m.index + m[0].length, next));
    });
    if (read.size >= MAX_TEMPLATES) read.clear();
    read.set(template, p);
  }
  return p;
}

function path(object, parts) {
  let cur = object;
  for (const part of parts) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return null;
    cur = Object.prototype.hasOwnProperty.call(cur, part) ? cur[part] : null;
  }
  return cur;
}

/** A value as a report shows it. */
export function text(v) {
  if (v === null || v === undefined) return '?';
  if (typeof v === 'number') return formatNumber(v);
  if (Array.isArray(v)) return v.map(text).join(', ');
  if (typeof v === 'object') return '{…}';
  return String(v);
}

/** Numbers.format: whole numbers as integers; others rounded half-even to at most two decimals, no exponent. */
export function formatNumber(d) {
  if (Number.isInteger(d) && Math.abs(d) < 9.007199254740992e15) return String(d === 0 ? 0 : d);
  if (Number.isInteger(d)) return BigInt(d).toString();
  let s;
  if (Number.isInteger(d * 8) && !Number.isInteger(d * 4)) {
    // an exact tie at the third decimal (…125, …375, …625, …875): round half to even like BigDecimal
    const scaled = d * 100;
    const lo = Math.floor(scaled);
    const r = lo % 2 === 0 ? lo : lo + 1;
    s = (r / 100).toFixed(2);
  } else {
    s = d.toFixed(2);
  }
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}
