// Inventory reading in the browser: formats, normalization and hostile input (fast; parity with Java is
// JsParityTest's job).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readInventory, readInventoryBytes } from './inventory.js';

const model = JSON.parse(readFileSync(new URL('../../../src/main/resources/io/bpacat/check/inventory-model.json', import.meta.url), 'utf8'));
const enc = (s) => new TextEncoder().encode(s);

function throwsWith(fn, pattern) {
  let error;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  assert.ok(error, 'an error');
  assert.match(error.message, pattern);
  return error;
}

test('nesting 100,000 deep is an error naming the place, not a stack overflow', () => {
  const deep = '['.repeat(100000) + ']'.repeat(100000);
  for (const name of ['deep.json', 'deep.yaml']) {
    const e = throwsWith(() => readInventory(deep, name, model), /nested more than 64 levels/);
    assert.equal(e.code, 'INV003');
  }
  const e = throwsWith(() => readInventory(`{"VM":\n ${'['.repeat(70)}`, 'x.json', model), /x\.json:2:/);
  assert.equal(e.line, 2);
});

test('__proto__ and constructor are plain data and pollute nothing', () => {
  const json = '{"VM": [{"Name": "__proto__", "__proto__": {"State": 9}, "constructor": 1, "State": 2}]}';
  const { inventory } = readInventory(json, 'p.json', model);
  const vm = inventory.collections.VM[0];
  assert.deepEqual(Object.keys(vm), ['Name', '__proto__', 'constructor', 'State']);
  assert.equal(vm.constructor, 1);
  assert.equal(vm.__proto__.State, 9);
  assert.equal(Object.getPrototypeOf(vm), null);
  assert.equal({}.State, undefined);
  assert.equal(inventory.collections.VM[0].State, 'Running');
});

test('NaN, Infinity and duplicate keys are errors with line and column', () => {
  const e = throwsWith(() => readInventory('{"VM": [\n  {"Name": NaN}]}', 'n.json', model), /NaN and Infinity/);
  assert.deepEqual([e.line, e.column], [2, 12]);
  throwsWith(() => readInventory('{"VM": [{"Name": -Infinity}]}', 'n.json', model), /NaN and Infinity/);
  const d = throwsWith(() => readInventory('{"VM": [{"Name": "a",\n "Name": "b"}]}', 'd.json', model), /duplicate key "Name"/);
  assert.equal(d.line, 2);
  throwsWith(() => readInventory('VM:\n  - Name: a\n    Name: b\n', 'd.yaml', model), /duplicate key/);
  throwsWith(() => readInventory('{"VM": [] } x', 't.json', model), /after the end/);
});

test('bytes: invalid UTF-8 names the line; UTF-16 with BOM and UTF-8 BOM are read; the size limit comes first', () => {
  const bad = enc('{\n"VM": [\n{"Name": "xé"}]}');
  bad[bad.length - 6] = 0xc3;
  bad[bad.length - 5] = 0x28;
  const e = throwsWith(() => readInventoryBytes(bad, 'bad.json', model), /invalid UTF-8 at byte 21 \(0xC3\)/);
  assert.equal(e.line, 3);
  const text = '{"VM": {"Name": "wé"}}';
  const utf16 = new Uint8Array(2 + text.length * 2);
  utf16.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) utf16[2 + 2 * i] = text.charCodeAt(i);
  assert.equal(readInventoryBytes(utf16, 'ps51.json', model).inventory.collections.VM[0].Name, 'wé');
  assert.equal(readInventoryBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...enc(text)]), 'b.json', model).inventory.collections.VM[0].Name, 'wé');
  throwsWith(() => readInventoryBytes(new Uint8Array(65 * 1024 * 1024), 'big.json', model), /limit is 64\.0 MB/);
});

test('normalization: single object to array, enums, dates, time spans, versions, collapsed fields left out', () => {
  const json = JSON.stringify({
    CollectedAt: '/Date(1772366400000)/',
    VMHost: [{ Name: 'HV' }],
    VM: { Name: 'a', State: 9, Id: 'ABC', Uptime: '1.02:03:04.5', CreationTime: '3/1/2026 1:05:09 PM', HardDrives: 'Microsoft.HyperV.PowerShell.HardDiskDrive[]', IntegrationServicesVersion: { Major: 10, Minor: 0, Build: 1, Revision: -1 } },
  });
  const { inventory, diagnostics } = readInventory(json, 'i.json', model);
  const vm = inventory.collections.VM[0];
  assert.equal(inventory.collectedAt, '2026-03-01T12:00:00.000Z');
  assert.equal(inventory.collections.VMHost.length, 1);
  assert.equal(vm.State, 'Paused');
  assert.equal(vm.Id, 'abc');
  assert.equal(vm.Uptime.TotalSeconds, 93784.5);
  assert.equal(vm.Uptime.Hours, 2);
  assert.equal(vm.CreationTime, '2026-03-01T13:05:09.000Z');
  assert.equal(vm.IntegrationServicesVersion, '10.0.1');
  assert.equal('HardDrives' in vm, false);
  assert.match(inventory.leftOut.get(vm).HardDrives, /^collapsed to the string/);
  assert.ok(diagnostics.some((d) => d.code === 'INV016' && d.level === 'info'));
});

test('a JSON document normalized in place gives what a copy gives (the same text read as YAML is copied)', () => {
  const json = JSON.stringify({
    VMHost: { Name: 'HV', HostNumaStatus: [{ NodeId: 0, ProcessorsAvailability: ['1', 2] }], NumaStatus: [{ a: { b: -0 } }],
      InternalNetworkAdapters: [{ Name: 'n', status: [2], VlanSetting: 'Microsoft.HyperV.PowerShell.VMNetworkAdapterVlanSetting' }] },
    VM: [
      { Name: 'renamed', state: 2, Id: 'ABC', Extra: { Deep: [1, { x: null }] } },
      { Name: 'collapsed', HardDrives: 'Microsoft.HyperV.PowerShell.HardDiskDrive[]', State: 3, Uptime: '00:01:00' },
      { Name: 'both', name: 'twice', State: 'running', Notes: -0 },
      { Name: 'plain', State: 2, DynamicMemoryEnabled: 'True', MemoryStartup: '1024' },
    ],
  });
  const inPlace = readInventory(json, 'i.json', model);
  const copied = readInventory(json, 'i.yaml', model);
  assert.deepEqual(inPlace.inventory.collections, copied.inventory.collections);
  assert.deepEqual(inPlace.diagnostics, copied.diagnostics);
  for (const k of Object.keys(copied.inventory.collections)) {
    copied.inventory.collections[k].forEach((o, i) => {
      const mine = inPlace.inventory.collections[k][i];
      assert.deepEqual(Object.keys(mine), Object.keys(o), `${k}[${i}] keys in order`);
      assert.deepEqual(inPlace.inventory.leftOut.get(mine), copied.inventory.leftOut.get(o));
      assert.equal(Object.getPrototypeOf(mine), null);
    });
  }
  const vms = inPlace.inventory.collections.VM;
  assert.equal(vms[0].State, 'Running');
  assert.equal(Object.getPrototypeOf(vms[0].Extra), null);
  assert.equal('HardDrives' in vms[1], false);
  assert.ok(Object.is(inPlace.inventory.collections.VMHost[0].NumaStatus[0].a.b, 0));
});

test('bare cmdlet output by file name, CSV by its #TYPE line, YAML; an unknown document is an error', () => {
  assert.equal(readInventory('[{"Name": "LAN", "SwitchType": 2}]', 'Get-VMSwitch.json', model).inventory.collections.VMSwitch[0].SwitchType, 'External');
  const csv = '#TYPE Microsoft.HyperV.PowerShell.VirtualMachine\r\n"Name","State"\r\n"a, b","Running"\r\n';
  const vm = readInventory(csv, 'export.csv', model).inventory.collections.VM[0];
  assert.deepEqual([vm.Name, vm.State], ['a, b', 'Running']);
  assert.equal(readInventory('VM:\n  - Name: y\n    State: 2\n', 'i.yaml', model).inventory.collections.VM[0].State, 'Running');
  throwsWith(() => readInventory('{"What": 1}', 'what.json', model), /cannot tell which command wrote this file/);
  throwsWith(() => readInventory('   ', 'empty.json', model), /empty/);
});

test('YAML: deep block nesting and alias bombs are refused quickly, before the recursive parser', () => {
  throwsWith(() => readInventory(`${'- '.repeat(100000)}x\n`, 'dash.yaml', model), /nested more than 64 levels/);
  const indented = Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n');
  const e = throwsWith(() => readInventory(`${indented} 1\n`, 'map.yaml', model), /nested more than 64 levels/);
  assert.equal(e.line, 66);
  const levels = ['a: &a [1,2,3,4,5,6,7,8,9]'];
  for (let i = 1; i < 9; i++) levels.push(`l${i}: &l${i} [${Array(9).fill(i === 1 ? '*a' : `*l${i - 1}`).join(',')}]`);
  throwsWith(() => readInventory(`${levels.join('\n')}\n`, 'bomb.yaml', model), /more than 50 aliases/);
});
