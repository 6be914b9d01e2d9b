// Bundles the site's ES modules with esbuild: node site-templates/js/build.mjs OUT_DIR
// Each entry below becomes OUT_DIR/<name>.js (shared code goes to chunks); then OUT_DIR/../assets.list lists every
// file of OUT_DIR, so bpacat copies them all to the site's assets/ folder. Add a page's module as a new entry.
import { build } from 'esbuild';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outdir = resolve(process.argv[2] ?? 'target/classes/site-templates/assets');
const entryPoints = {
  site: join(here, 'site.js'),
};

// No chunk of an earlier build is left to be copied into the site (the folder also holds the style sheet).
rmSync(join(outdir, 'chunks'), { recursive: true, force: true });
rmSync(join(outdir, 'check-worker.js'), { force: true });

// The validator's worker is a classic script on its own (a worker cannot share the page's chunks).
await build({
  entryPoints: { 'check-worker': join(here, 'check', 'worker.js') },
  outdir,
  bundle: true,
  format: 'iife',
  target: 'es2020',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});

await build({
  entryPoints,
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  target: 'es2020',
  minify: true,
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
});

const files = [];
const walk = (dir, prefix) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) walk(join(dir, e.name), `${prefix}${e.name}/`);
    else files.push(prefix + e.name);
  }
};
walk(outdir, '');
files.sort();
writeFileSync(join(outdir, '..', 'assets.list'), files.join('\n') + '\n');
