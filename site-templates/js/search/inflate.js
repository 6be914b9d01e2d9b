// Inflates gzip (RFC 1952) and DEFLATE (RFC 1951) data in one synchronous call, for the search's small compressed
// files: a result list inflates its few document files as they arrive instead of through a DecompressionStream,
// whose chunks take turns with every other task of the page.

/** Code lengths of the fixed literal/length and distance codes (RFC 1951, 3.2.6). */
const FIXED_LENGTHS = new Uint8Array(288).fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288);
const FIXED_DISTANCES = new Uint8Array(30).fill(5);
/** Base lengths and extra bits of length codes 257–285, base distances and extra bits of distance codes 0–29. */
const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
  163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DISTANCE_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
  2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DISTANCE_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
  13];
/** The order in which a dynamic block lists the code lengths of the code-length code. */
const CLEN_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** A canonical Huffman code from code lengths: per length the number of codes, and the symbols in code order. */
function huffman(lengths, n) {
  const counts = new Uint16Array(16);
  for (let i = 0; i < n; i++) counts[lengths[i]]++;
  counts[0] = 0;
  const offsets = new Uint16Array(16);
  for (let len = 1; len < 16; len++) offsets[len] = offsets[len - 1] + counts[len - 1];
  const symbols = new Uint16Array(n);
  for (let i = 0; i < n; i++) if (lengths[i]) symbols[offsets[lengths[i]]++] = i;
  return { counts, symbols };
}

const FIXED = () => ({ lit: huffman(FIXED_LENGTHS, 288), dist: huffman(FIXED_DISTANCES, 30) });
let fixed = null;

/**
 * The inflated bytes of raw DEFLATE data starting at `from` in `data`; `sizeHint` sizes the first output buffer.
 * Throws on data that is not DEFLATE.
 */
export function inflateRaw(data, from = 0, sizeHint = data.length * 4) {
  let pos = from;
  let bits = 0;
  let count = 0;
  let out = new Uint8Array(Math.max(sizeHint, 1024));
  let length = 0;

  const need = (n) => {
    while (count < n) {
      if (pos >= data.length) throw new Error('inflate: data ends too soon');
      bits |= data[pos++] << count;
      count += 8;
    }
  };
  const take = (n) => {
    need(n);
    const v = bits & ((1 << n) - 1);
    bits >>>= n;
    count -= n;
    return v;
  };
  const room = (n) => {
    if (length + n <= out.length) return;
    const bigger = new Uint8Array(Math.max(out.length * 2, length + n));
    bigger.set(out.subarray(0, length));
    out = bigger;
  };
  /** One symbol of a code: its bits are read one at a time, most significant first (RFC 1951, 3.1.1). */
  const decode = ({ counts, symbols }) => {
    let code = 0;
    let first = 0;
    let index = 0;
    for (let len = 1; len < 16; len++) {
      code |= take(1);
      const c = counts[len];
      if (code - first < c) return symbols[index + code - first];
      index += c;
      first = (first + c) << 1;
      code <<= 1;
    }
    throw new Error('inflate: bad code');
  };

  const dynamic = () => {
    const nlit = take(5) + 257;
    const ndist = take(5) + 1;
    const nclen = take(4) + 4;
    const clen = new Uint8Array(19);
    for (let i = 0; i < nclen; i++) clen[CLEN_ORDER[i]] = take(3);
    const clcode = huffman(clen, 19);
    const lengths = new Uint8Array(nlit + ndist);
    for (let i = 0; i < nlit + ndist;) {
      const sym = decode(clcode);
      if (sym < 16) {
        lengths[i++] = sym;
        continue;
      }
      let repeat;
      let value = 0;
      if (sym === 16) {
        if (i === 0) throw new Error('inflate: repeat with no previous length');
        value = lengths[i - 1];
        repeat = 3 + take(2);
      } else {
        repeat = sym === 17 ? 3 + take(3) : 11 + take(7);
      }
      if (i + repeat > nlit + ndist) throw new Error('inflate: too many code lengths');
      lengths.fill(value, i, i + repeat);
      i += repeat;
    }
    return { lit: huffman(lengths.subarray(0, nlit), nlit), dist: huffman(lengths.subarray(nlit), ndist) };
  };

  const codes = ({ lit, dist }) => {
    for (;;) {
      const sym = decode(lit);
      if (sym < 256) {
        room(1);
        out[length++] = sym;
      } else if (sym === 256) {
        return;
      } else {
        const l = sym - 257;
        if (l >= 29) throw new Error('inflate: bad length code');
        const n = LENGTH_BASE[l] + take(LENGTH_EXTRA[l]);
        const d = decode(dist);
        if (d >= 30) throw new Error('inflate: bad distance code');
        const back = DISTANCE_BASE[d] + take(DISTANCE_EXTRA[d]);
        if (back > length) throw new Error('inflate: distance before the start');
        room(n);
        for (let i = 0; i < n; i++, length++) out[length] = out[length - back];
      }
    }
  };

  for (let last = 0; !last;) {
    last = take(1);
    const type = take(2);
    if (type === 0) {
      bits = 0;
      count = 0;
      if (pos + 4 > data.length) throw new Error('inflate: data ends too soon');
      const n = data[pos] | (data[pos + 1] << 8);
      if ((n ^ (data[pos + 2] | (data[pos + 3] << 8))) !== 0xffff) throw new Error('inflate: bad stored block');
      pos += 4;
      if (pos + n > data.length) throw new Error('inflate: data ends too soon');
      room(n);
      out.set(data.subarray(pos, pos + n), length);
      length += n;
      pos += n;
    } else if (type === 1) {
      codes(fixed || (fixed = FIXED()));
    } else if (type === 2) {
      codes(dynamic());
    } else {
      throw new Error('inflate: bad block type');
    }
  }
  return out.subarray(0, length);
}

/**
 * The inflated bytes of gzip data: one member, its header's optional fields skipped; the size in its trailer must
 * match (its CRC is not checked: a damaged file that still inflates fails as JSON).
 */
export function gunzip(data) {
  if (data.length < 18 || data[0] !== 0x1f || data[1] !== 0x8b || data[2] !== 8) throw new Error('gunzip: not gzip');
  const flags = data[3];
  let pos = 10;
  if (flags & 4) pos += 2 + (data[pos] | (data[pos + 1] << 8));
  if (flags & 8) while (data[pos++]);
  if (flags & 16) while (data[pos++]);
  if (flags & 2) pos += 2;
  const n = data.length;
  const size = (data[n - 4] | (data[n - 3] << 8) | (data[n - 2] << 16) | (data[n - 1] << 24)) >>> 0;
  // DEFLATE expands at most 1032-fold: a damaged trailer cannot make the first buffer larger than that.
  const out = inflateRaw(data.subarray(0, n - 8), pos, Math.min(size, (n - pos) * 1032));
  if (out.length !== size) throw new Error(`gunzip: ${out.length} bytes inflated, the trailer says ${size}`);
  return out;
}
