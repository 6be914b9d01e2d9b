// Reads an inventory of a Hyper-V host in the browser exactly as `bpacat validate` does: bytes (UTF-8, or the
// UTF-16 Windows PowerShell writes) to text, JSON/YAML/CSV to values, then the normalization of schemas/README.md
// (collections, single object vs array, enums, dates, time spans, versions, -Depth-collapsed fields left out).
// The Java twins are io.bpacat.check.InventoryReader and InventoryNormalizer.
import { ReadError, newMap, put, readCsv, readJson, readYaml } from './tree.js';
import { ValueNormalizer, isoMillis, javaString, parseDate, javaTrim } from './values.js';

export const LIMITS = Object.freeze({ maxBytes: 64 * 1024 * 1024, maxDepth: 64 });
const META = new Set(['$schema', 'bpacatInventory', 'CollectedAt', 'ComputerName']);

/**
 * Reads inventory bytes (a Uint8Array); see readInventory. Throws an Error naming the file, line and column when
 * the bytes are not a readable document.
 */
export function readInventoryBytes(bytes, fileName, model, limits = LIMITS) {
  if (bytes.length > limits.maxBytes) {
    throw inventoryError(fileName, 'INV001', `inventory is ${(bytes.length / 1048576).toFixed(1)} MB; the limit is ${(limits.maxBytes / 1048576).toFixed(1)} MB`, 0, 0,
      'collect fewer objects per file');
  }
  return readInventory(decode(bytes, fileName), fileName, model, limits);
}

/**
 * Reads an inventory from text: `{ inventory, diagnostics }`, where diagnostics are
 * `{level: 'error'|'warning'|'info', code, message, line, column, hint}`. Throws an Error (with `line`, `column`,
 * `code`) when the text cannot be read or is not an inventory.
 */
export function readInventory(text, fileName, model, limits = LIMITS) {
  if (text.length > limits.maxBytes) {
    throw inventoryError(fileName, 'INV001', `inventory is over ${(limits.maxBytes / 1048576).toFixed(1)} MB, the limit`, 0, 0,
      'collect fewer objects per file');
  }
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (javaTrim(s) === '' && !/[^\s]/.test(s)) {
    throw inventoryError(fileName, 'INV002', 'the inventory file is empty', 0, 0, 'run the collector again: collect/Get-BpacatInventory.ps1');
  }
  const fmt = format(fileName, s);
  let value;
  let csvType = null;
  try {
    if (fmt === 'csv') {
      const t = readCsv(s);
      value = t.rows;
      csvType = t.type;
    } else if (fmt === 'yaml') {
      value = readYaml(s, limits.maxDepth);
    } else {
      value = readJson(s, limits.maxDepth);
    }
  } catch (e) {
    if (!(e instanceof ReadError)) throw e;
    throw inventoryError(fileName, 'INV003', `cannot read the ${fmt.toUpperCase()}: ${e.message}`, e.line, e.column, hint(fmt));
  }
  // a JSON document is a tree of its own, read for this inventory alone: normalized in place
  return normalizeInventory(value, fileName, model, csvType, fmt === 'json');
}

function inventoryError(file, code, message, line, column, hint) {
  const where = line > 0 ? `${file}:${line}:${column}` : file;
  const e = new Error(`${where}: ${message} (${hint})`);
  Object.assign(e, { file, code, line, column, hint, reason: message });
  return e;
}

function hint(fmt) {
  if (fmt === 'csv') return 'write the file with Export-Csv -NoTypeInformation or as JSON with ConvertTo-Json';
  if (fmt === 'yaml') return 'fix the YAML at that line, or give the inventory as JSON';
  return 'write the inventory with ConvertTo-Json -Depth 4, or run collect/Get-BpacatInventory.ps1';
}

/** JSON for .json, YAML for .yaml/.yml, CSV for .csv; otherwise guessed from the first character. */
export function format(fileName, text) {
  const lower = String(fileName).toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  if (lower.endsWith('.csv')) return 'csv';
  const t = text.replace(/^\s+/, '');
  if (t.startsWith('{') || t.startsWith('[')) return 'json';
  if (t.startsWith('#TYPE') || t.startsWith('"')) return 'csv';
  return 'yaml';
}

/** UTF-16 with BOM, else strict UTF-8 (BOM dropped); invalid UTF-8 throws naming the line and byte. */
export function decode(bytes, fileName = 'inventory') {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(start));
  } catch {
    const bad = firstInvalid(bytes, start);
    let line = 1;
    for (let i = start; i < bad; i++) if (bytes[i] === 10) line++;
    throw inventoryError(fileName, 'INV004', `invalid UTF-8 at byte ${bad} (0x${bytes[bad].toString(16).toUpperCase().padStart(2, '0')})`, line, 0,
      'save the file as UTF-8 (PowerShell 7 does by default; in Windows PowerShell 5.1 use Out-File -Encoding utf8)');
  }
}

function firstInvalid(b, from) {
  let i = from;
  while (i < b.length) {
    const c = b[i];
    const n = c < 0x80 ? 0 : c >= 0xc2 && c < 0xe0 ? 1 : c >= 0xe0 && c < 0xf0 ? 2 : c >= 0xf0 && c < 0xf5 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k] & 0xc0) !== 0x80) return i;
    if (n === 2 && ((c === 0xe0 && b[i + 1] < 0xa0) || (c === 0xed && b[i + 1] >= 0xa0))) return i;
    if (n === 3 && ((c === 0xf0 && b[i + 1] < 0x90) || (c === 0xf4 && b[i + 1] >= 0x90))) return i;
    i += n + 1;
  }
  return Math.min(from, b.length - 1);
}

/** Model lookups shared by the reader and the engine (cached per model object). */
const models = new WeakMap();
export function modelIndex(model) {
  let m = models.get(model);
  if (m) return m;
  const collections = new Map();
  for (const [key, c] of Object.entries(model.collections)) {
    const stages = c.command.split('|');
    const last = stages[stages.length - 1].trim();
    const sp = last.indexOf(' ');
    const links = new Map(Object.entries(c.links ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, l]) => [k, { idField: l.id, nameField: l.name ?? null }]));
    collections.set(key, {
      key, command: c.command, type: c.type, single: c.cardinality === 'one', display: c.display ?? '{{Name}}',
      links, pathFields: c.pathFields ?? [], cmdlet: sp < 0 ? last : last.slice(0, sp),
    });
  }
  m = { model, collections, values: new ValueNormalizer(model), derivedLinks: model.derivedLinks ?? [] };
  m.forKey = (k) => {
    const lower = String(k).toLowerCase();
    for (const c of collections.values()) if (c.key.toLowerCase() === lower || c.cmdlet.toLowerCase() === lower) return c;
    return null;
  };
  models.set(model, m);
  return m;
}

/**
 * Normalizes a value tree (as read from JSON, YAML or CSV rows) into an inventory:
 * `{ file, collectedAt, collections: {key: object[]} (keys sorted), leftOut: WeakMap(object → {field: reason}) }`.
 * With `owned` the tree is the inventory's alone (no object in it twice, as YAML aliases may make, and nothing else
 * holds it): its maps are normalized in place where no field is renamed or left out, instead of copied.
 */
export function normalizeInventory(value, fileName, model, csvType = null, owned = false) {
  const idx = modelIndex(model);
  const diagnostics = [];
  const diag = (level, code, message, hintText) => diagnostics.push({ level, code, message, line: 0, column: 0, hint: hintText });
  const isObj = value !== null && typeof value === 'object' && !Array.isArray(value);
  const document = [];
  if (isObj && (Object.prototype.hasOwnProperty.call(value, 'bpacatInventory') || Object.keys(value).some((k) => idx.forKey(k)))) {
    for (const k of Object.keys(value)) document.push([k, value[k]]);
  } else {
    const c = fragmentCollection(idx, fileName, value, csvType);
    if (!c) {
      throw inventoryError(fileName, 'INV007', 'cannot tell which command wrote this file: it is neither an inventory (an object keyed by collection, such as "VMHost" and "VM") nor recognizable output of one cmdlet', 0, 0,
        'name the file after the cmdlet (for example Get-VM.json), or wrap it as {"VM": ...}');
    }
    document.push([c.key, value]);
  }
  const collections = new Map();
  const leftOut = new WeakMap();
  let collectedAt = null;
  for (const [key, v] of document) {
    if (key === 'CollectedAt') {
      collectedAt = collected(v, diag);
      continue;
    }
    if (META.has(key)) continue;
    const c = idx.forKey(key);
    if (!c) {
      diag('warning', 'INV010', `unknown collection "${key}" ignored`, 'see schemas/inventory.schema.json for the collections bpacat reads');
      continue;
    }
    if (collections.has(c.key)) {
      diag('error', 'INV011', `collection ${c.key} is given twice (as "${key}" and under another name)`, 'keep one of them');
      continue;
    }
    collections.set(c.key, collection(idx, c, v, leftOut, diag, owned));
  }
  const sorted = newMap();
  for (const k of [...collections.keys()].sort()) put(sorted, k, collections.get(k));
  const inventory = { file: fileName, collectedAt, collections: sorted, leftOut, model };
  return { inventory, diagnostics };
}

function collected(v, diag) {
  if (v === null || v === undefined) return null;
  const ms = typeof v === 'number' ? Math.trunc(v) : parseDate(javaTrim(javaString(v)));
  const iso = ms === null ? null : isoMillis(ms);
  if (iso === null) {
    diag('warning', 'INV012', `CollectedAt is not a date: "${javaString(v)}"`, 'write it as ISO 8601, e.g. 2026-01-31T12:00:00Z; rules that compare dates cannot evaluate');
    return null;
  }
  return iso;
}

function collection(idx, c, v, leftOut, diag, owned) {
  let items = v === null || v === undefined ? [] : Array.isArray(v) ? v : [v];
  if (c.single && items.length > 1) {
    diag('error', 'INV013', `${c.key} holds ${items.length} objects; an inventory describes one host`, 'collect one inventory file per host; only the first object is used');
    items = items.slice(0, 1);
  }
  const out = [];
  const reported = new Set();
  items.forEach((item, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      diag('error', 'INV014', `${c.key}[${i}] is not an object but ${describeItem(item)}; it is skipped`, 'collect with ConvertTo-Json -Depth 4 or more');
      return;
    }
    const problems = new Map();
    const obj = idx.values.object(item, c.type, {
      unreadable: (field, reason) => problems.set(field, reason),
      unknownEnum: (field, enumType, value) => {
        if (!reported.has(`enum:${field}=${javaString(value)}`)) {
          reported.add(`enum:${field}=${javaString(value)}`);
          diag('warning', 'INV015', `${c.key}.${field}: ${javaString(value)} is not a known ${enumType} value; kept as written`, `check the value against the Hyper-V module's ${enumType} enum`);
        }
      },
    }, owned);
    if (problems.size > 0) {
      const sorted = newMap();
      for (const k of [...problems.keys()].sort()) put(sorted, k, problems.get(k));
      leftOut.set(obj, sorted);
    }
    out.push(obj);
  });
  const counts = new Map();
  const example = new Map();
  for (const o of out) {
    const lo = leftOut.get(o);
    if (!lo) continue;
    for (const f of Object.keys(lo)) {
      counts.set(f, (counts.get(f) ?? 0) + 1);
      if (!example.has(f)) example.set(f, lo[f]);
    }
  }
  for (const f of [...counts.keys()].sort()) {
    const n = counts.get(f);
    diag('info', 'INV016', `${c.key}.${f} left out of ${n}${n === 1 ? ' object: ' : ' objects: '}${example.get(f)}`, "rules that read it report 'cannot evaluate'");
  }
  return out;
}

function describeItem(v) {
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string "${v.length > 60 ? `${v.slice(0, 60)}…` : v}"`;
  return javaString(v);
}

/** The collection a bare cmdlet output belongs to: by file name, CSV type line, then by its fields. */
function fragmentCollection(idx, fileName, value, csvType) {
  let name = String(fileName).replace(/\\/g, '/');
  name = name.slice(name.lastIndexOf('/') + 1).toLowerCase();
  let best = null;
  for (const c of idx.collections.values()) {
    const cmdlet = c.cmdlet.toLowerCase();
    const at = name.indexOf(cmdlet);
    const bounded = at >= 0 && (at + cmdlet.length === name.length || !/[\p{L}\p{Nd}]/u.test(name[at + cmdlet.length]));
    if (bounded && cmdlet.startsWith('get-') && (best === null || cmdlet.length > best.cmdlet.length)) best = c;
  }
  if (best) return best;
  if (csvType) {
    const type = csvType.slice(csvType.lastIndexOf('.') + 1);
    for (const c of idx.collections.values()) if (c.type === type) return c;
  }
  return byFields(idx, value);
}

function byFields(idx, value) {
  const first = Array.isArray(value) && value.length > 0 ? value[0] : value;
  if (first === null || typeof first !== 'object' || Array.isArray(first) || Object.keys(first).length === 0) return null;
  const keys = new Set(Object.keys(first));
  let best = null;
  let bestScore = 0;
  let second = 0;
  for (const c of idx.collections.values()) {
    const fields = idx.values.fields(c.type).map;
    let common = 0;
    for (const k of keys) if (fields.has(k)) common++;
    const score = common / (keys.size + fields.size - common);
    if (score > bestScore) {
      second = bestScore;
      bestScore = score;
      best = c;
    } else if (score > second) {
      second = score;
    }
  }
  return bestScore >= 0.3 && bestScore - second >= 0.05 ? best : null;
}
