// The JSONata engine in the browser: outcomes, templates, bounds on runaway expressions, exclusions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readInventory } from './inventory.js';
import { validate, pathRoot, mayReadRoots, present } from './engine.js';
import { render } from './template.js';

const model = JSON.parse(readFileSync(new URL('../../../src/main/resources/io/bpacat/check/inventory-model.json', import.meta.url), 'utf8'));

function bundle(checkers) {
  return {
    model,
    rules: { 'r-paused': { title: 'No paused VMs', titles: { 'it-it': 'Nessuna VM in pausa' }, severity: 'error', category: 'operations' } },
    checkers: checkers.map((c) => ({ file: `checkers/${c.ruleId}.yaml`, scope: 'VM', reads: { VM: ['Name', 'State'] }, require: [], values: {}, lines: { compliant: 5 }, message: '', remediation: '', ...c })),
  };
}

const paused = {
  ruleId: 'r-paused', compliant: "State != 'Paused'", values: { state: '$lowercase(State)' },
  message: "VM '{{Name}}' is {{state}}", remediation: "Resume-VM -Name '{{Name}}'",
};
const inv = (vms) => readInventory(JSON.stringify({ VM: vms }), 'i.json', model).inventory;

test('one result per object with the fields of the JSON report, in order', async () => {
  const r = await validate(inv([{ Name: "db'01", State: 9 }, { Name: 'b', State: 2 }, { Name: 'c' }]), bundle([paused]));
  assert.deepEqual(r.map((x) => x.outcome), ['noncompliant', 'compliant', 'cannot-evaluate']);
  assert.deepEqual(Object.keys(r[0]), ['inventory', 'rule', 'title', 'severity', 'category', 'checker', 'collection', 'object', 'outcome', 'message', 'remediation', 'missing', 'excluded', 'exclusionReason', 'helpUri']);
  assert.equal(r[0].message, "VM 'db'01' is paused");
  assert.equal(r[0].remediation, "Resume-VM -Name 'db''01'");
  assert.deepEqual([r[0].severity, r[0].title, r[0].helpUri], ['error', 'No paused VMs', 'rules/r-paused/']);
  assert.deepEqual(r[2].missing, ['VM.State']);
});

test('no VM collection: cannot evaluate for the inventory; an empty one: not applicable', async () => {
  const none = readInventory('{"VMHost": {"Name": "h"}}', 'h.json', model).inventory;
  assert.equal((await validate(none, bundle([paused])))[0].object, '(inventory)');
  const empty = await validate(inv([]), bundle([paused]));
  assert.deepEqual([empty[0].object, empty[0].outcome], ['(none)', 'not-applicable']);
});

test('an expression that never ends is stopped by the time limit and named', async () => {
  const runaway = { ruleId: 'r-loop', compliant: '$count([1..9000000].($ * 2)) > 0' };
  const recursion = { ruleId: 'r-rec', compliant: '($f := function($x) { $f($x + 1) + 1 }; $f(0) > 0)' };
  const t0 = Date.now();
  const r = await validate(inv([{ Name: 'a', State: 2 }]), bundle([runaway, recursion]), { timeLimitMs: 300 });
  assert.ok(Date.now() - t0 < 5000);
  assert.equal(r[0].message, 'checkers/r-loop.yaml: compliant (line 5) failed: ran longer than 300 ms');
  assert.equal(r[1].message, 'checkers/r-rec.yaml: compliant (line 5) failed: recursion deeper than 200 levels');
});

test('a checker past its own time limit is stopped: every object left gets the error, none before it', async () => {
  const slow = { ruleId: 'r-slow', compliant: '$count([1..5000].($ * 2)) > 0' };
  const vms = Array.from({ length: 200 }, (_, i) => ({ Name: `vm${i}`, State: 2 }));
  const r = await validate(inv(vms), bundle([slow]), { checkerTimeLimitMs: 40, memoize: false });
  const first = r.findIndex((x) => x.outcome === 'error');
  assert.ok(first > 0, 'the first objects are evaluated, then the checker is stopped');
  assert.ok(r.slice(0, first).every((x) => x.outcome === 'compliant'));
  assert.ok(r.slice(first).every((x) => x.outcome === 'error'
    && x.message === 'checkers/r-slow.yaml: the checker ran longer than 40 ms on this inventory and was stopped'));
});

test('the depth bound holds for functions an expression only defines through $eval, and shallow recursion passes', async () => {
  const deep = '($f := function($x) { $x >= 250 ? 0 : $f($x + 1) + 1 }; $f(0)) >= 0';
  const viaEval = { ruleId: 'r-eval', compliant: `$eval(${JSON.stringify(deep)})` };
  const direct = { ruleId: 'r-direct', compliant: deep };
  const fine = { ruleId: 'r-fine', compliant: '($f := function($x) { $x >= 5 ? 0 : $f($x + 1) + 1 }; $f(0)) = 5' };
  const r = await validate(inv([{ Name: 'a', State: 2 }]), bundle([viaEval, direct, fine]));
  // $eval reports what stopped the expression it evaluates as its own error (D3121); without the bound it would pass
  assert.equal(r[0].message, 'checkers/r-eval.yaml: compliant (line 5) failed: JSONata error D3121');
  assert.equal(r[1].message, 'checkers/r-direct.yaml: compliant (line 5) failed: recursion deeper than 200 levels');
  assert.equal(r[2].outcome, 'compliant');
});

test('exclusions by rule and object, rule selection, locale and base URL', async () => {
  const vms = inv([{ Name: 'web01', State: 9 }, { Name: 'web02', State: 9 }]);
  const r = await validate(vms, bundle([paused]), {
    exclusions: [{ rule: 'R-PAUSED', object: 'web0*', reason: 'migration' }], locale: 'it-IT', baseUrl: 'https://x.test',
  });
  assert.deepEqual(r.map((x) => [x.excluded, x.exclusionReason]), [[true, 'migration'], [true, 'migration']]);
  assert.equal(r[0].title, 'Nessuna VM in pausa');
  assert.equal(r[0].helpUri, 'https://x.test/it-it/rules/r-paused/');
  await assert.rejects(validate(vms, bundle([paused]), { rules: ['nothing'] }), /names no known rule/);
  await assert.rejects(validate(vms, bundle([paused]), { exclusions: [{ rule: 'r-paused' }] }), /gives no reason/);
});

// (the server and share only of paths that do not start with a drive, as the checkers ask)
test('path roots: the questions the path checkers ask have the same answers for the root as for the whole path', async () => {
  const jsonata = (await import('jsonata')).default;
  const questions = jsonata("[$substring($, 0, 1), $substring($, 1, 1), $uppercase($substring($, 0, 2)), $substring($, 1, 1) = ':' ? 'drive' : [$split($substring($, 2), '\\\\')[0], $split($substring($, 2), '\\\\')[1], $count($split($substring($, 2), '\\\\')) > 1]]");
  for (const p of ['D:\\VMs\\web01\\web01.vhdx', 'd:\\vms', 'D:', 'D:relative', 'C:\\', '\\\\fs01\\vms', '\\\\fs01\\vms\\web01\\disk.vhdx',
    '\\\\FS01\\VMs\\', '\\\\fs01', '\\\\fs01\\', '\\\\?\\C:\\VMs\\x', 'VMs\\web01\\x', 'ab', 'a', '', '\\\\srv\\share\\a\\b\\c', 'x:y:z',
    '\\\\\\\\', '\u{1F600}:\\VMs', '\u{1F600}\u{1F600}a\\b\\c']) {
    assert.deepEqual(await questions.evaluate(pathRoot(p)), await questions.evaluate(p), p);
  }
  assert.equal(pathRoot('D:\\VMs\\web01'), 'D:');
  assert.equal(pathRoot('\\\\fs01\\vms\\web01\\a.vhdx'), '\\\\fs01\\vms');
  assert.equal(pathRoot(5), 5);
  assert.equal(pathRoot(null), null);
});

test('$related.roots: the path fields of the object, then those of its linked objects, in their order', async () => {
  const i = readInventory(JSON.stringify({
    VM: [{ Name: 'a', Id: '00000000-0000-4000-8000-000000000001', Path: '\\\\sofs\\vms\\a', SmartPagingFilePath: 'D:\\paging' }],
    VMHardDiskDrive: [{ VMId: '00000000-0000-4000-8000-000000000001', Path: '\\\\nas\\old\\a\\1.vhdx' },
      { VMId: '00000000-0000-4000-8000-000000000001' }, { VMId: '00000000-0000-4000-8000-000000000001', Path: 'e:\\a\\2.vhdx' }],
  }), 'i.json', model).inventory;
  const seen = await validate(i, bundle([{
    ruleId: 'r-roots', reads: { VM: ['Name'] }, compliant: 'false', values: { roots: '$string($related.roots)' }, message: '{{roots}}',
  }]));
  assert.equal(seen[0].message, '{"Path":"\\\\\\\\sofs\\\\vms","SmartPagingFilePath":"D:","VMHardDiskDrive":[{"Path":"\\\\\\\\nas\\\\old"},{},{"Path":"e:"}]}');
});

test('present: every level there, each element of an array on the way, a null on the way counts; left-out fields do not', () => {
  const m = (o) => Object.assign(Object.create(null), o);
  const o = m({ A: m({ B: m({ C: 1 }) }), L: [m({ B: 1 }), m({ B: null })], E: [], N: null, S: 'x', M: [m({ B: 1 }), m({ C: 1 })] });
  const cases = { A: true, 'A.B': true, 'A.B.C': true, 'A.X': false, 'A.B.C.D': false, 'L.B': true, 'E.B': true, 'N.B': true,
    'S.B': false, 'M.B': false, 'X.B': false };
  for (const [path, want] of Object.entries(cases)) {
    assert.equal(present(o, path, null), want, path);
    assert.equal(present(o, path, null, path.includes('.') ? path.split('.') : null), want, `${path}, split by the caller`);
  }
  assert.equal(present(o, 'A.B', m({ A: 'collapsed' })), false);
  assert.equal(present(o, 'A', m({ A: 'collapsed' })), false);
});

test('templates: values before fields, paths, lists, "?" for none, quotes doubled for PowerShell, $ kept as written', () => {
  const o = Object.assign(Object.create(null), { Name: "db'1", A: Object.assign(Object.create(null), { B: 2.5 }), L: [1, 2] });
  const values = new Map([['x', "$& $1 o'k"], ['Name', 'from values']]);
  const t = "{{Name}}: {{ A.B }} [{{L}}] {{x}} {{missing}} {{A}}";
  for (let round = 0; round < 2; round++) {
    assert.equal(render(t, o, values, false), "from values: 2.5 [1, 2] $& $1 o'k ? {…}");
    assert.equal(render(t, o, null, true), "db''1: 2.5 [1, 2] ? ? {…}");
  }
  assert.equal(render('no placeholder', o, null, false), 'no placeholder');
  assert.equal(render('', o, null, false), '');
  assert.equal(render(null, o, null, false), '');
});

test('$related.roots is made only for checkers that may read it; one that comes later still finds them, last', async () => {
  for (const blind of ["$related.VMGuest[0].OSVersion = '10.0'", '$count($related.VMHardDiskDrive) > 0 and Name != "roots"',
    '$related.VMGuest.$related.VHD', '$related.rootsOf']) assert.equal(mayReadRoots([blind]), false, blind);
  for (const sees of ['$related.roots.Path', '$related', '$keys($related)', '$related.*', '$related .roots',
    '$related.`roots`', '$r := $related; $r.roots', '$related.VMGuest.%.roots', "$eval('1')", '$string($related)',
    '$related.VM[0].Name and $related.roots.VM']) assert.equal(mayReadRoots([sees]), true, sees);
  const i = readInventory(JSON.stringify({
    VM: [{ Name: 'a', Id: '00000000-0000-4000-8000-000000000001', Path: 'D:\\vms\\a' }],
    VMHardDiskDrive: [{ VMId: '00000000-0000-4000-8000-000000000001', Path: 'E:\\a\\1.vhdx' }],
  }), 'i.json', model).inventory;
  const blind = { ruleId: 'r-blind', reads: { VM: ['Name'] }, compliant: '$count($related.VMHardDiskDrive) = 0', message: 'x' };
  const sees = { ruleId: 'r-sees', reads: { VM: ['Name'] }, compliant: 'false', values: { r: '$string($related)' }, message: '{{r}}' };
  const both = await validate(i, bundle([blind, sees]));
  assert.equal(both[0].outcome, 'noncompliant');
  assert.equal(both[1].message, '{"VMHardDiskDrive":[{"VMId":"00000000-0000-4000-8000-000000000001","Path":"E:\\\\a\\\\1.vhdx"}],'
    + '"roots":{"Path":"D:","VMHardDiskDrive":[{"Path":"E:"}]}}');
});

test('$related: by id; an object with an id finds by name only objects without one; derived keys, each object once', async () => {
  const a = '00000000-0000-4000-8000-00000000000a';
  const other = '00000000-0000-4000-8000-0000000000ff';
  const i = readInventory(JSON.stringify({
    VM: [{ Name: 'web01', Id: a }, { Name: 'web02' }],
    VMIntegrationService: [{ Name: 'by id', VMId: a, VMName: 'web01' }, { Name: 'by name', VMName: 'WEB01' },
      { Name: 'other id', VMId: other, VMName: 'web01' }, { Name: 'web02 by name', VMName: 'web02' }],
    VMSnapshot: [{ Name: "other vm's", VMId: other, VMName: 'web01' }],
    VMHardDiskDrive: [{ Name: 'disk', VMId: a, VMName: 'web01', Path: 'D:\\a.vhdx' }],
    VHD: [{ Name: 'vhd', Path: 'd:\\A.VHDX' }, { Name: 'unused', Path: 'd:\\b.vhdx' }],
  }), 'i.json', model).inventory;
  // each collection of $related with the names of its objects, in order
  const names = "$join($keys($related).($ & '=' & ($ = 'roots' ? $string($lookup($related, $)) : $join($lookup($related, $).Name, ','))), ';')";
  const related = async (scope) => (await validate(i, bundle([{
    ruleId: `r-${scope}`, scope, reads: { [scope]: ['Name'] }, compliant: 'false', values: { r: names }, message: '{{r}}',
  }]))).map((x) => x.message);
  assert.deepEqual(await related('VM'), [
    'VHD=vhd;VMHardDiskDrive=disk;VMIntegrationService=by id,by name;VMSnapshot=;roots={"VHD":[{"Path":"d:"}],"VMHardDiskDrive":[{"Path":"D:"}]}',
    'VMIntegrationService=web02 by name']);
  // an empty list where objects had the name but an id: the snapshot of another VM, and below the VM itself
  assert.deepEqual(await related('VMIntegrationService'), [
    'VHD=vhd;VM=web01;VMHardDiskDrive=disk;VMSnapshot=;roots={"VHD":[{"Path":"d:"}],"VM":[{}],"VMHardDiskDrive":[{"Path":"D:"}]}',
    'VHD=vhd;VM=web01;VMHardDiskDrive=disk;VMSnapshot=other vm\'s;roots={"VHD":[{"Path":"d:"}],"VM":[{}],"VMHardDiskDrive":[{"Path":"D:"}]}',
    'VMSnapshot=other vm\'s;VHD=vhd;VM=;VMHardDiskDrive=;roots={"VHD":[{"Path":"d:"}],"VM":[],"VMHardDiskDrive":[]}',
    'VM=web02;roots={"VM":[{}]}']);
  // the VHD inherits the disk's VM id and VM name: the services of both keys, each once, in the order found
  assert.deepEqual(await related('VHD'), [
    'VMHardDiskDrive=disk;VM=web01;VMIntegrationService=by id,by name,other id;VMSnapshot=other vm\'s;roots={"Path":"d:","VMHardDiskDrive":[{"Path":"D:"}],"VM":[{}]}',
    'roots={"Path":"d:"}']);
});
