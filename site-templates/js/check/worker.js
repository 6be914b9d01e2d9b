// The validator's Web Worker: reads an inventory and runs the checkers off the page's thread, so the page never
// freezes. It keeps the last report: the page asks for what it shows (filtered, grouped, a bounded number of
// objects per rule) and for exports, so a host with 10,000 VMs never sends its half a million results across.
// Messages in: {type: 'init', bundle, model}; {type: 'validate', id, text | bytes, fileName, rules, timeLimitMs,
// now}; {type: 'view', id, filters, limit}; {type: 'export', id, kind, meta}; {type: 'examples', id, rule,
// compliant}. Messages out: 'ready', 'progress', 'done' (counts), 'view', 'export', 'examples', 'failed' (with a
// message). The engine bounds each expression (timeLimitMs) and each rule (checkerTimeLimitMs); the page also stops
// this worker if it goes quiet.
import { readInventory, readInventoryBytes } from './inventory.js';
import { validate } from './engine.js';
import { toCsv, toJson, toSarif } from './report.js';
import { groupBySeverity, matches, summarize } from './view.js';

const EXPORTS = { sarif: toSarif, json: toJson, csv: toCsv };
let report = null;

/** The page hears how far a run got at most this often. */
const PROGRESS_MS = 100;
let bundle = null;
let model = null;

const post = (message) => self.postMessage(message);

function read(msg) {
  return msg.bytes ? readInventoryBytes(new Uint8Array(msg.bytes), msg.fileName, model)
    : readInventory(msg.text, msg.fileName, model);
}

async function runValidation(msg) {
  const started = Date.now();
  const { inventory, diagnostics } = read(msg);
  const total = msg.rules?.length ? msg.rules.length : bundle.checkers.length;
  let done = 0;
  let said = started;
  const onProgress = () => {
    done += 1;
    if (Date.now() - said >= PROGRESS_MS) {
      said = Date.now();
      post({ type: 'progress', id: msg.id, done, total });
    }
  };
  const results = await validate(inventory, bundle, { rules: msg.rules ?? undefined, timeLimitMs: msg.timeLimitMs,
    checkerTimeLimitMs: msg.checkerTimeLimitMs, now: msg.now, onProgress });
  report = { results, fileName: msg.fileName };
  post({ type: 'done', id: msg.id, total: results.length, counts: summarize(results),
    rules: [...new Set(results.map((r) => r.rule))], diagnostics, ms: Date.now() - started });
}

const severityOf = (r) => r.severity ?? bundle.rules?.[r.rule]?.severity ?? 'warning';

/** The results the filters keep, grouped by severity and rule, with at most `limit` objects listed per rule. */
function view(msg) {
  const kept = report.results.filter((r) => matches(r, msg.filters, severityOf));
  const groups = groupBySeverity(kept, severityOf).map((g) => ({ ...g, rules: g.rules.map((r) => ({
    rule: r.rule, total: r.results.length, results: r.results.slice(0, msg.limit) })) }));
  post({ type: 'view', id: msg.id, groups });
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

self.onmessage = async (event) => {
  const msg = event.data;
  try {
    if (msg.type === 'init') {
      bundle = msg.bundle;
      model = msg.model;
      post({ type: 'ready', count: bundle.checkers.length });
    } else if (msg.type === 'validate') {
      await runValidation(msg);
    } else if (msg.type === 'examples') {
      await runExamples(msg);
    } else if (msg.type === 'view' && report) {
      view(msg);
    } else if (msg.type === 'export' && report) {
      post({ type: 'export', id: msg.id, kind: msg.kind, text: EXPORTS[msg.kind](report.results, msg.meta) });
    }
  } catch (e) {
    post({ type: 'failed', id: msg.id, kind: msg.type, message: e instanceof Error ? e.message : String(e) });
  }
};
