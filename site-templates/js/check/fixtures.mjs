// What the checker tests share (not a test file itself): the inventory model, content/checkers as a bundle, and a
// generated inventory from bench/generate-inventory.py.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { parse } from 'yaml';

const root = new URL('../../../', import.meta.url);

export const model = JSON.parse(readFileSync(new URL('src/main/resources/io/bpacat/check/inventory-model.json', root), 'utf8'));

/** content/checkers as a bundle: what the engine sees of a checker (its expressions, scope, reads, examples). */
export function contentBundle() {
  const dir = new URL('content/checkers/', root);
  const checkers = readdirSync(dir).filter((f) => f.endsWith('.yaml') && !f.startsWith('_')).sort().map((f) => {
    const c = parse(readFileSync(new URL(f, dir), 'utf8'));
    return { file: `checkers/${f}`, ruleId: c.rule ?? f.replace(/\.yaml$/, ''), scope: c.scope, reads: c.reads ?? {},
      require: c.require ?? [], applies: c.applies ?? null, compliant: c.compliant, values: c.values ?? {},
      message: c.message ?? '', remediation: c.remediation ?? '', examples: c.examples ?? [], lines: {} };
  });
  return { model, checkers, rules: {} };
}

/** The text of a generated host inventory of `vms` VMs; null, with test `t` skipped, when python3 cannot make it. */
export function generatedInventory(t, vms) {
  try {
    return execFileSync('python3', [new URL('bench/generate-inventory.py', root).pathname, String(vms)], { encoding: 'utf8' });
  } catch (e) {
    t.skip(`python3 cannot run bench/generate-inventory.py: ${e.message}`);
    return null;
  }
}
