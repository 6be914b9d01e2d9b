// The validator's Web Worker: reads an inventory and runs the checkers off the page's thread, so the page never
// freezes. It keeps the last report: the page asks for what it shows (filtered, grouped, a bounded number of
// objects per rule) and for exports, so a host with 10,000 VMs never sends its half a million results across.
// Messages in: {type: 'init', bundle, model, port?, helper?, warmup?}; {type: 'validate', id, text | bytes, fileName,
// rules, timeLimitMs, now, split?, view?}; {type: 'view', id, filters, limit}; {type: 'export', id, kind, meta}; {type:
// 'examples', id, rule, compliant}. Messages out: 'ready', 'warm', 'progress', 'done' (counts, and the view that
// validate's `view` asks for), 'view', 'export', 'examples', 'failed' (with a message). The report is kept as a
// ResultTable (results.js), a result made an object only when a view shows it or an export writes it. The engine
// bounds each expression (timeLimitMs) and each rule (checkerTimeLimitMs); the page also stops this worker if it
// goes quiet.
// With more than two processors the page starts a helper worker too, joined to this one by a MessagePort (init's port):
// a validation with `split` runs every other checker here and the others in the helper, which sends its results
// packed through the port (parts.js); the report is the same as one worker's.
// While the page waits for a file, the worker validates init's `warmup` inventories (the page's samples) a few
// times and drops the results: the engine's code is then compiled for the shapes it meets, and the reader's first
// inventory runs nearly as fast as the ones after it (a 10,000-VM host: bench/try-chromium.sh). Any other message
// ends it; the evaluations share nothing, so a validation that arrives while a round awaits one is not disturbed.
import { readInventory, readInventoryBytes } from './inventory.js';
import { compile, select, validate, validateTable } from './engine.js';
import { toCsv, toJson, toSarif } from './report.js';
import { byChecker, merge, pack, unpack } from './parts.js';
import { ResultTable } from './results.js';

const EXPORTS = { sarif: toSarif, json: toJson, csv: toCsv };
let report = null;

/** The page hears how far a run got at most this often. */
const PROGRESS_MS = 100;
let bundle = null;
let model = null;
/** The port to the other worker of a split validation, whether this one is the helper, its parts by run. */
let port = null;
let helper = false;
const parts = new Map();

/**
 * Rounds of warm-up over the two samples, about a second of this worker's time in Chromium on a 2-core machine. The
 * first 10,000-VM run after 20 rounds took 1.51 s on the page, after 40 rounds 1.37 s (alternating, load ~3); 60 and
 * 100 rounds gave no more (bench/try-chromium.sh).
 */
const WARMUP_ROUNDS = 40;
/** Objects per rule in a warm-up's view (the page shows 200). */
const WARMUP_VIEW_LIMIT = 200;
/** Whether a warm-up may still run: the first message after init ends it. */
let warming = false;

const post = (message) => self.postMessage(message);

function read(msg) {
  return msg.bytes ? readInventoryBytes(new Uint8Array(msg.bytes), msg.fileName, model)
    : readInventory(msg.text, msg.fileName, model);
}

/** A progress callback that counts checkers done and tells `send` the count at most every PROGRESS_MS. */
function throttled(send) {
  let done = 0;
  let said = Date.now();
  return () => {
    done += 1;
    if (Date.now() - said >= PROGRESS_MS) {
      said = Date.now();
      send(done);
    }
  };
}

/** The options of validate() that a run message carries. */
function optionsOf(msg, onProgress) {
  return { rules: msg.rules ?? undefined, timeLimitMs: msg.timeLimitMs, checkerTimeLimitMs: msg.checkerTimeLimitMs,
    now: msg.now, onProgress };
}

async function runValidation(msg) {
  const started = Date.now();
  const { inventory, diagnostics } = read(msg);
  const total = msg.rules?.length ? msg.rules.length : bundle.checkers.length;
  const onProgress = throttled((done) => post({ type: 'progress', id: msg.id,
    done: done + (parts.get(msg.id)?.done ?? 0), total }));
  const split = msg.split && port !== null;
  const helperPart = split ? part(msg.id) : null;
  const options = optionsOf(msg, onProgress);
  let results;
  if (split) {
    const mine = await validate(inventory, bundle, { ...options, part: { index: 0, of: 2 } });
    const files = select(compile(bundle), msg.rules ?? undefined).map((c) => c.file);
    results = ResultTable.fromArray(merge(files, [byChecker(mine), await helperPart]));
  } else {
    results = await validateTable(inventory, bundle, options);
  }
  report = { results, fileName: msg.fileName };
  const ms = Date.now() - started;
  post({ type: 'done', id: msg.id, total: results.length, counts: results.counts(), rules: results.rules(),
    diagnostics, ms, view: msg.view ? viewOf(msg.view) : undefined });
}

/** The helper's results of run `id`, when they arrive through the port. */
function part(id) {
  for (const k of parts.keys()) if (k !== id) parts.delete(k);
  const entry = entryOf(id);
  if (entry.promise === undefined) {
    entry.promise = new Promise((resolve, reject) => {
      entry.resolve = resolve;
      entry.reject = reject;
    });
    if (entry.message !== undefined) settle(entry, entry.message);
  }
  return entry.promise;
}

/** The state of run `id`'s helper part, made on first use. */
function entryOf(id) {
  let entry = parts.get(id);
  if (entry === undefined) {
    entry = { done: 0 };
    parts.set(id, entry);
  }
  return entry;
}

function settle(entry, m) {
  if (m.error !== undefined) entry.reject(new Error(m.error));
  else entry.resolve(unpack(m.packed));
}

/** What the helper says through the port: how far it got, then its results (or why it could not). */
function fromHelper(m) {
  const entry = entryOf(m.id);
  if (m.type === 'part-progress') {
    entry.done = m.done;
  } else if (entry.resolve !== undefined) {
    settle(entry, m);
  } else {
    entry.message = m;
  }
}

/** The helper's share of a split validation: every other checker, sent packed to the main worker. */
async function runPart(msg) {
  try {
    const { inventory } = read(msg);
    const onProgress = throttled((done) => port.postMessage({ type: 'part-progress', id: msg.id, done }));
    const results = await validate(inventory, bundle, { ...optionsOf(msg, onProgress), part: { index: 1, of: 2 } });
    const packed = pack(results);
    port.postMessage({ type: 'part', id: msg.id, packed }, [packed.rows.buffer]);
  } catch (e) {
    port.postMessage({ type: 'part', id: msg.id, error: e instanceof Error ? e.message : String(e) });
  }
}

const severityOf = (r) => r.severity ?? bundle.rules?.[r.rule]?.severity ?? 'warning';

/**
 * The view a request asks for: the results the filters keep, grouped by severity and rule, with at most `limit`
 * objects listed per rule.
 */
function viewOf(request) {
  return { type: 'view', id: request.id, groups: report.results.view(request.filters, severityOf, request.limit) };
}

/** Every example of one rule, with the rule's compliance expression replaced by the playground's text. */
async function runExamples(msg) {
  const checker = bundle.checkers.find((c) => c.ruleId === msg.rule);
  if (!checker) throw new Error(`no checker for rule ${msg.rule}`);
  const edited = msg.compliant == null ? checker : { ...checker, compliant: msg.compliant };
  const trial = { ...bundle, checkers: [edited] };
  const out = [];
  for (const [i, ex] of checker.examples.entries()) {
    const name = `${checker.file}#${i + 1}`;
    const { inventory } = readInventory(JSON.stringify(ex.inventory), name, model);
    const results = await validate(inventory, trial, { rules: [msg.rule], timeLimitMs: msg.timeLimitMs,
      checkerTimeLimitMs: msg.checkerTimeLimitMs, now: msg.now });
    out.push({ name: ex.name, expect: ex.expect, results });
  }
  post({ type: 'examples', id: msg.id, rule: msg.rule, examples: out });
}

/**
 * One round of warm-up, each in a task of its own so that a message from the page waits at most one round (the
 * samples take a few milliseconds); says 'warm' once done. A sample that fails to read or validate ends it silently.
 */
function warmUp(texts, round) {
  if (!warming) return;
  if (round === WARMUP_ROUNDS) {
    warming = false;
    post({ type: 'warm' });
    return;
  }
  setTimeout(async () => {
    if (!warming) return;
    try {
      for (const [i, text] of texts.entries()) {
        if (!warming) return;
        const results = await validateTable(readInventory(text, `warmup-${i}`, model).inventory, bundle,
          { now: Date.now() });
        results.counts();
        results.view({ outcome: 'attention' }, severityOf, WARMUP_VIEW_LIMIT);
      }
    } catch {
      warming = false;
      return;
    }
    warmUp(texts, round + 1);
  }, 0);
}

self.onmessage = async (event) => {
  const msg = event.data;
  try {
    if (msg.type === 'init') {
      bundle = msg.bundle;
      model = msg.model;
      port = msg.port ?? null;
      helper = msg.helper === true;
      if (port !== null && !helper) port.onmessage = (e) => fromHelper(e.data);
      post({ type: 'ready', count: bundle.checkers.length });
      compile(bundle); // while the page waits for a file: every expression parsed once, before the first run
      warming = (msg.warmup ?? []).length > 0;
      warmUp(msg.warmup ?? [], 0);
      return;
    }
    warming = false;
    if (msg.type === 'validate' && helper) {
      await runPart(msg);
    } else if (msg.type === 'validate') {
      await runValidation(msg);
    } else if (msg.type === 'examples') {
      await runExamples(msg);
    } else if (msg.type === 'view' && report) {
      post(viewOf(msg));
    } else if (msg.type === 'export' && report) {
      post({ type: 'export', id: msg.id, kind: msg.kind, text: EXPORTS[msg.kind](report.results.toArray(), msg.meta) });
    }
  } catch (e) {
    post({ type: 'failed', id: msg.id, kind: msg.type, message: e instanceof Error ? e.message : String(e) });
  }
};
