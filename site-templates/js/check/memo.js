// Remembers the results of one expression over many objects by what the expression observed of them; the Java twin
// is io.bpacat.check.ExpressionMemo. Most objects of an inventory look alike to a rule (`applies` reads the guest
// OS version and a flag, and 10,000 VMs have a handful of combinations), so the first object of each kind is
// evaluated and the others reuse its result: the same answer, without running JSONata again.
//
// An evaluation sees its input object and $related through recording views (Proxies): every property read, every
// `in` test, every array length and every whole value it took (listing a map's keys, comparing it) is noted in
// order, with the answer. Evaluation is deterministic, so another object that gives the same answers to the same
// questions in the same order gets the same result. The questions and answers form a decision tree, walked for
// each new object; where it has no branch for an answer the expression runs (recording) and the tree grows. Maps
// match a whole-value question only with the same keys in the same order and the same values.
//
// Only results that are plain values (boolean, string, number, null, undefined) are kept, and only from
// evaluations that ended normally and wrote nothing into their input; an evaluation that fails while recording is
// run again on the plain objects, so errors are exactly those of an unmemoized run. An expression whose result may
// change between two evaluations of the same input ($now(), $millis(), $random(), $eval) is never memoized, and a
// memo that rarely hits turns itself off.

/** lookup()'s answer when the memo cannot answer: evaluate (with record()). */
export const MISS = Symbol('miss');

/** Evaluations slower than this that fail while recording are not repeated (timeouts, runaway recursion). */
const RETRY_BELOW_MS = 100;
const MIN_MISSES_BEFORE_GIVING_UP = 64;

const VALUE = 0;
const SIZE = 1;
const WHOLE = 2;
const FLAGS = 3;

/**
 * Keys JSONata reads of every value it handles, to tell its own sequences, lambdas and promises apart. A read of one
 * of them asks what all of them hold at that place (one FLAGS question, mostly answered "none"), not each by itself.
 */
const FLAG_KEYS = ['sequence', 'keepSingleton', 'outerWrapper', 'tupleStream', 'cons', 'then', 'next',
  '_jsonata_function', '_jsonata_lambda'];
const FLAG_SET = new Set(FLAG_KEYS);

/** Answers for what is not a plain value: a map, a list, null, no such key or index, an unexpected shape. */
const MAP = Symbol('map');
const LIST = Symbol('list');
const NULL = Symbol('null');
const ABSENT = Symbol('absent');
const MISMATCH = Symbol('mismatch');

const hasOwn = Object.prototype.hasOwnProperty;
const INDEX = /^(?:0|[1-9]\d{0,8})$/;

/** False for expressions whose result may differ between two evaluations of one input. */
export function memoizable(source) {
  return !/\$(now|millis|random|eval)\b/.test(source);
}

/**
 * A memo for one expression over one inventory. `evaluator(input, related)` evaluates the expression (a Promise);
 * with `on` false the memo never remembers anything.
 */
export class ExpressionMemo {
  constructor(source, evaluator, on = true) {
    this.evaluator = evaluator;
    this.enabled = on && memoizable(source);
    this.root = new Node();
    this.roots = [Path.root(0), Path.root(1)];
    this.lookups = 0;
    this.misses = 0;
    this.evaluations = 0;
    this.generation = 0;
  }

  /** The remembered result for this input, or MISS. Never runs the expression; synchronous. */
  lookup(input, related) {
    if (!this.enabled) return MISS;
    this.lookups++;
    const gen = ++this.generation;
    let n = this.root;
    while (n !== undefined && n.question !== null) n = n.answers.get(answer(n.question, input, related, gen));
    if (n !== undefined && n.leaf) return n.result;
    this.misses++;
    return MISS;
  }

  /**
   * The expression's result for this input: remembered, else evaluated (recording while the memo is on, unless
   * `record` is false: no other object will be looked up, as for the last object of a collection).
   */
  async evaluate(input, related, record = true) {
    const r = this.lookup(input, related);
    if (r !== MISS) return r;
    if (!this.enabled || !record) {
      this.evaluations++;
      return this.evaluator(input, related);
    }
    return this.record(input, related);
  }

  async record(input, related) {
    const rec = new Recorder([input, related], () => ++this.generation);
    const start = Date.now();
    this.evaluations++;
    let result;
    try {
      result = await this.evaluator(rec.root(this.roots[0]), rec.root(this.roots[1]));
    } catch (e) {
      rec.done = true;
      if (Date.now() - start > RETRY_BELOW_MS) throw e;
      this.evaluations++;
      return this.evaluator(input, related);
    }
    rec.done = true;
    if (!rec.wrote && plain(result)) this.remember(rec.trace, result);
    if (this.misses >= MIN_MISSES_BEFORE_GIVING_UP && this.misses * 2 > this.lookups) this.enabled = false;
    return result;
  }

  remember(trace, result) {
    let n = this.root;
    for (const [q, a] of trace) {
      if (n.leaf || (n.question !== null && n.question !== q)) {
        this.enabled = false; // cannot happen for a deterministic expression; stop trusting the tree
        return;
      }
      if (n.question === null) {
        n.question = q;
        n.answers = new Map();
      }
      let next = n.answers.get(a);
      if (next === undefined) {
        next = new Node();
        n.answers.set(a, next);
      }
      n = next;
    }
    if (n.question !== null) {
      this.enabled = false;
      return;
    }
    n.leaf = true;
    n.result = result;
  }
}

function plain(v) {
  return v === null || v === undefined || typeof v === 'boolean' || typeof v === 'string' || typeof v === 'number';
}

/** A node of the decision tree: a question with a child per answer, or a leaf with the result. */
class Node {
  constructor() {
    this.question = null;
    this.answers = null;
    this.leaf = false;
    this.result = undefined;
  }
}

/**
 * Where a value sits: a root (0 the input, 1 $related) and the keys and indexes below it. Paths are interned per
 * memo (one object per path), and so are their questions, so both compare by identity.
 */
class Path {
  static root(root) {
    return new Path(root, null, null);
  }

  constructor(root, parent, step) {
    this.root = root;
    this.parent = parent;
    this.step = step;
    this.children = null;
    this.questions = [null, null, null, null];
    this.gen = 0;
    this.value = undefined;
  }

  child(step) {
    if (this.children === null) this.children = new Map();
    let c = this.children.get(step);
    if (c === undefined) {
      c = new Path(this.root, this, step);
      this.children.set(step, c);
    }
    return c;
  }

  question(kind) {
    let q = this.questions[kind];
    if (q === null) {
      q = { kind, path: this };
      this.questions[kind] = q;
    }
    return q;
  }
}

/**
 * The value at a path below the input (root 0) or $related (root 1), or ABSENT when a key or index is not there, or
 * MISMATCH when a step meets the wrong shape. Resolved values are kept on the path for one generation (one lookup or
 * one recording).
 */
function resolve(p, input, related, gen) {
  if (p.gen === gen) return p.value;
  let v;
  if (p.parent === null) {
    v = p.root === 0 ? input : related;
  } else {
    v = step(resolve(p.parent, input, related, gen), p.step);
  }
  p.gen = gen;
  p.value = v;
  return v;
}

function step(parent, s) {
  if (parent === null || typeof parent !== 'object') return MISMATCH;
  if (Array.isArray(parent)) {
    if (typeof s === 'number') return s < parent.length ? parent[s] : ABSENT;
    return hasOwn.call(parent, s) ? parent[s] : ABSENT;
  }
  if (typeof s !== 'string') return MISMATCH;
  return hasOwn.call(parent, s) ? parent[s] : ABSENT;
}

function answer(q, input, related, gen) {
  const v = resolve(q.path, input, related, gen);
  switch (q.kind) {
    case VALUE: return describe(v);
    case SIZE: return Array.isArray(v) ? v.length : MISMATCH;
    case FLAGS: return flags(v);
    default: return v === ABSENT || v === MISMATCH ? v : whole(v);
  }
}

function describe(v) {
  if (v === null || v === undefined) return NULL;
  if (typeof v === 'object') return Array.isArray(v) ? LIST : MAP;
  return v;
}

/**
 * What the flag keys hold in a map or array, as a key equal exactly when JSONata would find the same in them: none
 * (the usual case, told by reading the nine values, about twice as fast as asking for nine own keys), or the value of
 * each one that holds one, described. JSONata acts on these keys by their values only (it tests `'then' in` and
 * `'next' in` together with the value's type), so a key that holds undefined counts as none. Anything else has no
 * keys to read.
 */
function flags(v) {
  if (v === null || typeof v !== 'object') return MISMATCH;
  if (v.sequence === undefined && v.keepSingleton === undefined && v.outerWrapper === undefined
    && v.tupleStream === undefined && v.cons === undefined && v.then === undefined && v.next === undefined
    && v._jsonata_function === undefined && v._jsonata_lambda === undefined) return Array.isArray(v) ? 'a' : 'm';
  let s = Array.isArray(v) ? 'a' : 'm';
  for (const k of FLAG_KEYS) {
    if (v[k] === undefined) continue;
    const d = describe(v[k]);
    s += `|${k}=${typeof d === 'symbol' ? `@${d.description}` : typeof d === 'string' ? JSON.stringify(d) : `${typeof d}:${d}`}`;
  }
  return s;
}

/** A whole value as a key that is equal exactly for equal values: map entries in order, types kept apart. */
function whole(v) {
  if (v === undefined) return 'u';
  if (typeof v === 'object' || typeof v === 'string') return `j${JSON.stringify(v)}`;
  return `${typeof v}:${String(v)}`;
}

/**
 * Hands out recording views and notes each question with its answer, once, in the order asked. After the
 * evaluation (done) the views still behave as their objects but record nothing.
 */
class Recorder {
  constructor(values, generation) {
    this.values = values;
    this.generation = generation;
    this.gen = generation();
    this.trace = new Map();
    this.views = new Map();
    this.done = false;
    this.wrote = false;
  }

  ask(kind, path) {
    if (this.done) return;
    const q = path.question(kind);
    if (!this.trace.has(q)) this.trace.set(q, answer(q, this.values[0], this.values[1], this.gen));
  }

  /** The value at p (a key or index below its parent) is read: a flag key asks what all of them hold there. */
  askKey(p) {
    if (typeof p.step === 'string' && FLAG_SET.has(p.step)) this.ask(FLAGS, p.parent);
    else this.ask(VALUE, p);
  }

  /** The expression wrote into its input: its result is not kept, and what was resolved is resolved again. */
  write() {
    this.wrote = true;
    this.gen = this.generation();
  }

  /** A root as the expression sees it. */
  root(p) {
    return this.view(p, this.values[p.root]);
  }

  /** The value `v` found at path `p` as the expression may see it: maps and arrays as recording views. */
  view(p, v) {
    if (v === null || typeof v !== 'object') return v;
    let view = this.views.get(p);
    if (view === undefined || view.target !== v) {
      view = { target: v, proxy: new Proxy(v, Array.isArray(v) ? new ArrayHandler(p, this) : new MapHandler(p, this)) };
      this.views.set(p, view);
    }
    return view.proxy;
  }
}

/** Traps of a map's view: a key read or tested is recorded by itself; listing the keys records the whole map. */
class MapHandler {
  constructor(path, rec) {
    this.path = path;
    this.rec = rec;
  }

  get(target, key, receiver) {
    if (typeof key !== 'string') return Reflect.get(target, key, receiver);
    const p = this.path.child(key);
    this.rec.askKey(p);
    return hasOwn.call(target, key) ? this.rec.view(p, target[key]) : Reflect.get(target, key, receiver);
  }

  has(target, key) {
    if (typeof key === 'string') this.rec.askKey(this.path.child(key));
    return Reflect.has(target, key);
  }

  getOwnPropertyDescriptor(target, key) {
    return ownDescriptor(this, target, key, typeof key === 'string' ? this.path.child(key) : null);
  }

  ownKeys(target) {
    this.rec.ask(WHOLE, this.path);
    return Reflect.ownKeys(target);
  }

  set(target, key, value) {
    this.rec.write();
    return Reflect.set(target, key, value);
  }

  defineProperty(target, key, descriptor) {
    this.rec.write();
    return Reflect.defineProperty(target, key, descriptor);
  }

  deleteProperty(target, key) {
    this.rec.write();
    return Reflect.deleteProperty(target, key);
  }
}

/**
 * Traps of an array's view: its length and each element are recorded by themselves; the Array methods read them
 * through the view. Other own properties (flags JSONata may set) are recorded like keys of a map.
 */
class ArrayHandler extends MapHandler {
  get(target, key, receiver) {
    if (typeof key !== 'string') return Reflect.get(target, key, receiver);
    if (key === 'length') {
      this.rec.ask(SIZE, this.path);
      return target.length;
    }
    const p = this.element(target, key);
    if (p === null) return Reflect.get(target, key, receiver);
    this.rec.askKey(p);
    return hasOwn.call(target, key) ? this.rec.view(p, target[key]) : Reflect.get(target, key, receiver);
  }

  has(target, key) {
    if (typeof key === 'string' && key !== 'length') {
      const p = this.element(target, key);
      if (p !== null) this.rec.askKey(p);
    }
    return Reflect.has(target, key);
  }

  getOwnPropertyDescriptor(target, key) {
    if (key === 'length') {
      this.rec.ask(SIZE, this.path);
      return Reflect.getOwnPropertyDescriptor(target, key);
    }
    return ownDescriptor(this, target, key, typeof key === 'string' ? this.element(target, key) : null);
  }

  /** The path of an element or own flag; null for what every array shares (its methods). */
  element(target, key) {
    if (INDEX.test(key)) return this.path.child(Number(key));
    if (key in Array.prototype && !hasOwn.call(target, key)) return null;
    return this.path.child(key);
  }
}

/** An own property as the view shows it: recorded at its path, its value a view too. */
function ownDescriptor(h, target, key, p) {
  if (p === null) return Reflect.getOwnPropertyDescriptor(target, key);
  h.rec.askKey(p);
  const d = Reflect.getOwnPropertyDescriptor(target, key);
  if (d !== undefined && 'value' in d && d.configurable) d.value = h.rec.view(p, d.value);
  return d;
}
