// Normalizes one inventory object by its type in inventory-model.json, field by field: enums, numbers, booleans,
// GUIDs, dates, time spans, versions, nested types, and fields that ConvertTo-Json -Depth collapsed into strings
// (left out, with the reason). The algorithm is specified in schemas/README.md ("Normalization"); the Java twin is
// io.bpacat.check.ValueNormalizer, and the parity tests hold the two to the same output.
import { newMap, put } from './tree.js';

const MS_DATE = /^\\?\/Date\((-?\d+)([+-]\d{4})?\)\\?\/$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?([AaPp][Mm]))?)?$/;
const DOT_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const ISO_OFFSET = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{0,9}))?)?([Zz]|[+-]\d{2}:\d{2}(?::\d{2})?)$/;
const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{0,9}))?)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESPAN = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$/;
const ISO_DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
const TYPE_NAME = /^[A-Za-z_][\w`]*(\.[A-Za-z_][\w`]*)+(\[[^\]]*\])*$/;
const JAVA_DOUBLE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?$/;

const isMap = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);

/** Java's String.trim(): strips characters up to U+0020 only. */
export function javaTrim(s) {
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) <= 32) a++;
  while (b > a && s.charCodeAt(b - 1) <= 32) b--;
  return s.slice(a, b);
}

/** How Java's String.valueOf shows a plain value (for messages that must match bpacat's). */
export function javaString(v) {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map(javaString).join(', ')}]`;
  if (isMap(v)) return `{${Object.keys(v).map((k) => `${k}=${javaString(v[k])}`).join(', ')}}`;
  if (typeof v === 'number') return javaNumber(v);
  return String(v);
}

/** Java's toString of a canonical number: whole numbers as Long, others as Double. */
export function javaNumber(d) {
  if (Number.isInteger(d) && Math.abs(d) < 9.007199254740992e15) return String(d === 0 ? 0 : d);
  const a = Math.abs(d);
  if (a >= 1e-3 && a < 1e7) {
    const s = String(d);
    return s.includes('.') ? s : `${s}.0`;
  }
  const [m, e] = d.toExponential().split('e');
  return `${m.includes('.') ? m : `${m}.0`}E${e.startsWith('+') ? e.slice(1) : e}`;
}

export function isoMillis(ms) {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return null;
  return d.toISOString();
}

/** Normalizes objects of one model; `problems` receives left-out fields and unknown enum values. */
export class ValueNormalizer {
  constructor(model) {
    this.model = model;
    this.fieldCache = new Map();
    this.enumCache = new Map();
  }

  fields(type) {
    let f = this.fieldCache.get(type);
    if (!f) {
      const declared = this.model.types?.[type];
      const map = new Map(declared ? Object.entries(declared) : []);
      const lower = new Map();
      for (const k of map.keys()) if (!lower.has(k.toLowerCase())) lower.set(k.toLowerCase(), k);
      const kinds = new Map([...map].map(([k, kind]) => [k, parseKind(kind)]));
      f = { map, lower, kinds };
      this.fieldCache.set(type, f);
    }
    return f;
  }

  enumOf(name) {
    let e = this.enumCache.get(name);
    if (e === undefined) {
      const values = this.model.enums?.[name];
      if (!values) {
        e = null;
      } else {
        const byValue = new Map();
        const byName = new Map();
        for (const [n, v] of Object.entries(values)) {
          if (!byValue.has(Number(v))) byValue.set(Number(v), n);
          if (!byName.has(n.toLowerCase())) byName.set(n.toLowerCase(), n);
        }
        e = { byValue, byName };
      }
      this.enumCache.set(name, e);
    }
    return e;
  }

  /**
   * A normalized copy of `raw` read as an object of `type`; with `owned` (raw is the inventory's alone), raw itself,
   * normalized in place, as long as no field of it is renamed or left out (then a copy from that field on).
   */
  object(raw, type, problems, owned = false) {
    const fields = this.fields(type);
    const keys = Object.keys(raw);
    let out = owned ? raw : newMap();
    for (let i = 0; i < keys.length; i++) {
      const rawKey = keys[i];
      const key = fields.map.has(rawKey) ? rawKey : fields.lower.get(rawKey.toLowerCase()) ?? rawKey;
      if (key !== rawKey && out === raw) out = detach(raw, keys, i);
      const kind = fields.kinds.get(key);
      const v = raw[rawKey];
      if (kind === undefined || v === null || v === undefined) {
        if (out !== raw) put(out, key, ownedOrCopy(v, owned));
        continue;
      }
      const r = this.value(v, kind, key, problems, owned);
      if (r instanceof Unreadable) {
        problems.unreadable(key, r.reason);
        if (out === raw) out = detach(raw, keys, i);
      } else if (out !== raw || r !== v) {
        put(out, key, r);
      }
    }
    return out;
  }

  /** The normalized value of `v` read as `kind` (parseKind), or an Unreadable saying why it cannot be. */
  value(v, kind, field, problems, owned = false) {
    if (v === null || v === undefined) return ok(null);
    if (kind.code === ARRAY) return this.array(v, kind.element, field, problems, owned);
    if (v === '' && kind.text !== 'string') return ok(null);
    if (kind.code === ENUM) return this.enumValue(v, kind.name, field, problems);
    if (kind.code === TYPE) {
      if (isMap(v)) return ok(this.object(v, kind.name, nested(field, problems), owned));
      if (typeof v === 'string') return bad(collapsed(v));
      return ok(ownedOrCopy(v, owned));
    }
    switch (kind.text) {
      case 'number': return number(v);
      case 'boolean': return bool(v);
      case 'guid': return typeof v === 'string' ? ok(v.toLowerCase()) : ok(ownedOrCopy(v, owned));
      case 'date': return date(v);
      case 'timespan': return timespan(v);
      case 'version': return version(v);
      case 'object':
        return typeof v === 'string' && TYPE_NAME.test(v) && v.includes('.') ? bad(collapsed(v)) : ok(ownedOrCopy(v, owned));
      default: return ok(ownedOrCopy(v, owned));
    }
  }

  array(v, element, field, problems, owned = false) {
    const objects = element.code === TYPE || element.text === 'object';
    if (typeof v === 'string' && objects) return bad(collapsed(v));
    const items = Array.isArray(v) ? v : [v];
    const out = [];
    for (const item of items) {
      if (typeof item === 'string' && element.code === TYPE) return bad(collapsed(item));
      const r = this.value(item, element, field, problems, owned);
      if (r instanceof Unreadable) return r;
      out.push(r);
    }
    return ok(out);
  }

  enumValue(v, enumType, field, problems) {
    const e = this.enumOf(enumType);
    if (typeof v === 'number' && Number.isInteger(v)) {
      const name = e?.byValue.get(v);
      if (name !== undefined) return ok(name);
      problems.unknownEnum(field, enumType, v);
      return ok(v);
    }
    if (typeof v === 'string') {
      const t = javaTrim(v);
      if (/^-?\d+$/.test(t)) return this.enumValue(Number(t), enumType, field, problems);
      const name = e?.byName.get(t.toLowerCase());
      if (name !== undefined) return ok(name);
      problems.unknownEnum(field, enumType, t);
      return ok(t);
    }
    if (isMap(v) && own(v, 'value__')) return this.enumValue(v.value__, enumType, field, problems);
    return bad(`not a value of ${enumType}: ${javaString(v)}`);
  }
}

/** `v` itself when the tree it belongs to is the inventory's alone (owned), else a copy of it. */
function ownedOrCopy(v, owned) {
  return owned ? v : copy(v);
}

/** A new map with the first `n` keys of `raw` and their values (as normalized so far in place). */
function detach(raw, keys, n) {
  const out = newMap();
  for (let i = 0; i < n; i++) put(out, keys[i], raw[keys[i]]);
  return out;
}

/** Why a field's value cannot be read as its kind: what ValueNormalizer.value() gives instead of a value. */
class Unreadable {
  constructor(reason) {
    this.reason = reason;
  }
}

/** A value read (the value itself: only an Unreadable is not one; no wrapper is made for every field). */
const ok = (value) => value;
const bad = (reason) => new Unreadable(reason);

const BASE = 0;
const ARRAY = 1;
const ENUM = 2;
const TYPE = 3;

/**
 * A field kind of the model ("number", "enum:VMState", "type:VMNetworkAdapter", "string[]", ...) read once:
 * {code, text, name (of the enum or type), element (of an array)}.
 */
function parseKind(text) {
  if (text.endsWith('[]')) return { code: ARRAY, text, name: null, element: parseKind(text.slice(0, -2)) };
  if (text.startsWith('enum:')) return { code: ENUM, text, name: text.slice(5), element: null };
  if (text.startsWith('type:')) return { code: TYPE, text, name: text.slice(5), element: null };
  return { code: BASE, text, name: null, element: null };
}

function nested(field, outer) {
  return {
    unreadable: (inner, reason) => outer.unreadable(`${field}.${inner}`, reason),
    unknownEnum: (inner, enumType, value) => outer.unknownEnum(`${field}.${inner}`, enumType, value),
  };
}

function collapsed(s) {
  const shown = s.length > 60 ? `${s.slice(0, 60)}…` : s;
  return `collapsed to the string "${shown}" (collect with ConvertTo-Json -Depth 4 or more)`;
}

function describe(v) {
  return isMap(v) ? 'an object' : Array.isArray(v) ? 'an array' : javaString(v);
}

function number(v) {
  if (typeof v === 'number') return ok(v === 0 ? 0 : v);
  if (typeof v === 'string') {
    const t = javaTrim(v);
    if (JAVA_DOUBLE.test(t)) {
      const d = Number(t.replace(/[fFdD]$/, ''));
      if (Number.isFinite(d)) return ok(d === 0 ? 0 : d);
    }
    return bad(`not a number: "${v}"`);
  }
  if (typeof v === 'boolean') return ok(v ? 1 : 0);
  return bad(`not a number: ${describe(v)}`);
}

function bool(v) {
  if (typeof v === 'boolean') return ok(v);
  if (typeof v === 'string') {
    const t = javaTrim(v).toLowerCase();
    if (t === 'true' || t === '1') return ok(true);
    if (t === 'false' || t === '0') return ok(false);
    return bad(`not a boolean: "${v}"`);
  }
  if (typeof v === 'number' && (v === 0 || v === 1)) return ok(v === 1);
  return bad(`not a boolean: ${describe(v)}`);
}

function date(v) {
  if (isMap(v) && own(v, 'value')) return date(v.value);
  if (typeof v === 'number') {
    const s = isoMillis(Math.trunc(v));
    return s === null ? bad(`not a date: ${javaString(v)}`) : ok(s);
  }
  if (typeof v !== 'string') return bad(`not a date: ${describe(v)}`);
  const ms = parseDate(javaTrim(v));
  const s = ms === null ? null : isoMillis(ms);
  return s === null ? bad(`not a date: "${v}"`) : ok(s);
}

/** Epoch milliseconds of a UTC date-time, or null when a field is out of range (as java.time refuses it). */
function utc(y, mo, d, h, mi, s, nanos = 0, offsetSeconds = 0) {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const dim = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (d > dim[mo - 1]) return null;
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  t.setUTCHours(h, mi, s, 0);
  return t.getTime() + Math.floor(nanos / 1e6) - offsetSeconds * 1000;
}

function fraction(f) {
  return f ? Number((f + '000000000').slice(0, 9)) : 0;
}

/** Epoch milliseconds a date string denotes, or null. Dates without an offset are read as UTC. */
export function parseDate(s) {
  let m = MS_DATE.exec(s);
  if (m) return Number(m[1]);
  m = ISO_OFFSET.exec(s);
  if (m) {
    let off = 0;
    if (!/^[Zz]$/.test(m[8])) {
      const [hh, mm, ss] = m[8].slice(1).split(':').map(Number);
      if (hh > 18 || mm > 59 || (ss ?? 0) > 59) return null;
      off = (m[8][0] === '-' ? -1 : 1) * (hh * 3600 + mm * 60 + (ss ?? 0));
    }
    return utc(+m[1], +m[2], +m[3], +m[4], +m[5], +(m[6] ?? 0), fraction(m[7]), off);
  }
  m = ISO_LOCAL.exec(s.replace(/ /g, 'T'));
  if (m) return utc(+m[1], +m[2], +m[3], +m[4], +m[5], +(m[6] ?? 0), fraction(m[7]));
  m = ISO_DATE.exec(s);
  if (m) return utc(+m[1], +m[2], +m[3], 0, 0, 0);
  m = US_DATE.exec(s);
  if (m) {
    let hour = m[4] === undefined ? 0 : Number(m[4]);
    if (m[7] !== undefined) hour = (hour % 12) + (m[7].toLowerCase().startsWith('p') ? 12 : 0);
    return utc(+m[3], +m[1], +m[2], hour, +(m[5] ?? 0), +(m[6] ?? 0));
  }
  m = DOT_DATE.exec(s);
  if (m) return utc(+m[3], +m[2], +m[1], m[4] === undefined ? 0 : Number(m[4]), +(m[5] ?? 0), +(m[6] ?? 0));
  return null;
}

function timespan(v) {
  if (isMap(v)) {
    if (typeof v.Ticks === 'number') return ok(timespanOf(BigInt(Math.trunc(v.Ticks))));
    if (typeof v.TotalMilliseconds === 'number') return ok(timespanOf(BigInt(Math.round(v.TotalMilliseconds * 10000))));
    return bad('a time span without Ticks or TotalMilliseconds');
  }
  if (typeof v === 'string') {
    const t = javaTrim(v);
    let m = TIMESPAN.exec(t);
    if (m) {
      const days = BigInt(m[2] ?? 0);
      const seconds = ((days * 24n + BigInt(m[3])) * 60n + BigInt(m[4])) * 60n + BigInt(m[5]);
      const frac = BigInt(m[6] === undefined ? '0' : (m[6] + '000000').slice(0, 7));
      const ticks = seconds * 10000000n + frac;
      return ok(timespanOf(m[1] === undefined ? ticks : -ticks));
    }
    m = ISO_DURATION.exec(t);
    if (m && t.length > 1) {
      const n = (x) => (x === undefined ? 0 : Number(x));
      const seconds = n(m[1]) * 86400 + n(m[2]) * 3600 + n(m[3]) * 60 + n(m[4]);
      return ok(timespanOf(BigInt(Math.round(seconds * 10000000))));
    }
  }
  return bad(`not a time span: ${describe(v)}`);
}

/** The shape ConvertTo-Json gives a TimeSpan, computed from its ticks (a BigInt, as Java's long). */
export function timespanOf(ticks) {
  const m = newMap();
  const t = Number(ticks);
  const z = (x) => (x === 0 ? 0 : x);
  put(m, 'Ticks', t);
  put(m, 'Days', z(Number(ticks / 864000000000n)));
  put(m, 'Hours', z(Number((ticks / 36000000000n) % 24n)));
  put(m, 'Milliseconds', z(Number((ticks / 10000n) % 1000n)));
  put(m, 'Minutes', z(Number((ticks / 600000000n) % 60n)));
  put(m, 'Seconds', z(Number((ticks / 10000000n) % 60n)));
  put(m, 'TotalDays', z(t / 864000000000));
  put(m, 'TotalHours', z(t / 36000000000));
  put(m, 'TotalMilliseconds', z(t / 10000));
  put(m, 'TotalMinutes', z(t / 600000000));
  put(m, 'TotalSeconds', z(t / 10000000));
  return m;
}

function version(v) {
  if (isMap(v) && typeof v.Major === 'number') {
    let s = String(Math.trunc(v.Major));
    for (const part of ['Minor', 'Build', 'Revision']) {
      if (typeof v[part] === 'number' && Math.trunc(v[part]) >= 0) s += `.${Math.trunc(v[part])}`;
    }
    return ok(s);
  }
  if (typeof v === 'string') return ok(v);
  if (typeof v === 'number') return ok(javaNumber(v));
  return bad(`not a version: ${describe(v)}`);
}

/** A deep copy of an untyped value, without recursion; objects become null-prototype maps. */
export function copy(v) {
  if (v === null || typeof v !== 'object') return v === undefined ? null : v === 0 ? 0 : v;
  const root = Array.isArray(v) ? [] : newMap();
  const work = [[v, root]];
  while (work.length) {
    const [src, dst] = work.pop();
    if (Array.isArray(src)) {
      for (const x of src) {
        const c = x !== null && typeof x === 'object' ? (Array.isArray(x) ? [] : newMap()) : x === 0 ? 0 : x ?? null;
        dst.push(c);
        if (c !== null && typeof c === 'object') work.push([x, c]);
      }
    } else {
      for (const k of Object.keys(src)) {
        const x = src[k];
        const c = x !== null && typeof x === 'object' ? (Array.isArray(x) ? [] : newMap()) : x === 0 ? 0 : x ?? null;
        put(dst, k, c);
        if (c !== null && typeof c === 'object') work.push([x, c]);
      }
    }
  }
  return root;
}
