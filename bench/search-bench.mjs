// Drives headless Chromium (Debian's chromium, over the DevTools protocol) on a built site to compare our search
// with Pagefind. Serves the site from 127.0.0.1 with gzip for text files (as static hosts do), counting the bytes
// sent under each top folder; every response is sent with Cache-Control: no-store, so a page load starts with
// nothing cached and the bytes of a first query are what a new visitor downloads. The DevTools Network domain stays
// off: its events for every request (sent to this process, which also serves the site) are work a visitor's browser
// does not do, and made each request of a query's first run about 2 ms slower on 2 cores. DEVTOOLS_NETWORK=1 turns
// it on (with its cache switch) to compare with figures taken that way.
// Usage: node --experimental-websocket bench/search-bench.mjs SITE_DIR HARNESS_DIR QUERIES.json ENGINE
//   ENGINE: ours | pagefind. Prints one JSON object: bytes of a first and a second query, latency, ranked IDs.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

const [siteDir, harnessDir, queriesFile, engine] = process.argv.slice(2);
const queries = JSON.parse(readFileSync(queriesFile, 'utf8'));
const TEXT = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json',
  '.css': 'text/css', '.svg': 'image/svg+xml' };
const sent = new Map();
const gz = new Map();

function serve(req, res) {
  const url = new URL(req.url, 'http://127.0.0.1');
  const path = decodeURIComponent(url.pathname);
  const root = path.startsWith('/__bench/') ? harnessDir : siteDir;
  let file = normalize(join(root, path.startsWith('/__bench/') ? path.slice(8) : path));
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(404, { 'Cache-Control': 'no-store' }).end();
    return;
  }
  const type = TEXT[extname(file)];
  let body = readFileSync(file);
  const headers = { 'Content-Type': type || 'application/octet-stream', 'Cache-Control': 'no-store' };
  if (type && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
    if (!gz.has(file)) gz.set(file, gzipSync(body, { level: 9 }));
    body = gz.get(file);
    headers['Content-Encoding'] = 'gzip';
  }
  const top = path.split('/')[1] || '';
  sent.set(top, (sent.get(top) || 0) + body.length);
  res.writeHead(200, headers).end(body);
}

/** The DevTools protocol over a WebSocket: send(method, params) and waiting for an event. */
async function devtools(wsUrl) {
  const ws = new WebSocket(wsUrl);
  await new Promise((ok, fail) => {
    ws.onopen = ok;
    ws.onerror = fail;
  });
  let next = 0;
  const pending = new Map();
  const waiters = [];
  ws.onmessage = (m) => {
    const msg = JSON.parse(m.data);
    if (msg.id && pending.has(msg.id)) {
      const { ok, fail } = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.error) fail(new Error(JSON.stringify(msg.error)));
      else ok(msg.result);
    } else if (msg.method) {
      const keep = [];
      for (const w of waiters.splice(0)) {
        if (w.method === msg.method) w.ok(msg.params);
        else keep.push(w);
      }
      waiters.push(...keep);
    }
  };
  const send = (method, params = {}) => new Promise((ok, fail) => {
    const id = ++next;
    pending.set(id, { ok, fail });
    ws.send(JSON.stringify({ id, method, params }));
  });
  const event = (method) => new Promise((ok) => waiters.push({ method, ok }));
  return { send, event, close: () => ws.close() };
}

async function startChromium() {
  const profile = mkdtempSync(join(tmpdir(), 'bpacat-bench-'));
  const proc = spawn(process.env.CHROMIUM || '/usr/bin/chromium', ['--headless=new', '--no-sandbox', '--disable-gpu',
    '--disable-dev-shm-usage', '--disable-extensions', '--no-first-run', '--remote-debugging-port=0',
    `--user-data-dir=${profile}`, 'about:blank'], { stdio: 'ignore' });
  const portFile = join(profile, 'DevToolsActivePort');
  for (let i = 0; i < 200 && !existsSync(portFile); i++) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 100));
  const port = readFileSync(portFile, 'utf8').split('\n')[0];
  const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
  const page = targets.find((t) => t.type === 'page');
  const cdp = await devtools(page.webSocketDebuggerUrl);
  await cdp.send('Page.enable');
  if (process.env.DEVTOOLS_NETWORK) {
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  }
  const stop = async () => {
    cdp.close();
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill();
    await exited;
    // Chromium's helper processes can still write into the profile for a moment after the browser exits.
    for (let attempt = 1; ; attempt++) {
      try {
        rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
        break;
      } catch (e) {
        if (attempt === 10) {
          process.stderr.write(`could not remove the Chromium profile ${profile}: ${e.message}\n`);
          break;
        }
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  };
  return { cdp, stop };
}

const server = createServer(serve);
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;
const chromium = await startChromium();
const { cdp } = chromium;

async function load() {
  const loaded = cdp.event('Page.loadEventFired');
  await cdp.send('Page.navigate', { url: `${origin}/__bench/harness.html` });
  await loaded;
  for (let i = 0; i < 100; i++) {
    if ((await evaluate('window.benchReady === true')) === true) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the bench page did not start');
}

async function evaluate(expression) {
  const r = await cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
  if (r.exceptionDetails) throw new Error(`${expression}: ${JSON.stringify(r.exceptionDetails)}`);
  return r.result.value;
}

const run = (q) => evaluate(`bench.run(${JSON.stringify(engine)}, ${JSON.stringify(q)})`);
const folders = engine === 'ours' ? ['search', '__bench'] : ['pagefind'];
const bytes = () => folders.reduce((s, f) => s + (sent.get(f) || 0), 0);
const pageBytes = () => sent.get('__bench') || 0;

// Bytes: every judged query as the first query of a new visitor, then the next judged query as a second one.
// Our engine's JavaScript is in __bench/engine/ (the harness page itself is subtracted); Pagefind's in pagefind/.
const first = [];
const second = [];
for (let i = 0; i < queries.length; i++) {
  sent.clear();
  await load();
  const harness = pageBytes();
  await run(queries[i]);
  const b1 = bytes() - (engine === 'ours' ? harness : 0);
  first.push(b1);
  await run(queries[(i + 1) % queries.length]);
  second.push(bytes() - (engine === 'ours' ? harness : 0) - b1);
}

// Latency: PASSES passes (default 3), each on a newly loaded page: each judged query's first run (fetching its files
// from 127.0.0.1) and a repeat. A query's latency is its median over the passes (one pass's spike, a garbage
// collection or the machine's other work, is not the query's); every pass's runs are kept too (coldRuns, warmRuns).
const passes = Number(process.env.PASSES || 3);
const coldRuns = queries.map(() => []);
const warmRuns = queries.map(() => []);
const ranked = [];
const requests = [];
for (let pass = 0; pass < passes; pass++) {
  await load();
  await run({ query: 'warm up' });
  for (let i = 0; i < queries.length; i++) {
    const a = await run(queries[i]);
    coldRuns[i].push(a.ms);
    if (pass === 0) {
      requests.push(a.requests);
      ranked.push(a.ids);
    }
    warmRuns[i].push((await run(queries[i])).ms);
  }
}
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const cold = coldRuns.map(median);
const warm = warmRuns.map(median);
await chromium.stop();
server.close();
process.stdout.write(JSON.stringify({ engine, passes, first, second, cold, warm, coldRuns, warmRuns, ranked, requests }));
