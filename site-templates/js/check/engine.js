// Evaluates the checkers of checkers.json on a normalized inventory with the `jsonata` npm package, exactly as
// `bpacat validate` does with com.dashjoin:jsonata (the Java twin is io.bpacat.check.CheckerEngine; the parity
// tests run both on every checker example and on real and generated inventories). One result per checker and
// inspected object, with the fields, values and order of the JSON report's results.
import jsonata from 'jsonata';
import { newMap, put } from './tree.js';
import { modelIndex } from './inventory.js';
import { javaString } from './values.js';
import { render, text } from './template.js';
import { ExpressionMemo, MISS } from './memo.js';
import { ResultTable } from './results.js';

export const WHOLE_INVENTORY = '(inventory)';
export const NO_OBJECTS = '(none)';
/** Java's CheckerEngine.Limits.DEFAULT: per evaluation, depth, per checker over one inventory. */
export const DEFAULT_LIMITS = Object.freeze({ timeLimitMs: 2000, maxDepth: 200, checkerTimeLimitMs: 30000 });

const ENTRY = Symbol.for('jsonata.__evaluate_entry');
const EXIT = Symbol.for('jsonata.__evaluate_exit');
const CONTEXT = '__bpacatBounds';

const BOUND = Symbol('bound');
const BOUNDS = Symbol('bpacat bounds');
const hasOwn = Object.prototype.hasOwnProperty;

/** Thrown by an expression's time or depth bound. */
function bound(kind) {
  const e = new Error(kind === 'time' ? 'Expression evaluation timeout: Check for infinite loop'
    : 'Stack overflow error: Check for non-terminating recursive function.');
  e[BOUND] = kind;
  return e;
}

/**
 * The bounds of the evaluation `environment` belongs to. jsonata gives every evaluation a new Date (its $now), which
 * each frame made during that evaluation carries as `timestamp`: the bounds are looked up once per evaluation and
 * then kept on that Date, not looked up through the frames at every step.
 */
function boundsOf(environment) {
  const t = environment.timestamp;
  if (t === null || typeof t !== 'object') return environment.lookup(CONTEXT);
  let b = t[BOUNDS];
  if (b === undefined) {
    b = environment.lookup(CONTEXT) ?? null;
    t[BOUNDS] = b;
  }
  return b;
}

function entry(expr, input, environment) {
  const b = boundsOf(environment);
  if (!b) return;
  b.depth++;
  if (b.depth > b.maxDepth) {
    throw bound('depth');
  }
  if (++b.steps % 64 === 0 && Date.now() > b.deadline) throw bound('time');
}

function exit(expr, input, environment) {
  const b = boundsOf(environment);
  if (b) b.depth--;
}

/** The time bound alone, checked as steps end: for expressions that cannot nest deeper than the depth bound. */
function timeOnExit(expr, input, environment) {
  const b = boundsOf(environment);
  if (b && ++b.steps % 64 === 0 && Date.now() > b.deadline) throw bound('time');
}

/** AST levels below which an expression without functions of its own cannot reach the depth bound (200). */
const SHALLOW = 50;

/**
 * Whether a parsed expression can only nest as deep as it is written: it defines no function (no recursion) and
 * evaluates no text as an expression ($eval), and its tree is shallow. Its evaluation depth then stays far below
 * the depth bound, which only the time bound is left to watch (one callback per step instead of two).
 */
function shallow(source, ast) {
  if (source.includes('$eval')) return false;
  const height = (node, level) => {
    if (level > SHALLOW) return Infinity;
    if (node === null || typeof node !== 'object') return level;
    if (!Array.isArray(node) && node.type === 'lambda') return Infinity;
    let h = level;
    for (const v of Array.isArray(node) ? node : Object.values(node)) {
      if (v !== null && typeof v === 'object') h = Math.max(h, height(v, level + 1));
    }
    return h;
  };
  return height(ast, 0) <= SHALLOW;
}

/** Java's String.isBlank(): only Character.isWhitespace characters (not the no-break spaces). */
const JAVA_BLANK = /^[\t\n\u000B\f\r\u001C-\u001F \u1680\u2000-\u2006\u2008-\u200A\u2028\u2029\u205F\u3000]*$/;

const compiledCache = new WeakMap();

/** The checkers of a bundle, compiled once (cached per bundle object). Broken expressions give error results. */
export function compile(bundle) {
  let compiled = compiledCache.get(bundle);
  if (compiled) return compiled;
  compiled = bundle.checkers.map((c) => {
    const expr = (src) => {
      if (src === null || src === undefined) return null;
      try {
        const e = jsonata(src);
        if (shallow(src, e.ast())) {
          e.assign(EXIT, timeOnExit);
        } else {
          e.assign(ENTRY, entry);
          e.assign(EXIT, exit);
        }
        return { source: src, compiled: e };
      } catch (err) {
        return { source: src, compiled: null, error: err };
      }
    };
    const values = Object.keys(c.values ?? {}).sort().map((k) => [k, expr(c.values[k])]);
    return { ...c, appliesExpr: expr(c.applies), compliantExpr: expr(c.compliant), valueExprs: values };
  });
  compiledCache.set(bundle, compiled);
  return compiled;
}

/**
 * Validates a normalized inventory (from readInventory) with the checkers of `bundle` (checkers.json).
 * options: { rules?: string[] (rule IDs, their first 8 characters, or checker file names), exclusions?: [{rule?,
 * object?, reason}], timeLimitMs?: per evaluation of one expression (default 2000, as bpacat validate),
 * checkerTimeLimitMs?: per checker over the inventory (default 30000), locale?: 'en-us', baseUrl?: '', memoize?: reuse
 * an expression's result for objects that look the same to it (default true; the results are the same either way),
 * part?: {index, of}: only the checkers whose position among the selected ones is index modulo `of` (one share of a
 * validation split over several workers; see parts.js) }.
 * Returns the results in checker order, objects in inventory order.
 */
export async function validate(inventory, bundle, options = {}) {
  return (await validateTable(inventory, bundle, options)).toArray();
}

/** validate(), its results kept in a ResultTable (results.js): what the page's worker keeps of a large inventory. */
export async function validateTable(inventory, bundle, options = {}) {
  const all = select(compile(bundle), options.rules);
  const part = options.part ?? null;
  const checkers = part === null ? all : all.filter((c, k) => k % part.of === part.index);
  const exclusions = readExclusions(options.exclusions);
  const limits = {
    timeLimitMs: options.timeLimitMs ?? DEFAULT_LIMITS.timeLimitMs,
    maxDepth: DEFAULT_LIMITS.maxDepth,
    checkerTimeLimitMs: options.checkerTimeLimitMs ?? DEFAULT_LIMITS.checkerTimeLimitMs,
    memoize: options.memoize !== false,
  };
  const ctx = context(inventory, bundle.model ?? inventory.model);
  const table = new ResultTable();
  for (const c of checkers) {
    const info = ruleInfo(bundle, c, options);
    await new Run(c, ctx, limits, info, exclusions).findings(table);
    if (options.onProgress) options.onProgress(table.length);
  }
  return table;
}

/** The checkers --rules selects: rule IDs, 8-character prefixes, or checker file names (all without it). */
export function select(checkers, rules) {
  if (!rules || rules.length === 0) return checkers;
  const out = checkers.filter((c) => rules.some((r) => {
    const id = c.ruleId;
    const file = c.file.slice(c.file.lastIndexOf('/') + 1).replace(/\.yaml$/, '');
    return id.toLowerCase() === String(r).toLowerCase() || (r.length >= 8 && id.startsWith(String(r).toLowerCase()))
      || file.toLowerCase() === String(r).toLowerCase();
  }));
  if (out.length === 0) throw new Error(`--rules names no known rule or checker: ${rules.join(', ')}`);
  return out;
}

/** Exclusions as `bpacat validate --exclusions` reads them: a list (or {exclusions: [...]}) of {rule, object, reason}. */
export function readExclusions(list) {
  if (list === undefined || list === null) return [];
  const items = Array.isArray(list) ? list : Array.isArray(list.exclusions) ? list.exclusions : null;
  if (!items) throw new Error('exclusions must be a list of {rule, object, reason}');
  return items.map((e, i) => {
    if (e === null || typeof e !== 'object' || Array.isArray(e)) throw new Error(`exclusion ${i + 1} is not a mapping`);
    const rule = e.rule === undefined || e.rule === null ? null : String(e.rule);
    const object = e.object === undefined || e.object === null ? null : String(e.object);
    const reason = e.reason === undefined || e.reason === null ? '' : String(e.reason).trim();
    if (rule === null && object === null) throw new Error(`exclusion ${i + 1} names neither a rule nor an object`);
    if (reason === '') throw new Error(`exclusion ${i + 1} gives no reason`);
    return { rule, object, reason };
  });
}

function excludedBy(exclusions, ruleId, object) {
  for (const e of exclusions) {
    if (e.rule !== null && e.rule.toLowerCase() !== ruleId.toLowerCase()) continue;
    if (e.object !== null) {
      const p = e.object.toLowerCase();
      const n = object.toLowerCase();
      if (p.endsWith('*') ? !n.startsWith(p.slice(0, -1)) : p !== n) continue;
    }
    return e.reason;
  }
  return null;
}

/** Title, severity, category and link of a checker's rule, as bpacat validate labels its results. */
export function ruleInfo(bundle, c, options = {}) {
  const id = c.ruleId;
  const locale = (options.locale ?? 'en-us').toLowerCase();
  const r = bundle.rules?.[id];
  let title = c.title ?? id;
  if (r) {
    const key = Object.keys(r.titles ?? {}).find((k) => k.toLowerCase() === locale);
    title = key !== undefined ? r.titles[key] : r.title;
  }
  const base = options.baseUrl ?? '';
  const helpUri = base === '' ? `rules/${id}/` : `${base.endsWith('/') ? base : `${base}/`}${locale}/rules/${id}/`;
  return { id, title, severity: r ? r.severity : 'warning', category: r ? r.category : '', helpUri };
}


const contexts = new WeakMap();

/** The shared context of an inventory (normalized inventories are never changed), built once per inventory. */
function context(inventory, model) {
  let c = contexts.get(inventory);
  if (!c || c.model !== model) {
    c = new Context(inventory, model);
    contexts.set(inventory, c);
  }
  return c;
}

/** What every checker shares for one inventory: the data JSONata sees and the links between objects. */
class Context {
  constructor(inventory, model) {
    this.inv = inventory;
    this.model = model;
    this.idx = modelIndex(model);
    this.data = newMap();
    for (const k of Object.keys(inventory.collections)) {
      const list = inventory.collections[k];
      const single = this.idx.collections.get(k)?.single;
      put(this.data, k, single ? (list.length === 0 ? null : list[0]) : list);
    }
    this.host = this.data.VMHost ?? newMap();
    this.collectedMillis = inventory.collectedAt === null ? null : Date.parse(inventory.collectedAt);
    this.derivedKeys = new Map();
    this.index = null;
    this.tables = new Map();
    this.linkCache = new Map();
    this.keyTables = new Map(); // filled once the derived keys are final
    this.names = new Map();
    this.incompleteSets = new Map();
    this.rootMaps = new Map();
  }

  /**
   * The objects of a collection that lack one of `fields` (as Run.missingFields finds them): mostly none. Built from
   * the same per-field presence() tables the scope's own objects are checked with, so each field of a collection is
   * looked at once for all checkers.
   */
  incomplete(col, fields) {
    const key = `${col}\u0000${fields.join('\u0000')}`;
    let set = this.incompleteSets.get(key);
    if (set === undefined) {
      set = new Set();
      const objects = this.objects(col);
      for (const f of fields) {
        const p = this.presence(col, f);
        for (let i = 0; i < objects.length; i++) if (p[i] === 0) set.add(objects[i]);
      }
      this.incompleteSets.set(key, set);
    }
    return set;
  }

  has(col) {
    return Object.prototype.hasOwnProperty.call(this.inv.collections, col);
  }

  objects(col) {
    return this.has(col) ? this.inv.collections[col] : [];
  }

  leftOut(o) {
    return this.inv.leftOut.get(o) ?? null;
  }

  /** Per object of a collection, by index: what normalization left out of it (null for nothing), and $related. */
  table(col) {
    let t = this.tables.get(col);
    if (t === undefined) {
      const objects = this.objects(col);
      t = { leftOut: objects.map((o) => this.leftOut(o)), related: null, rooted: false, presence: undefined };
      this.tables.set(col, t);
    }
    return t;
  }

  /** Whether each object of a collection has a field (present()), by object index: 1 or 0. */
  presence(col, field) {
    const t = this.table(col);
    if (t.presence === undefined) t.presence = new Map();
    let p = t.presence.get(field);
    if (p === undefined) {
      const objects = this.objects(col);
      p = new Uint8Array(objects.length);
      const parts = pathParts(field);
      for (let i = 0; i < objects.length; i++) p[i] = present(objects[i], field, t.leftOut[i], parts) ? 1 : 0;
      t.presence.set(field, p);
    }
    return p;
  }

  /**
   * $related of every object of a collection, by index; with `roots`, each with its roots (made the first time a
   * checker that may read them asks, and added last, where related() would have put them).
   */
  relatedOf(col, roots = true) {
    const t = this.table(col);
    if (t.related === null) t.related = this.objects(col).map((o, i) => this.related(col, i));
    if (roots && !t.rooted) {
      const objects = this.objects(col);
      for (let i = 0; i < objects.length; i++) {
        const r = this.roots(col, objects[i], t.related[i]);
        if (r !== null) t.related[i].roots = r;
      }
      t.rooted = true;
    }
    return t.related;
  }

  /** Link kinds of a collection: its own (sorted) and those it derives. */
  links(col) {
    let l = this.linkCache.get(col);
    if (!l) {
      const s = new Set(this.idx.collections.get(col)?.links.keys() ?? []);
      for (const d of this.idx.derivedLinks) if (d.collection === col) s.add(d.link);
      l = [...s];
      this.linkCache.set(col, l);
    }
    return l;
  }

  /**
   * The keys of each object of a collection for one link, by object index, in columns: ids and names (computeKeys'
   * id and name) and, for the few objects with derived keys, all their keys (computeKeys' all), else null.
   */
  keyTable(col, link) {
    let byLink = this.keyTables.get(col);
    if (byLink === undefined) {
      byLink = new Map();
      this.keyTables.set(col, byLink);
    }
    let table = byLink.get(link);
    if (table === undefined) {
      const objects = this.objects(col);
      const n = objects.length;
      table = { ids: new Array(n).fill(null), names: new Array(n).fill(null), derived: null };
      const l = this.idx.collections.get(col)?.links.get(link);
      for (let i = 0; i < n; i++) {
        const o = objects[i];
        if (this.derivedKeys.get(o)?.get(link) !== undefined) {
          const k = this.computeKeys(col, link, o);
          table.ids[i] = k.id;
          table.names[i] = k.name;
          (table.derived ??= new Map()).set(i, k.all);
        } else if (l && o !== null && typeof o === 'object') {
          table.ids[i] = keyOf(o[l.idField]);
          table.names[i] = l.nameField === null ? null : keyOf(o[l.nameField]);
        }
      }
      byLink.set(link, table);
    }
    return table;
  }

  /**
   * The keys of an object for one link: {id, name, all}. id and name are the lower-cased values of the link's id and
   * name fields (null for none); all lists the keys in lookup order, the derived ones, then id and name, each once,
   * as pairs (space, value) in one flat array: [ID_KEY, id, NAME_KEY, name]. A key is its value looked up in the
   * link's map of its space; no "id:"/"name:" text is made for every object (Java's Inventory.Keys spells them so).
   */
  computeKeys(col, link, o) {
    let id = null;
    let name = null;
    const l = this.idx.collections.get(col)?.links.get(link);
    if (l && o !== null && typeof o === 'object') {
      id = keyOf(o[l.idField]);
      name = l.nameField === null ? null : keyOf(o[l.nameField]);
    }
    const derived = this.derivedKeys.get(o)?.get(link);
    if (derived === undefined) { // most objects: the list made at its size
      if (id === null) return { id, name, all: name === null ? NO_KEYS : [NAME_KEY, name] };
      return { id, name, all: name === null ? [ID_KEY, id] : [ID_KEY, id, NAME_KEY, name] };
    }
    const all = [];
    for (const d of derived) {
      const space = d.startsWith('name:') ? NAME_KEY : ID_KEY;
      addKey(all, space, d.slice(space === NAME_KEY ? 5 : 3));
    }
    if (id !== null) addKey(all, ID_KEY, id);
    if (name !== null) addKey(all, NAME_KEY, name);
    return { id, name, all };
  }

  buildIndex() {
    for (const d of this.idx.derivedLinks) {
      const viaKeys = new Map();
      for (const via of this.objects(d.via)) {
        const linkKeys = spelled(this.computeKeys(d.via, d.link, via).all);
        for (const on of spelled(this.computeKeys(d.via, d.on, via).all)) {
          if (!viaKeys.has(on)) viaKeys.set(on, new Set());
          for (const k of linkKeys) viaKeys.get(on).add(k);
        }
      }
      for (const o of this.objects(d.collection)) {
        for (const on of spelled(this.computeKeys(d.collection, d.on, o).all)) {
          const inherited = viaKeys.get(on);
          if (!inherited) continue;
          if (!this.derivedKeys.has(o)) this.derivedKeys.set(o, new Map());
          const m = this.derivedKeys.get(o);
          if (!m.has(d.link)) m.set(d.link, new Set());
          for (const k of inherited) m.get(d.link).add(k);
        }
      }
    }
    // link → key space (id, name) → key → the objects with that key, in groups by collection (in collection
    // order), then object order; each group also lists its objects that have no id for the link (null for none).
    // A key's groups lie in one flat array, GROUP entries each: collection, objects, objects without an id
    const idx = new Map();
    for (const c of Object.keys(this.inv.collections)) {
      for (const link of this.links(c)) {
        let spaces = idx.get(link);
        if (spaces === undefined) {
          spaces = [new Map(), new Map()];
          idx.set(link, spaces);
        }
        const table = this.keyTable(c, link);
        const objects = this.inv.collections[c];
        for (let i = 0; i < objects.length; i++) {
          const o = objects[i];
          const id = table.ids[i];
          const name = table.names[i];
          const all = table.derived === null ? undefined : table.derived.get(i);
          if (all !== undefined) {
            for (let q = 0; q < all.length; q += 2) group(spaces[all[q]], all[q + 1], c, o, id === null);
          } else {
            if (id !== null) group(spaces[ID_KEY], id, c, o, false);
            if (name !== null) group(spaces[NAME_KEY], name, c, o, id === null);
          }
        }
      }
    }
    return idx;
  }

  /**
   * $related of object i of collection own: the objects of other collections with the same key, by collection
   * (without roots: relatedOf adds them).
   */
  related(ownCol, i) {
    if (this.index === null) this.index = this.buildIndex();
    const r = newMap();
    let own = null; // the lists of r that are copies of their own (gather)
    const links = this.links(ownCol);
    for (let j = 0; j < links.length; j++) {
      const link = links[j];
      const spaces = this.index.get(link);
      if (spaces === undefined) continue;
      const table = this.keyTable(ownCol, link);
      const id = table.ids[i];
      const name = table.names[i];
      const all = table.derived === null ? undefined : table.derived.get(i);
      if (all !== undefined) {
        for (let q = 0; q < all.length; q += 2) {
          own = gather(r, spaces[all[q]].get(all[q + 1]), ownCol, id !== null && all[q] === NAME_KEY, own);
        }
      } else {
        if (id !== null) own = gather(r, spaces[ID_KEY].get(id), ownCol, false, own);
        if (name !== null) own = gather(r, spaces[NAME_KEY].get(name), ownCol, id !== null, own);
      }
    }
    return r;
  }

  /**
   * $related.roots (Inventory.roots in Java): the root (pathRoot) of each path field the object has, then for each
   * linked collection with path fields, the roots of its linked objects' path fields, in the order of their list;
   * null when there are none.
   */
  roots(own, o, linked) {
    const roots = newMap();
    let any = this.rootsOf(own, o, roots);
    for (const c of Object.keys(linked)) {
      if (this.pathFields(c).length === 0) continue;
      roots[c] = linked[c].map((x) => this.rootMap(c, x));
      any = true;
    }
    return any ? roots : null;
  }

  /** The roots of a linked object's path fields, made once per object and shared by every $related (read-only). */
  rootMap(col, o) {
    let m = this.rootMaps.get(o);
    if (m === undefined) {
      m = newMap();
      this.rootsOf(col, o, m);
      this.rootMaps.set(o, m);
    }
    return m;
  }

  rootsOf(col, o, into) {
    let any = false;
    if (o === null || typeof o !== 'object') return any;
    for (const f of this.pathFields(col)) {
      if (hasOwn.call(o, f)) {
        put(into, f, pathRoot(o[f]));
        any = true;
      }
    }
    return any;
  }

  pathFields(col) {
    return this.idx.collections.get(col)?.pathFields ?? NO_FIELDS;
  }
}

const NO_FIELDS = Object.freeze([]);

/**
 * Adds the objects of `from` not yet in `list` to it, in order; a list not in `own` (a group's shared array) is
 * copied first and the copy recorded in `own`. Returns the list that holds them.
 */
function merge(list, from, own) {
  let mine = own.includes(list) ? list : null;
  const seen = list.length + from.length > 32 ? new Set(list) : null;
  for (let k = 0; k < from.length; k++) {
    const x = from[k];
    if (seen !== null ? seen.has(x) : list.includes(x)) continue;
    if (mine === null) {
      mine = list.slice();
      own.push(mine);
      list = mine;
    }
    list.push(x);
    if (seen !== null) seen.add(x);
  }
  return list;
}

/**
 * The root of a Windows path (PathRoot in Java): for `D:\VMs\web01` the first two characters, for anything else the
 * first two characters and what follows them up to the second backslash (`\\fs01\vms`). Characters count in code
 * points, as JSONata's $substring counts them; a value that is not text is its own root.
 */
export function pathRoot(v) {
  if (typeof v !== 'string') return v;
  const first = v.codePointAt(0);
  if (first === undefined) return v;
  const second = v.codePointAt(first > 0xffff ? 2 : 1);
  if (second === undefined) return v;
  const afterTwo = (first > 0xffff ? 2 : 1) + (second > 0xffff ? 2 : 1);
  if (second === 0x3a) return v.slice(0, afterTwo);
  const a = v.indexOf('\\', afterTwo);
  const b = a < 0 ? -1 : v.indexOf('\\', a + 1);
  return b < 0 ? v : v.slice(0, b);
}

/**
 * Adds object o of collection c to the groups of `key` in `byKey` (buildIndex). Arrays are made with their first
 * elements (one grown from [] by push has room for 16): most stay so. `noId`: o has no id for the link, and is also
 * among what a name key finds for an object that has an id (mostly none).
 */
function group(byKey, key, c, o, noId) {
  const groups = byKey.get(key);
  if (groups === undefined) {
    byKey.set(key, [c, [o], noId ? [o] : null]);
    return;
  }
  const last = groups.length - GROUP;
  if (groups[last] !== c) {
    groups.push(c, [o], noId ? [o] : null);
    return;
  }
  groups[last + 1].push(o);
  if (noId) {
    if (groups[last + 2] === null) groups[last + 2] = [o];
    else groups[last + 2].push(o);
  }
}

/**
 * Adds to $related `r` what one key of an object of collection ownCol finds (`groups`, buildIndex), each object
 * once: with skipIds (a name key of an object that has an id) only the objects without an id. A list is first the
 * array of the group it came from, shared by every object with the key (most lists stay so); one that a second group
 * adds to becomes a copy of its own, recorded in `own` (made when first needed). Returns `own`.
 */
function gather(r, groups, ownCol, skipIds, own) {
  if (groups === undefined) return own;
  for (let x = 0; x < groups.length; x += GROUP) {
    const col = groups[x];
    if (col === ownCol) continue;
    const from = groups[x + (skipIds ? 2 : 1)];
    const list = r[col];
    if (list === undefined) {
      r[col] = from ?? [];
    } else if (from !== null && from.length > 0) {
      if (list.length === 0) {
        r[col] = from;
      } else {
        if (own === null) own = [];
        r[col] = merge(list, from, own);
      }
    }
  }
  return own;
}

/** A link key's value: the field's text (as Java's String.valueOf writes it), lower-cased; null for none. */
function keyOf(v) {
  if (v === null || v === undefined) return null;
  const text = keyText(v);
  return text === '' ? null : text.toLowerCase();
}

/** The spaces of link keys (computeKeys): an id, or a name. */
const ID_KEY = 0;
const NAME_KEY = 1;

const NO_KEYS = Object.freeze([]);

/** The entries of a group in its key's flat array (buildIndex): collection, objects, objects without an id. */
const GROUP = 3;

/** Adds the key (space, value) to a flat list of keys unless it is there. */
function addKey(all, space, value) {
  for (let q = 0; q < all.length; q += 2) if (all[q] === space && all[q + 1] === value) return;
  all.push(space, value);
}

/** Keys as the derived links spell them: "id:<value>", "name:<value>". */
function spelled(all) {
  const out = [];
  for (let q = 0; q < all.length; q += 2) out.push(`${all[q] === NAME_KEY ? 'name' : 'id'}:${all[q + 1]}`);
  return out;
}

/** String.valueOf of a link key, as Java writes it. */
function keyText(v) {
  return typeof v === 'string' ? v : javaString(v);
}

/** One checker over one inventory. */
class Run {
  constructor(c, ctx, limits, info, exclusions) {
    this.c = c;
    this.ctx = ctx;
    this.limits = limits;
    this.info = info;
    this.exclusions = exclusions;
    this.scope = ctx.idx.collections.get(c.scope);
    this.readCols = Object.keys(c.reads ?? {}).sort();
    const mine = new Set(ctx.links(c.scope));
    this.relatedCollections = this.readCols.filter((col) => col !== c.scope && ctx.links(col).some((l) => mine.has(l)));
    const required = (before) => (c.require ?? []).filter((col) => (c.applies !== null && c.applies !== undefined && c.applies.includes(col)) === before);
    this.requiredBeforeApplies = required(true);
    this.requiredAfterApplies = required(false);
    const sources = [c.applies, c.compliant, ...Object.values(c.values ?? {})].filter((x) => typeof x === 'string');
    // $related is only computed for checkers that can see it: by name in an expression, or through what they need
    this.needsRelated = this.relatedCollections.length > 0 || (c.require ?? []).length > 0
      || sources.some((x) => x.includes('$related') || x.includes('$eval'));
    this.needsRoots = this.needsRelated && mayReadRoots(sources);
    this.appliesMemo = this.memo(c.appliesExpr, limits.memoize);
    this.compliantMemo = this.memo(c.compliantExpr, limits.memoize);
    this.valueMemos = c.valueExprs.map(([, e]) => this.memo(e, limits.memoize));
  }

  /** A memo of a compiled expression's results over this inventory's objects (ExpressionMemo); null for none. */
  memo(e, on) {
    if (!e || !e.compiled) return null;
    return new ExpressionMemo(e.source, (input, related) => this.run(e, input, related), on !== false);
  }

  /** Adds this checker's results to `table`: one per object of its scope, or one for the whole inventory. */
  async findings(table) {
    const c = this.c;
    const info = this.info;
    this.deadline = Date.now() + this.limits.checkerTimeLimitMs;
    const objects = this.ctx.objects(c.scope);
    this.rows = table.begin({ inventory: this.ctx.inv.file, rule: c.ruleId, title: info.title, severity: info.severity,
      category: info.category, checker: c.file, collection: c.scope, helpUri: info.helpUri }, objects.length);
    const missing = this.missingCollections();
    if (missing.length > 0) {
      this.result(WHOLE_INVENTORY, 'cannot-evaluate', `the inventory lacks ${missing.join(', ')}`, '', missing);
      return;
    }
    if (objects.length === 0) {
      this.result(NO_OBJECTS, 'not-applicable', `the inventory holds no ${c.scope} objects`, '', NONE);
      return;
    }
    this.leftOut = this.ctx.table(c.scope).leftOut;
    this.scopeFields = c.reads?.[c.scope] ?? [];
    this.presence = this.scopeFields.map((f) => this.ctx.presence(c.scope, f));
    this.scratch = [];
    this.related = this.needsRelated ? this.ctx.relatedOf(c.scope, this.needsRoots) : null;
    // the related objects that lack a field this checker reads, by collection (only those are looked at per object)
    this.incompleteRelated = this.relatedCollections.map((col) => [col, this.ctx.incomplete(col, c.reads?.[col] ?? [])])
      .filter(([, set]) => set.size > 0);
    this.sinceClock = 0;
    this.outOfTime = false;
    for (let i = 0; i < objects.length; i++) {
      // recording what an expression reads costs more than evaluating it: the last object is not recorded
      this.last = i === objects.length - 1;
      const f = this.object(objects[i], i);
      if (f instanceof Promise) await f;
    }
  }

  missingCollections() {
    const c = this.c;
    const missing = [];
    for (const col of this.readCols) {
      if (!this.ctx.has(col)) {
        missing.push(`${col} (${this.ctx.idx.collections.get(col)?.command ?? '?'})`);
      } else if (col !== c.scope && !this.relatedCollections.includes(col)) {
        for (const o of this.ctx.objects(col)) this.missingFields(col, o, missing);
      }
    }
    if (this.usesCollected() && this.ctx.inv.collectedAt === null) missing.push('CollectedAt (the time the inventory was collected)');
    return [...new Set(missing)];
  }

  usesCollected() {
    const c = this.c;
    const m = (s) => typeof s === 'string' && s.includes('$collected');
    return m(c.applies) || m(c.compliant) || Object.values(c.values ?? {}).some(m);
  }

  missingFields(col, o, missing, leftOut = this.ctx.leftOut(o)) {
    const fields = this.c.reads[col];
    if (fields === undefined || fields.length === 0) return;
    for (const f of fields) {
      if (!present(o, f, leftOut)) missing.push(missingText(col, f, leftOut));
    }
  }

  missingRequired(related, beforeApplies, missing) {
    for (const col of beforeApplies ? this.requiredBeforeApplies : this.requiredAfterApplies) {
      if ((related[col] ?? []).length === 0) missing.push(`${col} (no ${col} object for this ${this.c.scope})`);
    }
  }

  /**
   * Adds a result of this checker to its rows (the table makes it the object with the fields, values and order of
   * the JSON report's results when asked). Returns DONE: each object gets exactly one result.
   */
  result(object, outcome, message, remediation, missing) {
    const reason = this.exclusions.length === 0 ? null : excludedBy(this.exclusions, this.c.ruleId, object);
    this.rows.add(object, outcome, message, remediation, missing, reason);
    return DONE;
  }

  cannotEvaluate(name, missing) {
    const distinct = [...new Set(missing)];
    return this.result(name, 'cannot-evaluate', `missing ${distinct.join(', ')}`, '', distinct);
  }

  /** Adds the result of one object: at once when the memos answer every expression, else a Promise of it. */
  object(o, index) {
    const name = this.displayName(o, index);
    const related = this.needsRelated ? this.related[index] : NO_RELATED;
    const missing = this.scratch; // cannotEvaluate() copies what it keeps
    missing.length = 0;
    for (let k = 0; k < this.scopeFields.length; k++) {
      if (this.presence[k][index] === 0) missing.push(missingText(this.c.scope, this.scopeFields[k], this.leftOut[index]));
    }
    for (const [col, incomplete] of this.incompleteRelated) {
      for (const x of related[col] ?? []) if (incomplete.has(x)) this.missingFields(col, x, missing);
    }
    this.missingRequired(related, true, missing);
    if (missing.length > 0) return this.cannotEvaluate(name, missing);
    // the clock is read before every evaluation, and among answers from the memos (microseconds each) every 8th time;
    // once the checker is out of time, every object left gets the error
    if (this.outOfTime || (++this.sinceClock >= 8 && this.late())) return this.stopped(name);
    const known = this.remembered(o, name, related);
    if (known !== null) return known;
    if (this.sinceClock > 0 && this.late()) return this.stopped(name);
    return this.evaluate(o, name, related);
  }

  /** Reads the clock: whether this checker has run past its time limit (then it stays so). */
  late() {
    this.sinceClock = 0;
    this.outOfTime = Date.now() > this.deadline;
    return this.outOfTime;
  }

  stopped(name) {
    return this.result(name, 'error', `${this.c.file}: the checker ran longer than ${this.limits.checkerTimeLimitMs} ms on this inventory and was stopped`, '', NONE);
  }

  /**
   * Adds the result when the memos know the results of applies, compliant and (for a noncompliant object) the
   * values for this object (DONE); else null, having added nothing (evaluate() then takes it from the start, the
   * memos answering what they know).
   */
  remembered(o, name, related) {
    const c = this.c;
    if (c.appliesExpr) {
      const a = this.appliesMemo === null ? MISS : this.appliesMemo.lookup(o, related);
      if (typeof a !== 'boolean') return null;
      if (!a) return this.result(name, 'not-applicable', '', '', NONE);
    }
    if (this.requiredAfterApplies.length > 0) {
      const missing = [];
      this.missingRequired(related, false, missing);
      if (missing.length > 0) return this.cannotEvaluate(name, missing);
    }
    const r = this.compliantMemo === null ? MISS : this.compliantMemo.lookup(o, related);
    if (typeof r !== 'boolean') return null;
    if (r) return this.result(name, 'compliant', '', '', NONE);
    const values = new Map();
    for (let k = 0; k < c.valueExprs.length; k++) {
      const v = this.valueMemos[k] === null ? MISS : this.valueMemos[k].lookup(o, related);
      if (v === MISS) return null;
      values.set(c.valueExprs[k][0], v === null ? null : v);
    }
    return this.result(name, 'noncompliant', render(c.message, o, values, false), render(c.remediation, o, values, true), NONE);
  }

  async evaluate(o, name, related) {
    const c = this.c;
    try {
      if (c.appliesExpr && !(await this.bool('applies', c.appliesExpr, o, related, this.appliesMemo))) return this.result(name, 'not-applicable', '', '', NONE);
      const missing = [];
      this.missingRequired(related, false, missing);
      if (missing.length > 0) return this.cannotEvaluate(name, missing);
      if (await this.bool('compliant', c.compliantExpr, o, related, this.compliantMemo)) return this.result(name, 'compliant', '', '', NONE);
      const values = new Map();
      for (let k = 0; k < c.valueExprs.length; k++) {
        const [key, e] = c.valueExprs[k];
        values.set(key, await this.eval(`values.${key}`, e, o, related, this.valueMemos[k]));
      }
      return this.result(name, 'noncompliant', render(c.message, o, values, false), render(c.remediation, o, values, true), NONE);
    } catch (e) {
      if (!(e instanceof EvaluationError)) throw e;
      return this.result(name, 'error', `${c.file}: ${e.message}`, '', NONE);
    }
  }

  line(what) {
    const lines = this.c.lines ?? {};
    return lines[what.startsWith('values.') ? 'values' : what] ?? 0;
  }

  async bool(what, e, o, related, memo) {
    const r = await this.eval(what, e, o, related, memo);
    if (typeof r === 'boolean') return r;
    throw new EvaluationError(`${what} gave ${r === undefined || r === null ? 'no value' : text(r)} instead of true or false (line ${this.line(what)})`);
  }

  async eval(what, e, o, related, memo = null) {
    const line = this.line(what);
    if (!e || !e.compiled) {
      throw new EvaluationError(`${what} (line ${line}) failed: ${this.failure(e?.error ?? new Error('no expression'))}`);
    }
    try {
      const r = await (memo === null ? this.run(e, o, related) : memo.evaluate(o, related, !this.last));
      return r === null ? null : r;
    } catch (err) {
      throw new EvaluationError(`${what} (line ${line}) failed: ${this.failure(err)}`);
    }
  }

  /** One evaluation of a compiled expression with the engine's variables and bounds; throws what it throws. */
  run(e, o, related) {
    const bounds = { depth: 0, steps: 0, maxDepth: this.limits.maxDepth, deadline: Date.now() + this.limits.timeLimitMs };
    const bindings = {
      inventory: this.ctx.data,
      host: this.ctx.host,
      related,
      collected: this.ctx.inv.collectedAt ?? undefined,
      collectedMillis: this.ctx.collectedMillis ?? undefined,
      [CONTEXT]: bounds,
    };
    return e.compiled.evaluate(o, bindings);
  }

  /** Why an evaluation failed, as CheckerEngine.failure words it: the bound, else the JSONata error code. */
  failure(err) {
    if (err && err[BOUND] === 'time') return `ran longer than ${this.limits.timeLimitMs} ms`;
    if (err instanceof RangeError || (err && err[BOUND] === 'depth')) return `recursion deeper than ${this.limits.maxDepth} levels`;
    if (err && typeof err === 'object' && typeof err.code === 'string') return `JSONata error ${err.code}`;
    return `${err?.name ?? 'Error'}: ${err?.message ?? String(err)}`;
  }

  displayName(o, index) {
    let names = this.ctx.names.get(this.c.scope);
    if (names === undefined) {
      names = [];
      this.ctx.names.set(this.c.scope, names);
    }
    let name = names[index];
    if (name === undefined) {
      name = render(this.scope.display, o, null, false);
      name = JAVA_BLANK.test(name) || name === '?' ? `${this.c.scope}[${index}]` : name;
      names[index] = name;
    }
    return name;
  }
}

class EvaluationError extends Error {}

/** `$related` other than as `$related.<name>` (a name other than roots): the name may be computed, or all of it seen. */
const RELATED_AS_A_WHOLE = /\$related(?!\.[A-Za-z_]\w*(?!\w))|\$related\.roots(?!\w)/;

/**
 * Whether expressions may read $related.roots, which only a few checkers do (the roots of the path fields of every
 * linked object, made for each object of the scope): false only when each of them names $related solely as
 * `$related.<name>` for names other than roots, and uses no $eval and no `%` (the parent operator leads from
 * `$related.VM` back to all of $related). The results are the same either way: a checker that cannot read roots
 * cannot tell whether they were made.
 */
export function mayReadRoots(sources) {
  return sources.some((x) => x.includes('$eval') || x.includes('%') || RELATED_AS_A_WHOLE.test(x));
}

/** What Run.result() returns: the object's result was added (never null, which remembered() returns for "not known"). */
const DONE = true;

/** How a result names a field the object lacks: with the reason when normalization left it out. */
function missingText(col, f, leftOut) {
  return `${col}.${f}${leftOut && hasOwn.call(leftOut, f) ? ` (${leftOut[f]})` : ''}`;
}

/** The `missing` of every result that misses nothing: one frozen empty list shared by all. */
const NONE = Object.freeze([]);

/** $related of every object for a checker that cannot see it. */
const NO_RELATED = Object.freeze(newMap());

/** A field path's keys when it is dotted (`VlanSetting.OperationMode`); null for a plain field name. */
function pathParts(path) {
  return path.includes('.') ? path.split('.') : null;
}

/**
 * True when the field path is there: the key exists at every level, and normalization did not drop it. `parts` is
 * the path split at its dots (null for a path without one), when the caller has it.
 */
export function present(o, path, leftOut, parts = pathParts(path)) {
  if (parts === null) {
    if (leftOut && Object.prototype.hasOwnProperty.call(leftOut, path)) return false;
    return Object.prototype.hasOwnProperty.call(o, path);
  }
  if (leftOut && (Object.prototype.hasOwnProperty.call(leftOut, path) || Object.prototype.hasOwnProperty.call(leftOut, parts[0]))) return false;
  // the usual case, maps all the way down; from an array (each element needs the rest), a value or null on the
  // way, the walk below goes on as from the object itself
  let node = o;
  let at = 0;
  while (at < parts.length && node !== null && typeof node === 'object' && !Array.isArray(node)) {
    if (!Object.prototype.hasOwnProperty.call(node, parts[at])) return false;
    node = node[parts[at]];
    at++;
  }
  if (at === parts.length) return true;
  const work = [[node, at]];
  while (work.length) {
    const [cur, i] = work.pop();
    if (i === parts.length) continue;
    if (Array.isArray(cur)) {
      for (const x of cur) work.push([x, i]);
    } else if (cur !== null && typeof cur === 'object') {
      if (!Object.prototype.hasOwnProperty.call(cur, parts[i])) return false;
      work.push([cur[parts[i]], i + 1]);
    } else if (cur !== null && cur !== undefined) {
      return false;
    }
  }
  return true;
}
