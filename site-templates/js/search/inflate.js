// Inflates gzip (RFC 1952) and DEFLATE (RFC 1951) data in one synchronous call, for the search's small compressed
// files: a result list inflates its few document files as they arrive instead of through a DecompressionStream,
// whose chunks take turns with every other task of the page.

/** Code lengths of the fixed literal/length and distance codes (RFC 1951, 3.2.6). */
const FIXED_LENGTHS = new Uint8Array(288).fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288);
const FIXED_DISTANCES = new Uint8Array(30).fill(5);
/** Base lengths and extra bits of length codes 257–285, base distances and extra bits of distance codes 0–29. */
const LENGTH_BASE = Uint16Array.of(3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83,
  99, 115, 131, 163, 195, 227, 258);
const LENGTH_EXTRA = Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5,
  0);
const DISTANCE_BASE = Uint16Array.of(1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769,
  1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577);
const DISTANCE_EXTRA = Uint8Array.of(0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11,
  12, 12, 13, 13);
/** The order in which a dynamic block lists the code lengths of the code-length code. */
const CLEN_ORDER = Uint8Array.of(16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15);
/** Bits a code's look-up table covers: longer codes (rare) are decoded a bit at a time. */
const FAST = 9;
const FAST_MASK = (1 << FAST) - 1;

/**
 * A canonical Huffman code from code lengths (RFC 1951, 3.2.2): per length the number of codes and the symbols in
 * code order, and a table from the next FAST bits of input (first bit lowest) to symbol << 4 | code length for
 * codes of up to FAST bits (0: a longer code).
 */
class Code {
  constructor(lengths, n) {
    const counts = new Uint16Array(16);
    for (let i = 0; i < n; i++) counts[lengths[i]]++;
    counts[0] = 0;
    const offsets = new Uint16Array(16);
    const next = new Uint16Array(16);
    for (let len = 1, code = 0; len < 16; len++) {
      offsets[len] = offsets[len - 1] + counts[len - 1];
      code = (code + counts[len - 1]) << 1;
      next[len] = code;
    }
    const symbols = new Uint16Array(n);
    const table = new Int32Array(1 << FAST);
    for (let i = 0; i < n; i++) {
      const len = lengths[i];
      if (!len) continue;
      symbols[offsets[len]++] = i;
      const code = next[len]++;
      if (len > FAST) continue;
      let reversed = 0;
      for (let b = 0; b < len; b++) reversed |= ((code >>> b) & 1) << (len - 1 - b);
      for (let k = reversed; k <= FAST_MASK; k += 1 << len) table[k] = (i << 4) | len;
    }
    this.counts = counts;
    this.symbols = symbols;
    this.table = table;
  }
}

let fixed = null;

/** The input read so far (bits not yet used, first bit lowest) and the output written so far. */
class State {
  constructor(data, pos, size) {
    this.data = data;
    this.pos = pos;
    this.bits = 0;
    this.count = 0;
    this.out = new Uint8Array(Math.max(size, 1024));
    this.length = 0;
  }

  /** The next n bits (n ≤ 16) as a number, first bit lowest. */
  take(n) {
    while (this.count < n) {
      if (this.pos >= this.data.length) throw new Error('inflate: data ends too soon');
      this.bits |= this.data[this.pos++] << this.count;
      this.count += 8;
    }
    const v = this.bits & ((1 << n) - 1);
    this.bits >>>= n;
    this.count -= n;
    return v;
  }

  /** Room for n more bytes of output. */
  room(n) {
    if (this.length + n <= this.out.length) return;
    const bigger = new Uint8Array(Math.max(this.out.length * 2, this.length + n));
    bigger.set(this.out.subarray(0, this.length));
    this.out = bigger;
  }

  /**
   * One symbol of a code: looked up by the next FAST bits when its code is that short, else read a bit at a time,
   * most significant first (RFC 1951, 3.1.1).
   */
  decode(h) {
    while (this.count < FAST && this.pos < this.data.length) {
      this.bits |= this.data[this.pos++] << this.count;
      this.count += 8;
    }
    const entry = h.table[this.bits & FAST_MASK];
    if (entry !== 0 && (entry & 15) <= this.count) {
      this.bits >>>= entry & 15;
      this.count -= entry & 15;
      return entry >>> 4;
    }
    let code = 0;
    let first = 0;
    let index = 0;
    for (let len = 1; len < 16; len++) {
      code |= this.take(1);
      const c = h.counts[len];
      if (code - first < c) return h.symbols[index + code - first];
      index += c;
      first = (first + c) << 1;
      code <<= 1;
    }
    throw new Error('inflate: bad code');
  }
}

/** The literal/length and distance codes of a dynamic block (RFC 1951, 3.2.7). */
function dynamicCodes(s) {
  const nlit = s.take(5) + 257;
  const ndist = s.take(5) + 1;
  const nclen = s.take(4) + 4;
  const clen = new Uint8Array(19);
  for (let i = 0; i < nclen; i++) clen[CLEN_ORDER[i]] = s.take(3);
  const clcode = new Code(clen, 19);
  const lengths = new Uint8Array(nlit + ndist);
  for (let i = 0; i < nlit + ndist;) {
    const sym = s.decode(clcode);
    if (sym < 16) {
      lengths[i++] = sym;
      continue;
    }
    let repeat;
    let value = 0;
    if (sym === 16) {
      if (i === 0) throw new Error('inflate: repeat with no previous length');
      value = lengths[i - 1];
      repeat = 3 + s.take(2);
    } else {
      repeat = sym === 17 ? 3 + s.take(3) : 11 + s.take(7);
    }
    if (i + repeat > nlit + ndist) throw new Error('inflate: too many code lengths');
    lengths.fill(value, i, i + repeat);
    i += repeat;
  }
  return [new Code(lengths.subarray(0, nlit), nlit), new Code(lengths.subarray(nlit), ndist)];
}

/**
 * Inflates one block's symbols up to its end code. The input bits and the output length are kept in local variables
 * (put back into the state around the rare calls that read it): this loop runs for every symbol, and a page runs
 * its first files before it has compiled it.
 */
function inflateBlock(s, lit, dist) {
  const { data } = s;
  const litTable = lit.table;
  const distTable = dist.table;
  let { pos, bits, count, out, length } = s;
  for (;;) {
    while (count < 24 && pos < data.length) {
      bits |= data[pos++] << count;
      count += 8;
    }
    let entry = litTable[bits & FAST_MASK];
    let sym;
    if (entry !== 0 && (entry & 15) <= count) {
      bits >>>= entry & 15;
      count -= entry & 15;
      sym = entry >>> 4;
    } else {
      Object.assign(s, { pos, bits, count });
      sym = s.decode(lit);
      ({ pos, bits, count } = s);
    }
    if (sym < 256) {
      if (length === out.length) {
        s.length = length;
        s.room(1);
        out = s.out;
      }
      out[length++] = sym;
      continue;
    }
    if (sym === 256) break;
    const l = sym - 257;
    if (l >= 29) throw new Error('inflate: bad length code');
    let extra = LENGTH_EXTRA[l];
    while (count < extra && pos < data.length) {
      bits |= data[pos++] << count;
      count += 8;
    }
    if (count < extra) throw new Error('inflate: data ends too soon');
    const n = LENGTH_BASE[l] + (bits & ((1 << extra) - 1));
    bits >>>= extra;
    count -= extra;
    while (count < 24 && pos < data.length) {
      bits |= data[pos++] << count;
      count += 8;
    }
    entry = distTable[bits & FAST_MASK];
    let d;
    if (entry !== 0 && (entry & 15) <= count) {
      bits >>>= entry & 15;
      count -= entry & 15;
      d = entry >>> 4;
    } else {
      Object.assign(s, { pos, bits, count });
      d = s.decode(dist);
      ({ pos, bits, count } = s);
    }
    if (d >= 30) throw new Error('inflate: bad distance code');
    extra = DISTANCE_EXTRA[d];
    while (count < extra && pos < data.length) {
      bits |= data[pos++] << count;
      count += 8;
    }
    if (count < extra) throw new Error('inflate: data ends too soon');
    const back = DISTANCE_BASE[d] + (bits & ((1 << extra) - 1));
    bits >>>= extra;
    count -= extra;
    if (back > length) throw new Error('inflate: distance before the start');
    if (length + n > out.length) {
      s.length = length;
      s.room(n);
      out = s.out;
    }
    for (let end = length + n; length < end; length++) out[length] = out[length - back];
  }
  Object.assign(s, { pos, bits, count, out, length });
}

/** Copies a stored block (RFC 1951, 3.2.4): input from the next byte boundary. */
function storedBlock(s) {
  s.bits = 0;
  s.count = 0;
  const { data, pos } = s;
  if (pos + 4 > data.length) throw new Error('inflate: data ends too soon');
  const n = data[pos] | (data[pos + 1] << 8);
  if ((n ^ (data[pos + 2] | (data[pos + 3] << 8))) !== 0xffff) throw new Error('inflate: bad stored block');
  if (pos + 4 + n > data.length) throw new Error('inflate: data ends too soon');
  s.room(n);
  s.out.set(data.subarray(pos + 4, pos + 4 + n), s.length);
  s.length += n;
  s.pos = pos + 4 + n;
}

/**
 * The inflated bytes of raw DEFLATE data starting at `from` in `data`; `sizeHint` sizes the first output buffer.
 * Throws on data that is not DEFLATE.
 */
export function inflateRaw(data, from = 0, sizeHint = data.length * 4) {
  const s = new State(data, from, sizeHint);
  for (let last = 0; !last;) {
    last = s.take(1);
    const type = s.take(2);
    if (type === 0) {
      storedBlock(s);
    } else if (type === 1) {
      if (!fixed) fixed = [new Code(FIXED_LENGTHS, 288), new Code(FIXED_DISTANCES, 30)];
      inflateBlock(s, fixed[0], fixed[1]);
    } else if (type === 2) {
      const [lit, dist] = dynamicCodes(s);
      inflateBlock(s, lit, dist);
    } else {
      throw new Error('inflate: bad block type');
    }
  }
  return s.out.subarray(0, s.length);
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
