import { test } from 'node:test';
import assert from 'node:assert/strict';
import { constants, deflateRawSync, gzipSync } from 'node:zlib';
import { gunzip, inflateRaw } from '../search/inflate.js';

/** Deterministic pseudo-random bytes drawn from an alphabet (a small one compresses well, 256 letters hardly). */
function bytes(length, letters, seed = 1) {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = letters[(x >>> 8) % letters.length];
  }
  return out;
}

const ALPHABETS = [[97], [97, 98], [...'the quick brown fox, "jumps": [1, 2]'].map((c) => c.charCodeAt(0)),
  Array.from({ length: 256 }, (_, i) => i)];
const STRATEGIES = { default: constants.Z_DEFAULT_STRATEGY, fixed: constants.Z_FIXED,
  huffmanOnly: constants.Z_HUFFMAN_ONLY, rle: constants.Z_RLE };

test('inflates what zlib deflates: stored, fixed and dynamic blocks, empty to several blocks long', () => {
  for (const length of [0, 1, 300, 5000, 70000, 200000]) {
    for (const letters of ALPHABETS) {
      const data = bytes(length, letters, length + letters.length);
      for (const level of [0, 1, 6, 9]) {
        for (const [name, strategy] of Object.entries(STRATEGIES)) {
          const what = `${length} bytes of ${letters.length} letters, level ${level}, ${name}`;
          assert.deepEqual(gunzip(gzipSync(data, { level, strategy })), data, `gzip: ${what}`);
          assert.deepEqual(inflateRaw(deflateRawSync(data, { level, strategy }), 0, 1), data, `raw: ${what}`);
        }
      }
    }
  }
});

/**
 * Bytes drawn from a very skewed distribution (codes of up to 15 bits) with copies of earlier stretches from up to
 * 32 KB back (distance codes with many extra bits, some of them long codes too).
 */
function skewed(length, seed) {
  const out = new Uint8Array(length);
  let x = seed;
  const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 8;
  for (let i = 0; i < length;) {
    if (i > 1000 && next() % 8 === 0) {
      const back = 1 + (next() % Math.min(i, 32768));
      const n = Math.min(length - i, 3 + (next() % 200));
      for (let k = 0; k < n; k++, i++) out[i] = out[i - back];
    } else {
      out[i++] = Math.floor(256 * (next() / (1 << 24)) ** 6);
    }
  }
  return out;
}

test('long codes and far distances decode too: skewed bytes with copies from far back', () => {
  for (const seed of [1, 2, 3]) {
    const data = skewed(150000, seed);
    for (const level of [1, 6, 9]) {
      assert.deepEqual(gunzip(gzipSync(data, { level })), data, `seed ${seed}, level ${level}`);
    }
  }
});

test('a gzip header\'s optional fields are skipped: extra field, file name, comment, header CRC', () => {
  const data = new TextEncoder().encode('{"id":"a","title":"Réplica"}');
  const plain = gzipSync(data);
  const deflated = plain.subarray(10);
  const header = [0x1f, 0x8b, 8, 4 | 8 | 16 | 2, 0, 0, 0, 0, 0, 255, 3, 0, 1, 2, 3, ...Buffer.from('doc.json\0'),
    ...Buffer.from('a comment\0'), 0xaa, 0xbb];
  assert.deepEqual(gunzip(new Uint8Array([...header, ...deflated])), data);
});

test('data that is not gzip or is cut short fails with a message instead of a wrong result', () => {
  const gz = gzipSync(bytes(5000, ALPHABETS[2]));
  assert.throws(() => gunzip(new TextEncoder().encode('{"not": "gzip", "but": "JSON"}')), /not gzip/);
  assert.throws(() => gunzip(gz.subarray(0, gz.length - 100)), /inflate|gunzip/);
  const wrongSize = Uint8Array.from(gz);
  wrongSize[wrongSize.length - 4] ^= 1;
  assert.throws(() => gunzip(wrongSize), /the trailer says/);
  assert.throws(() => inflateRaw(Uint8Array.of(0xff, 0xff, 0xff)), /inflate: bad block type|inflate: data ends too soon/);
});
