// The validator page (/try/): loads the checker bundle once, then validates what the reader pastes, opens, drops
// or picks in a Web Worker (worker.js) and shows the results as Best Practices Analyzer does: by severity with
// counts, each rule linked to its page in the reader's language, its objects with message and remediation.
// ?rule=<id> selects that rule, loads its examples and opens the playground, where its JSONata can be edited.
// Everything the page needs is fetched while it loads; validating, exporting and the playground make no request.
// Text from inventories is only ever put in the page as text nodes.
import { compareExamples, exportName, format, ruleLink } from './view.js';

/**
 * Time limits the engine enforces, as `bpacat validate` does: per expression evaluation, and per rule over the
 * whole inventory. The page also stops the worker when it stays silent longer than QUIET_LIMIT_MS.
 */
const EXPRESSION_LIMIT_MS = 2000;
const RULE_LIMIT_MS = 30000;
const QUIET_LIMIT_MS = 60000;
/** Largest file read, as `bpacat validate --max-size` by default. */
const MAX_MB = 64;
/** A validation is split over two workers when the machine has more processors than this (startWorker). */
const SPLIT_ABOVE_PROCESSORS = 2;
/** Objects listed per rule; the exports always hold every result. */
const OBJECTS_SHOWN = 200;
const SAMPLES = ['clean-host.json', 'problem-host.json'];
const TYPES = { sarif: 'application/sarif+json', json: 'application/json', csv: 'text/csv' };

function el(doc, tag, attrs = {}, ...children) {
  const e = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

export async function initTry(doc, win) {
  const main = doc.querySelector('[data-try-page]');
  if (!main) return null;
  const page = new TryPage(doc, win, main);
  await page.start();
  return page;
}

class TryPage {
  constructor(doc, win, main) {
    this.doc = doc;
    this.win = win;
    this.main = main;
    this.base = main.dataset.tryBase;
    this.root = main.dataset.tryRulesRoot;
    this.workerUrl = main.dataset.tryWorker;
    this.t = JSON.parse(main.dataset.l10n || '{}');
    this.lang = doc.documentElement.lang || 'en-US';
    this.status = main.querySelector('[data-try-status]');
    this.text = doc.getElementById('bpa-try-text');
    this.ruleSelect = doc.getElementById('bpa-try-rule');
    this.filters = {
      severity: doc.getElementById('bpa-try-f-severity'),
      outcome: doc.getElementById('bpa-try-f-outcome'),
      rule: doc.getElementById('bpa-try-f-rule'),
    };
    this.seq = 0;
    this.file = null;
    this.report = null;
  }

  say(key, ...args) {
    this.status.textContent = format(this.t[key] ?? key, ...args);
    this.main.dataset.tryState = key;
  }

  async start() {
    this.say('status.loading');
    try {
      const get = (path) => this.win.fetch(this.base + path).then((r) => {
        if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
        return path.endsWith('.json') && !path.startsWith('samples/') ? r.json() : r.text();
      });
      const [bundle, model, rules, ...samples] = await Promise.all([get('checkers.json'), get('model.json'),
        get('rules.json'), ...SAMPLES.map((s) => get(`samples/${s}`))]);
      Object.assign(this, { bundle, model, rules, samples: Object.fromEntries(SAMPLES.map((s, i) => [s, samples[i]])) });
      await this.startWorker();
    } catch (e) {
      this.say('status.loadFailed', e.message);
      return;
    }
    this.fillRuleSelect();
    this.wire();
    this.say('status.ready', this.bundle.checkers.length);
    const rule = new URLSearchParams(this.win.location.search).get('rule');
    if (rule && this.checker(rule)) this.openRule(rule);
  }

  /**
   * A fresh worker with the bundle; the script is fetched while the page loads, then again only after a stop. With
   * more than two processors, a helper worker joins it (a MessagePort between them): whole-inventory validations
   * are split between the two, and the first worker keeps the report. With two, the page, the browser and the
   * worker already share them, and the second copy of the inventory costs more than it saves (bench/try-chromium.sh
   * with BPACAT_PROCESSORS=1 and 2).
   */
  startWorker() {
    this.worker = new this.win.Worker(this.workerUrl);
    this.worker.onmessage = (e) => this.onMessage(e.data);
    const split = (this.win.navigator?.hardwareConcurrency ?? 1) > SPLIT_ABOVE_PROCESSORS
      && typeof this.win.MessageChannel === 'function';
    const channel = split ? new this.win.MessageChannel() : null;
    this.helper = split ? new this.win.Worker(this.workerUrl) : null;
    this.main.dataset.tryWorkers = split ? '2' : '1';
    // what the workers validate while they wait, to have their code compiled before the reader's first inventory
    const warmup = SAMPLES.map((s) => this.samples[s]);
    this.main.dataset.tryWarm = 'warming';
    return new Promise((resolve, reject) => {
      const onerror = (e) => {
        e.preventDefault?.();
        if (this.onReady) reject(new Error(e.message || 'the validator could not start'));
        else this.fail(e.message || 'worker error');
      };
      this.worker.onerror = onerror;
      let waiting = split ? 2 : 1;
      this.onReady = () => {
        if (--waiting > 0) return;
        this.onReady = null;
        resolve();
      };
      if (split) {
        this.helper.onerror = onerror;
        this.helper.onmessage = (e) => { if (e.data.type === 'ready') this.onReady?.(); };
        this.helper.postMessage({ type: 'init', bundle: this.bundle, model: this.model, port: channel.port2, helper: true,
          warmup }, [channel.port2]);
      }
      this.worker.postMessage({ type: 'init', bundle: this.bundle, model: this.model, port: channel?.port1, warmup },
        channel ? [channel.port1] : []);
    });
  }

  title(id) {
    return ruleLink(id, this.rules[id], this.lang, this.root).title;
  }

  fillRuleSelect() {
    const ids = [...new Set(this.bundle.checkers.map((c) => c.ruleId))];
    ids.sort((a, b) => this.title(a).localeCompare(this.title(b), this.lang));
    for (const id of ids) this.ruleSelect.append(el(this.doc, 'option', { value: id }, this.title(id)));
  }

  wire() {
    this.doc.getElementById('bpa-try-run').addEventListener('click', () => this.runInput());
    for (const b of this.main.querySelectorAll('[data-try-sample]')) {
      b.addEventListener('click', () => {
        this.text.value = this.samples[b.dataset.trySample];
        this.file = null;
        this.validate({ text: this.text.value, fileName: b.dataset.trySample });
      });
    }
    const input = this.doc.getElementById('bpa-try-file');
    input.addEventListener('change', () => input.files[0] && this.openFile(input.files[0]));
    const drop = this.main.querySelector('[data-try-drop]');
    drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', (e) => {
      e.preventDefault();
      drop.classList.remove('over');
      const f = e.dataTransfer?.files?.[0];
      if (f) this.openFile(f);
    });
    for (const s of Object.values(this.filters)) s.addEventListener('change', () => this.renderResults());
    for (const b of this.main.querySelectorAll('[data-try-export]')) {
      b.addEventListener('click', () => this.download(b.dataset.tryExport));
    }
    this.wirePlayground();
  }

  runInput() {
    if (this.text.value.trim()) this.validate({ text: this.text.value, fileName: this.t.pasted ?? 'inventory' });
    else if (this.file) this.openFile(this.file);
    else this.say('status.empty');
  }

  async openFile(file) {
    const started = this.now();
    this.file = file;
    if (file.size > MAX_MB * 1024 * 1024) {
      this.say('tooLarge', file.name, MAX_MB);
      return;
    }
    this.say('status.reading', file.name);
    const bytes = await file.arrayBuffer();
    this.validate({ bytes, fileName: file.name }, [bytes], started, { read: this.now() });
  }

  /** Calls `then` once the page has painted what was just put in it (at once where frames are not available). */
  afterPaint(then) {
    if (typeof this.win.requestAnimationFrame !== 'function') {
      then();
      return;
    }
    this.win.requestAnimationFrame(() => this.win.setTimeout(then, 0));
  }

  /** Milliseconds on the page's clock. */
  now() {
    return this.win.performance?.now() ?? Date.now();
  }

  /**
   * Sends a validation to the worker (restarting it if a previous run was stopped) and watches it. `started` is when
   * the reader asked for it (a file chosen, a sample or Validate clicked): the status gives the time from then until
   * the results are on the page.
   */
  async validate(source, transfer = [], started = this.now(), marks = {}) {
    if (!this.worker) await this.startWorker();
    const id = ++this.seq;
    this.pending = { id, fileName: source.fileName, started, marks: { ...marks, sent: this.now() } };
    const rule = this.ruleSelect.value;
    this.say('status.running', source.fileName, 0, rule ? 1 : this.bundle.checkers.length);
    this.watch();
    const msg = { type: 'validate', id, ...source, rules: rule ? [rule] : null, timeLimitMs: EXPRESSION_LIMIT_MS,
      checkerTimeLimitMs: RULE_LIMIT_MS, now: Date.now(), split: !rule && this.helper !== null,
      view: this.viewRequest() };
    if (msg.split) {
      const copy = source.bytes ? { ...msg, bytes: source.bytes.slice(0) } : msg;
      this.helper.postMessage(copy, copy.bytes ? [copy.bytes] : []);
    }
    this.worker.postMessage(msg, transfer);
  }

  /** Stops the worker when it has said nothing for too long: a runaway input never holds the page. */
  watch() {
    this.win.clearTimeout(this.quiet);
    this.quiet = this.win.setTimeout(() => {
      this.stopWorker();
      this.say('status.stopped', Math.round(QUIET_LIMIT_MS / 1000));
    }, QUIET_LIMIT_MS);
  }

  /** Ends the worker and what it held: the next validation starts a fresh one. */
  stopWorker() {
    this.worker?.terminate();
    this.helper?.terminate();
    Object.assign(this, { worker: null, helper: null, pending: null, examplesPending: false, report: null });
  }

  /** Every message shows the worker is alive: the watch restarts while it still has work, and ends when not. */
  onMessage(msg) {
    if (msg.type === 'examples' || msg.kind === 'examples') this.examplesPending = false;
    this.handle(msg);
    if (this.pending || this.examplesPending) this.watch();
    else this.win.clearTimeout(this.quiet);
  }

  handle(msg) {
    if (msg.type === 'ready') { this.onReady?.(); return; }
    if (msg.type === 'warm') { this.main.dataset.tryWarm = 'warm'; return; }
    if (msg.type === 'examples') { this.showExamples(msg); return; }
    if (msg.type === 'view') { this.showView(msg); return; }
    if (msg.type === 'export') { this.saveExport(msg); return; }
    if (msg.id !== this.pending?.id && msg.kind !== 'examples') return;
    if (msg.type === 'progress') {
      this.say('status.running', this.pending.fileName, msg.done, msg.total);
    } else if (msg.type === 'done') {
      this.report = { fileName: this.pending.fileName, started: this.pending.started, ...msg };
      this.pending.marks.done = this.now();
      this.report.marks = this.pending.marks;
      this.pending = null;
      this.showResults();
    } else if (msg.type === 'failed') {
      if (msg.kind === 'examples') { this.showBrokenExpression(msg.message); return; }
      this.say('status.unreadable', this.pending.fileName, msg.message);
      this.pending = null;
    }
  }

  fail(message) {
    this.win.clearTimeout(this.quiet);
    const fileName = this.pending?.fileName ?? '';
    this.stopWorker();
    this.say('status.unreadable', fileName, message);
  }

  showResults() {
    const section = this.main.querySelector('[data-try-results]');
    section.hidden = false;
    const { counts } = this.report;
    this.main.querySelector('[data-try-summary]').textContent = format(this.t.summary, counts.noncompliant,
      counts.compliant, counts['not-applicable'], counts['cannot-evaluate'], counts.error);
    const keep = this.filters.rule.value;
    this.filters.rule.replaceChildren(this.filters.rule.options[0]);
    for (const id of this.report.rules) this.filters.rule.append(el(this.doc, 'option', { value: id }, this.title(id)));
    this.filters.rule.value = this.report.rules.includes(keep) ? keep : '';
    const { view } = this.report;
    if (view && view.id === this.viewSeq && this.filters.rule.value === keep) this.showView(view);
    else this.renderResults();
  }

  /** Asks the worker, which keeps the report, for the results the filters keep. */
  renderResults() {
    if (!this.report || !this.worker) return;
    this.main.dataset.tryView = 'pending';
    this.worker.postMessage({ type: 'view', ...this.viewRequest() });
  }

  /**
   * What the filters keep, as a numbered request for a view (the last one asked is the one shown). A validation
   * asks for its first view with it: the worker sends it with the results' counts, one message round trip sooner.
   */
  viewRequest() {
    this.viewSeq = (this.viewSeq ?? 0) + 1;
    const filters = Object.fromEntries(Object.entries(this.filters).map(([k, s]) => [k, s.value]));
    return { id: this.viewSeq, filters, limit: OBJECTS_SHOWN };
  }

  showView(msg) {
    if (msg.id !== this.viewSeq) return;
    const viewed = this.now();
    const box = this.main.querySelector('[data-try-groups]');
    if (!msg.groups.length) box.replaceChildren(el(this.doc, 'p', { class: 'try-none' }, this.t.noResults));
    else box.replaceChildren(...msg.groups.map((g) => this.group(g)));
    this.main.dataset.tryView = 'shown';
    const report = this.report;
    if (report.shown !== true) {
      report.shown = true;
      Object.assign(report.marks, { viewed, rendered: this.now() });
      this.afterPaint(() => {
        if (this.report !== report || this.pending) return; // another validation started meanwhile
        this.main.dataset.tryWorkerMs = report.ms;
        // when each step ended, in ms after the request (bench/try-chromium.sh prints them): the file read, sent to
        // the worker, its results and view in, the view in the page, painted
        const m = { ...report.marks, painted: this.now() };
        this.main.dataset.tryPhases = Object.entries(m).map(([k, v]) => `${k} ${Math.round(v - report.started)}`).join(', ');
        this.say('status.done', report.fileName, report.total, Math.round(this.now() - report.started));
      });
    }
  }

  group(g) {
    const d = this.doc;
    const label = this.t[`severity.${g.severity}`] ?? g.severity;
    return el(d, 'section', { class: `try-group severity-${g.severity}`, 'data-severity': g.severity },
      el(d, 'h3', {}, format(this.t.group, label, g.count)),
      ...g.rules.map((r) => this.ruleResults(r)));
  }

  ruleResults({ rule, total, results }) {
    const d = this.doc;
    const link = ruleLink(rule, this.rules[rule], this.lang, this.root);
    const heading = link.href ? el(d, 'a', { href: link.href, lang: link.lang }, link.title) : link.title;
    const list = el(d, 'ul', { class: 'try-objects' }, ...results.map((r) => this.object(r)));
    const more = total > results.length ? el(d, 'p', { class: 'try-more' }, format(this.t.more, total - results.length))
      : null;
    return el(d, 'article', { class: 'try-rule-result', 'data-rule': rule }, el(d, 'h4', {}, heading), list, more);
  }

  object(r) {
    const d = this.doc;
    const outcome = r.excluded ? 'excluded' : r.outcome;
    const item = el(d, 'li', { 'data-outcome': outcome },
      el(d, 'span', { class: `outcome outcome-${outcome}` }, this.t[`outcome.${outcome}`] ?? outcome), ' ',
      el(d, 'strong', { class: 'try-object' }, r.object),
      r.message ? el(d, 'span', { class: 'try-message' }, `: ${r.message}`) : null);
    if (r.missing?.length) item.append(el(d, 'p', { class: 'try-missing' }, `${this.t.missing}: ${r.missing.join(', ')}`));
    if (r.remediation && outcome === 'noncompliant') item.append(this.codeBlock(r.remediation));
    return item;
  }

  /** A remediation with a copy button (copy.js makes every copy button of the page work). */
  codeBlock(text) {
    const d = this.doc;
    return el(d, 'div', { class: 'code-block try-fix', 'aria-label': this.t.fix },
      el(d, 'button', { type: 'button', class: 'copy' }, this.t.copy), el(d, 'pre', {}, el(d, 'code', {}, text)));
  }

  /** An export as the CLI writes it (made by the worker), downloaded from a Blob URL: nothing is sent anywhere. */
  download(kind) {
    if (!this.report || !this.worker) return;
    this.worker.postMessage({ type: 'export', kind, meta: { inventories: [this.report.fileName], verbose: false } });
  }

  saveExport(msg) {
    const blob = new this.win.Blob([msg.text], { type: TYPES[msg.kind] });
    const url = this.win.URL.createObjectURL(blob);
    const a = el(this.doc, 'a', { href: url, download: exportName(this.report.fileName, msg.kind) });
    this.doc.body.append(a);
    a.click();
    a.remove();
    this.win.setTimeout(() => this.win.URL.revokeObjectURL(url), 60000);
  }

  /** ?rule=: selects the rule, puts its first failing example in the box, validates it, opens the playground. */
  openRule(rule) {
    const checker = this.checker(rule);
    this.ruleSelect.value = rule;
    const first = checker.examples.find((e) => Object.values(e.expect).includes('noncompliant')) ?? checker.examples[0];
    if (first) {
      this.text.value = JSON.stringify(first.inventory, null, 1);
      this.validate({ text: this.text.value, fileName: first.name });
    }
    this.openPlayground(rule);
  }

  checker(rule) {
    return this.bundle.checkers.find((c) => c.ruleId === rule);
  }

  /** Shows a rule's JSONata and the outcomes of its examples; edits run them again (a quarter second after typing). */
  openPlayground(rule) {
    const play = this.main.querySelector('[data-try-playground]');
    play.hidden = !rule;
    play.dataset.rule = rule;
    if (!rule) return;
    this.doc.getElementById('bpa-try-expr').value = this.checker(rule).compliant;
    this.runExamples(rule, null);
  }

  wirePlayground() {
    const expr = this.doc.getElementById('bpa-try-expr');
    let timer = null;
    expr.addEventListener('input', () => {
      this.win.clearTimeout(timer);
      timer = this.win.setTimeout(() => this.runExamples(this.ruleSelect.value, expr.value), 250);
    });
    this.ruleSelect.addEventListener('change', () => this.openPlayground(this.ruleSelect.value));
  }

  async runExamples(rule, compliant) {
    if (!rule) return;
    if (!this.worker) await this.startWorker();
    this.exampleSeq = (this.exampleSeq ?? 0) + 1;
    this.main.querySelector('[data-try-playground]').dataset.shown = '';
    this.examplesPending = true;
    this.watch();
    this.worker.postMessage({ type: 'examples', id: `x${this.exampleSeq}`, rule, compliant,
      timeLimitMs: EXPRESSION_LIMIT_MS, checkerTimeLimitMs: RULE_LIMIT_MS, now: Date.now() });
  }

  showExamples(msg) {
    if (msg.id !== `x${this.exampleSeq}`) return;
    const d = this.doc;
    const rows = compareExamples(msg.examples);
    const play = this.main.querySelector('[data-try-playground]');
    play.dataset.shown = msg.rule;
    const outcome = (o) => (o ? this.t[`outcome.${o}`] ?? o : '—');
    this.main.querySelector('[data-try-examples]').replaceChildren(...rows.map((r) => el(d, 'tr',
      { class: r.same ? 'same' : 'differs', 'data-example': r.index, 'data-object': r.object, 'data-expected': r.expected ?? '',
        'data-outcome': r.outcome ?? '' },
      el(d, 'td', {}, r.example), el(d, 'td', {}, r.object), el(d, 'td', {}, outcome(r.expected)),
      el(d, 'td', {}, outcome(r.outcome)))));
    const differ = rows.filter((r) => !r.same).length;
    this.setPlayNote(differ ? format(this.t['playground.changed'], differ, rows.length) : this.t['playground.same']);
  }

  showBrokenExpression(message) {
    this.setPlayNote(format(this.t['playground.broken'], message));
  }

  setPlayNote(text) {
    const play = this.main.querySelector('[data-try-playground]');
    let note = play.querySelector('[data-try-play-note]');
    if (!note) {
      note = el(this.doc, 'p', { class: 'try-play-note', role: 'status', 'data-try-play-note': true });
      play.querySelector('table').before(note);
    }
    note.textContent = text;
  }
}

