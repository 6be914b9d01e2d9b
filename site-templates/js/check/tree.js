// Reads inventory text into plain values without recursion: JSON by the engine's JSON.parse, checked for duplicate
// keys, NaN/Infinity and nesting, and by a small tokenizer when it fails a check (line and column of every error), YAML through the `yaml` package (then checked for
// depth and converted iteratively), CSV as Export-Csv writes it. Objects are null-prototype maps, so keys
// such as __proto__ and constructor are plain data. The Java twin is io.bpacat.check.TreeReader and CsvReader.
import { parseDocument, isMap, isSeq, isScalar, isAlias } from 'yaml';

/** Text that could not be read; line and column are 1-based (0 when unknown). */
export class ReadError extends Error {
  constructor(message, line = 0, column = 0) {
    super(message);
    this.name = 'ReadError';
    this.line = line;
    this.column = column;
  }
}

const deepMessage = (max) =>
  `nested more than ${max} levels deep (an inventory needs about 6; was the file written with an unusually large -Depth?)`;

/**
 * A new map for data: an object with no prototype, so any key is plain data. Made from an object literal rather
 * than Object.create(null), which V8 keeps in its slow dictionary mode: these stay fast to read and write.
 */
export function newMap() {
  return Object.setPrototypeOf({}, null);
}

/**
 * Stores a key on a null-prototype object (newMap()) as an own data property, whatever its name: with no
 * prototype there is no __proto__ setter or any other inherited accessor, so plain assignment defines the key.
 */
export function put(obj, key, value) {
  obj[key] = value;
}

/**
 * JSON text to values; throws ReadError naming line and column. Maps are read only through their own keys
 * (Object.keys, hasOwnProperty): they come from the engine's JSON.parse when the text is valid, has no key twice
 * in one object, no number beyond the double range and no nesting past maxDepth; otherwise JsonReader reads it,
 * slower, to name the problem (or to give -0 as 0 where a number is written so).
 */
export function readJson(text, maxDepth = 64) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return new JsonReader(text, maxDepth).read();
  }
  if (value === 0) return 0;
  return plainJson(value, maxDepth) === keyCount(text) ? value : new JsonReader(text, maxDepth).read();
}

/**
 * The number of keys of all maps of a parsed JSON value; -1 when a map or array is nested deeper than maxDepth or
 * a number is not finite. Negative zero becomes zero, as JsonReader reads it.
 */
function plainJson(root, maxDepth) {
  if (root === null || typeof root !== 'object') return typeof root === 'number' && !Number.isFinite(root) ? -1 : 0;
  const nodes = [root];
  const depths = [1];
  let keys = 0;
  while (nodes.length > 0) {
    const node = nodes.pop();
    const depth = depths.pop();
    if (depth > maxDepth) return -1;
    const isArray = Array.isArray(node);
    if (!isArray) Object.setPrototypeOf(node, null);
    const names = isArray ? null : Object.keys(node);
    const n = isArray ? node.length : names.length;
    if (!isArray) keys += n;
    for (let i = 0; i < n; i++) {
      const k = isArray ? i : names[i];
      const v = node[k];
      if (typeof v === 'number') {
        if (!Number.isFinite(v)) return -1;
        if (v === 0) node[k] = 0;
      } else if (v !== null && typeof v === 'object') {
        nodes.push(v);
        depths.push(depth + 1);
      }
    }
  }
  return keys;
}

/** How many keys valid JSON text writes: strings followed by a colon. */
function keyCount(s) {
  let n = 0;
  let i = s.indexOf('"');
  while (i >= 0) {
    let end = s.indexOf('"', i + 1);
    for (;;) {
      let slashes = 0;
      while (s.charCodeAt(end - 1 - slashes) === 92) slashes++;
      if (slashes % 2 === 0) break;
      end = s.indexOf('"', end + 1);
    }
    let j = end + 1;
    let c = s.charCodeAt(j);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = s.charCodeAt(++j);
    if (c === 58) n++;
    i = s.indexOf('"', j);
  }
  return n;
}

class JsonReader {
  constructor(text, maxDepth) {
    this.s = text;
    this.i = 0;
    this.maxDepth = maxDepth;
    this.lineStarts = null;
  }

  position(at) {
    let line = 1;
    let start = 0;
    for (let k = 0; k < at && k < this.s.length; k++) {
      if (this.s.charCodeAt(k) === 10) {
        line++;
        start = k + 1;
      }
    }
    return { line, column: at - start + 1 };
  }

  fail(message, at = this.i) {
    const p = this.position(at);
    return new ReadError(message, p.line, p.column);
  }

  ws() {
    const s = this.s;
    let i = this.i;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else break;
    }
    this.i = i;
  }

  read() {
    const stack = []; // frames: { container, isArray, key, keys:Set }
    let root;
    let started = false;
    this.ws();
    if (this.i >= this.s.length) throw new ReadError('the document is empty', 1, 1);
    let expectValue = true;
    for (;;) {
      this.ws();
      const top = stack[stack.length - 1];
      if (expectValue) {
        const at = this.i;
        const c = this.s[this.i];
        let value;
        let opened = false;
        if (c === '{' || c === '[') {
          if (stack.length >= this.maxDepth) throw this.fail(deepMessage(this.maxDepth), at);
          this.i++;
          const frame = { container: c === '{' ? newMap() : [], isArray: c === '[', key: null, keys: new Set(), first: true };
          stack.push(frame);
          opened = true;
          started = true;
          this.ws();
          const close = frame.isArray ? ']' : '}';
          if (this.s[this.i] === close) {
            this.i++;
            stack.pop();
            value = frame.container;
            opened = false;
          } else if (!frame.isArray) {
            this.key(frame);
            continue;
          } else {
            continue;
          }
        } else {
          value = this.scalar();
        }
        if (!opened) {
          if (stack.length === 0) {
            root = value;
            started = true;
            break;
          }
          this.attach(stack[stack.length - 1], value);
          expectValue = false;
        }
        continue;
      }
      // after a value inside a container: ',' or the closing bracket
      const c = this.s[this.i];
      if (c === ',') {
        this.i++;
        this.ws();
        if (top.isArray) {
          expectValue = true;
        } else {
          this.key(top);
          expectValue = true;
        }
        continue;
      }
      if ((c === ']' && top.isArray) || (c === '}' && !top.isArray)) {
        this.i++;
        stack.pop();
        const done = top.container;
        if (stack.length === 0) {
          root = done;
          break;
        }
        this.attach(stack[stack.length - 1], done);
        continue;
      }
      if (this.i >= this.s.length) throw this.fail(`unexpected end of input: ${top.isArray ? "']'" : "'}'"} or ',' expected`);
      throw this.fail(`unexpected character '${c}': ${top.isArray ? "']'" : "'}'"} or ',' expected`);
    }
    this.ws();
    if (!started) throw new ReadError('the document is empty', 1, 1);
    if (this.i < this.s.length) throw this.fail(`unexpected character '${this.s[this.i]}' after the end of the document`);
    return root;
  }

  key(frame) {
    this.ws();
    if (this.s[this.i] !== '"') {
      if (this.i >= this.s.length) throw this.fail('unexpected end of input: a key in double quotes expected');
      throw this.fail(`unexpected character '${this.s[this.i]}': a key in double quotes expected`);
    }
    const at = this.i;
    const key = this.string();
    if (frame.keys.has(key)) throw this.fail(`duplicate key "${key}" (each key may appear once per object)`, at);
    frame.keys.add(key);
    frame.key = key;
    this.ws();
    if (this.s[this.i] !== ':') throw this.fail(`':' expected after the key "${key}"`);
    this.i++;
  }

  attach(frame, value) {
    if (frame.isArray) frame.container.push(value);
    else put(frame.container, frame.key, value);
  }

  scalar() {
    const s = this.s;
    const c = s[this.i];
    if (c === '"') return this.string();
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    for (const [word, value] of [['true', true], ['false', false], ['null', null]]) {
      if (s.startsWith(word, this.i)) {
        this.i += word.length;
        return value;
      }
    }
    if (/^(-?Infinity|NaN)/.test(s.slice(this.i, this.i + 9)) || s.startsWith('+Infinity', this.i)) {
      throw this.fail('NaN and Infinity are not allowed (write null or a number)');
    }
    if (this.i >= s.length) throw this.fail('unexpected end of input: a value expected');
    throw this.fail(`unexpected character '${c}': a value expected`);
  }

  number() {
    const m = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
    m.lastIndex = this.i;
    const r = m.exec(this.s);
    if (!r || r[0] === '-') {
      if (this.s.startsWith('-Infinity', this.i)) throw this.fail('NaN and Infinity are not allowed (write null or a number)');
      throw this.fail('malformed number');
    }
    const next = this.s[this.i + r[0].length];
    if (next !== undefined && /[0-9.eE+\-a-zA-Z]/.test(next)) throw this.fail('malformed number', this.i);
    const d = Number(r[0]);
    if (!Number.isFinite(d)) throw this.fail('NaN and Infinity are not allowed (write null or a number)');
    this.i += r[0].length;
    return d === 0 ? 0 : d;
  }

  string() {
    const s = this.s;
    let i = this.i + 1;
    let out = '';
    let from = i;
    for (;;) {
      if (i >= s.length) throw this.fail('a string is never closed', this.i);
      const c = s.charCodeAt(i);
      if (c === 34) break;
      if (c < 32) throw this.fail('control character in a string (escape it)', i);
      if (c === 92) {
        out += s.slice(from, i);
        const e = s[i + 1];
        const simple = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }[e];
        if (simple !== undefined) {
          out += simple;
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(s.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          throw this.fail(`invalid escape '\\${e ?? ''}' in a string`, i);
        }
        from = i;
        continue;
      }
      i++;
    }
    out += s.slice(from, i);
    this.i = i + 1;
    return out;
  }
}

/** YAML text to values (null-prototype maps); throws ReadError. */
export function readYaml(text, maxDepth = 64) {
  flowDepthCheck(text, maxDepth);
  blockDepthCheck(text, maxDepth);
  let doc;
  try {
    doc = parseDocument(text, { uniqueKeys: true, maxAliasCount: 50, prettyErrors: false, strict: true });
  } catch (e) {
    if (e instanceof RangeError) throw new ReadError(deepMessage(maxDepth), 0, 0);
    throw new ReadError(`malformed YAML: ${firstLine(e.message)}`, 0, 0);
  }
  const errors = doc.errors ?? [];
  if (errors.length > 0) {
    const e = errors[0];
    const pos = e.linePos?.[0] ?? positionOf(text, e.pos?.[0] ?? 0);
    const msg = e.code === 'DUPLICATE_KEY' ? `duplicate key: ${firstLine(e.message)}`
      : /call stack/i.test(e.message) ? deepMessage(maxDepth) : `malformed YAML: ${firstLine(e.message)}`;
    throw new ReadError(msg, pos.line, pos.col ?? pos.column);
  }
  return yamlValue(doc, text, maxDepth);
}

function firstLine(s) {
  const t = String(s ?? 'unreadable');
  const nl = t.indexOf('\n');
  return nl < 0 ? t : t.slice(0, nl);
}

function positionOf(text, offset) {
  let line = 1;
  let start = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text.charCodeAt(k) === 10) {
      line++;
      start = k + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/**
 * Refuses deep block nesting before the recursive YAML parser sees it: a stack of indentations, plus the "- "
 * sequence entries that open on the same line.
 */
function blockDepthCheck(text, maxDepth) {
  const indents = [];
  let line = 0;
  for (const raw of text.split('\n')) {
    line++;
    const m = /^( *)((?:- +)*)(.?)/.exec(raw);
    if (m[3] === '' && m[2] === '') continue;
    if (m[3] === '#') continue;
    const indent = m[1].length;
    while (indents.length > 0 && indents[indents.length - 1] >= indent) indents.pop();
    indents.push(indent);
    const dashes = (m[2].match(/-/g) ?? []).length;
    if (indents.length + dashes > maxDepth + 1) throw new ReadError(deepMessage(maxDepth), line, indent + 1);
  }
}

/** Refuses deep flow collections ([[[[...) before the recursive YAML parser sees them. */
function flowDepthCheck(text, maxDepth) {
  let depth = 0;
  let quote = null;
  let indentDepth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '[' || c === '{') {
      depth++;
      if (depth > maxDepth + indentDepth) {
        const p = positionOf(text, i);
        throw new ReadError(deepMessage(maxDepth), p.line, p.column);
      }
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
}

/** Converts the YAML document to plain values with an explicit stack; Java's Jackson YAML reads scalars alike. */
function yamlValue(doc, text, maxDepth) {
  const rootNode = doc.contents;
  if (rootNode == null) throw new ReadError('the document is empty', 1, 1);
  const out = { value: undefined };
  const work = [{ node: rootNode, set: (v) => { out.value = v; }, depth: 0 }];
  let aliases = 0;
  while (work.length) {
    const { node, set, depth } = work.pop();
    let n = node;
    if (isAlias(n)) {
      if (++aliases > 50) throw new ReadError('the document uses more than 50 aliases (*name); write the values out', ...linecol(text, n));
      n = n.resolve(doc);
    }
    if (n == null) {
      set(null);
    } else if (isMap(n)) {
      if (depth >= maxDepth) throw new ReadError(deepMessage(maxDepth), ...linecol(text, n));
      const obj = newMap();
      set(obj);
      for (const pair of n.items) {
        const k = pair.key;
        const key = isScalar(k) ? String(k.value ?? 'null') : String(k);
        if (Object.prototype.hasOwnProperty.call(obj, key)) {
          throw new ReadError(`duplicate key "${key}" (each key may appear once per object)`, ...linecol(text, k));
        }
        put(obj, key, null);
        work.push({ node: pair.value, set: (v) => put(obj, key, v), depth: depth + 1 });
      }
    } else if (isSeq(n)) {
      if (depth >= maxDepth) throw new ReadError(deepMessage(maxDepth), ...linecol(text, n));
      const arr = new Array(n.items.length).fill(null);
      set(arr);
      n.items.forEach((item, idx) => work.push({ node: item, set: (v) => { arr[idx] = v; }, depth: depth + 1 }));
    } else if (isScalar(n)) {
      set(yamlScalar(n, text));
    } else {
      set(null);
    }
  }
  return out.value;
}

function linecol(text, node) {
  const p = positionOf(text, node?.range?.[0] ?? 0);
  return [p.line, p.column];
}

function yamlScalar(n, text) {
  const v = n.value;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new ReadError('NaN and Infinity are not allowed (write null or a number)', ...linecol(text, n));
    return v === 0 ? 0 : v;
  }
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return n.source ?? v.toISOString();
  if (v === undefined) return null;
  return v;
}

/** CSV as Export-Csv writes it: optional #TYPE line, a header, quoted cells. Rows are maps of strings. */
export function readCsv(text) {
  const pos = { i: 0, line: 1 };
  let type = null;
  if (text.startsWith('#TYPE ')) {
    const nl = text.indexOf('\n');
    type = (nl < 0 ? text.slice(6) : text.slice(6, nl)).trim();
    pos.i = nl < 0 ? text.length : nl + 1;
    pos.line = 2;
  }
  const header = csvRow(text, pos);
  if (header.length === 0 || (header.length === 1 && header[0] === '')) throw new ReadError('CSV without a header row', pos.line, 1);
  const rows = [];
  while (pos.i < text.length) {
    const rowLine = pos.line;
    const cells = csvRow(text, pos);
    if (cells.length === 1 && cells[0] === '') continue;
    if (cells.length > header.length) {
      throw new ReadError(`row has ${cells.length} fields but the header names ${header.length}`, rowLine, 1);
    }
    const row = newMap();
    const seen = new Set();
    header.forEach((h, k) => {
      if (seen.has(h)) throw new ReadError(`duplicate column "${h}"`, 1, 1);
      seen.add(h);
      put(row, h, k < cells.length ? cells[k] : null);
    });
    rows.push(row);
  }
  return { type, rows };
}

function csvRow(text, pos) {
  const cells = [];
  let cell = '';
  let i = pos.i;
  let quoted = false;
  let wasQuoted = false;
  const startLine = pos.line;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c === '\n') pos.line++;
        cell += c;
      }
      i++;
      continue;
    }
    if (c === '"' && cell.length === 0 && !wasQuoted) {
      quoted = true;
      wasQuoted = true;
    } else if (c === ',') {
      cells.push(cell);
      cell = '';
      wasQuoted = false;
    } else if (c === '\n') {
      i++;
      pos.line++;
      break;
    } else if (c !== '\r') {
      cell += c;
    }
    i++;
  }
  if (quoted) throw new ReadError('a quoted field is never closed', startLine, 1);
  cells.push(cell);
  pos.i = i;
  return cells;
}
