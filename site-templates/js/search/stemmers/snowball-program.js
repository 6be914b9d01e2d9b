/*
A port to JavaScript of org.tartarus.snowball.SnowballProgram and org.tartarus.snowball.Among as shipped in
Apache Lucene 9.12.3 (lucene-analysis-common), the runtime of the Snowball 2.0.0 stemmers in
org.tartarus.snowball.ext. Method names, fields and behaviour follow the Java source line for line, so that a
stemmer converted from Lucene's generated Java (tools/snowball/convert.mjs) stems exactly like Lucene.

Java's char and String are UTF-16 code units, as are JavaScript's strings: the current text is kept in a
Uint16Array with a separate limit, like Java's char[] buffer, so every index means the same in both.

Copyright (c) 2001, Dr Martin Porter
Copyright (c) 2004,2005, Richard Boulton
Copyright (c) 2013, Yoshiki Shibukawa
Copyright (c) 2006,2007,2009,2010,2011,2014-2019, Olly Betts
All rights reserved.

Redistribution and use in source and binary forms, with or without
modification, are permitted provided that the following conditions
are met:

  1. Redistributions of source code must retain the above copyright notice,
     this list of conditions and the following disclaimer.
  2. Redistributions in binary form must reproduce the above copyright notice,
     this list of conditions and the following disclaimer in the documentation
     and/or other materials provided with the distribution.
  3. Neither the name of the Snowball project nor the names of its contributors
     may be used to endorse or promote products derived from this software
     without specific prior written permission.

THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT OWNER OR CONTRIBUTORS BE LIABLE FOR
ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES
(INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES;
LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON
ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT
(INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS
SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
*/

/**
 * One entry of a Snowball "among" table: a search string, the index of the longest entry that is a prefix (or,
 * for backward tables, a suffix) of it, the result, and optionally the name of a routine of the stemmer that must
 * also succeed for the entry to match (Java resolves it to a MethodHandle; here it is looked up on the stemmer).
 */
export class Among {
  /**
   * @param {string} s search string
   * @param {number} substring_i index to longest matching substring, or -1
   * @param {number} result result of the lookup
   * @param {string} [methodname] routine of the stemmer to call when the string matches ("" or absent: none)
   */
  constructor(s, substring_i, result, methodname) {
    this.s = s;
    this.substring_i = substring_i;
    this.result = result;
    this.method = methodname && methodname.length > 0 ? methodname : null;
  }
}

/** Mini version of Lucene's ArrayUtil.oversize, specialized to chars (SnowballProgram.oversize). */
function oversize(minTargetSize) {
  let extra = minTargetSize >> 3;
  if (extra < 3) {
    extra = 3;
  }
  const newSize = minTargetSize + extra;
  return (newSize + 3) & 0x7ffffffc;
}

/** The UTF-16 code units of a string. */
function toCharArray(value) {
  const a = new Uint16Array(value.length);
  for (let i = 0; i < value.length; i++) a[i] = value.charCodeAt(i);
  return a;
}

/** A string from code units [offset, offset + count) of a buffer (Java's new String(char[], int, int)). */
function charsToString(buf, offset, count) {
  let out = "";
  const end = offset + count;
  for (let i = offset; i < end; i += 4096) {
    out += String.fromCharCode.apply(null, buf.subarray(i, Math.min(end, i + 4096)));
  }
  return out;
}

/** Base class for a snowball stemmer (org.tartarus.snowball.SnowballProgram). */
export class SnowballProgram {
  // current string
  #current;

  constructor(other) {
    if (other instanceof SnowballProgram) {
      this.#current = other.#current;
      this.cursor = other.cursor;
      this.limit = other.limit;
      this.limit_backward = other.limit_backward;
      this.bra = other.bra;
      this.ket = other.ket;
      return;
    }
    this.#current = new Uint16Array(8);
    this.cursor = 0;
    this.limit = 0;
    this.limit_backward = 0;
    this.bra = 0;
    this.ket = 0;
    this.setCurrent("");
  }

  /**
   * Set the current string: setCurrent(string), or setCurrent(buffer, length) with a Uint16Array (or an array of
   * code units) whose first length units are the text, like Java's setCurrent(char[], int).
   */
  setCurrent(value, length) {
    if (typeof value === "string") {
      this.#current = toCharArray(value);
      this.limit = value.length;
    } else {
      this.#current = value instanceof Uint16Array ? value : Uint16Array.from(value);
      this.limit = length;
    }
    this.cursor = 0;
    this.limit_backward = 0;
    this.bra = this.cursor;
    this.ket = this.limit;
  }

  /** Get the current string. */
  getCurrent() {
    return charsToString(this.#current, 0, this.limit);
  }

  /**
   * Get the current buffer containing the stem. This may be a different array than the one given to setCurrent
   * when stemming produced a longer intermediate or result string; use getCurrentBufferLength() for its length.
   */
  getCurrentBuffer() {
    return this.#current;
  }

  /** The valid length of the array in getCurrentBuffer(). */
  getCurrentBufferLength() {
    return this.limit;
  }

  copy_from(other) {
    this.#current = other.#current;
    this.cursor = other.cursor;
    this.limit = other.limit;
    this.limit_backward = other.limit_backward;
    this.bra = other.bra;
    this.ket = other.ket;
  }

  in_grouping(s, min, max) {
    if (this.cursor >= this.limit) return false;
    let ch = this.#current[this.cursor];
    if (ch > max || ch < min) return false;
    ch -= min;
    if ((s[ch >> 3] & (0x1 << (ch & 0x7))) === 0) return false;
    this.cursor++;
    return true;
  }

  in_grouping_b(s, min, max) {
    if (this.cursor <= this.limit_backward) return false;
    let ch = this.#current[this.cursor - 1];
    if (ch > max || ch < min) return false;
    ch -= min;
    if ((s[ch >> 3] & (0x1 << (ch & 0x7))) === 0) return false;
    this.cursor--;
    return true;
  }

  out_grouping(s, min, max) {
    if (this.cursor >= this.limit) return false;
    let ch = this.#current[this.cursor];
    if (ch > max || ch < min) {
      this.cursor++;
      return true;
    }
    ch -= min;
    if ((s[ch >> 3] & (0x1 << (ch & 0x7))) === 0) {
      this.cursor++;
      return true;
    }
    return false;
  }

  out_grouping_b(s, min, max) {
    if (this.cursor <= this.limit_backward) return false;
    let ch = this.#current[this.cursor - 1];
    if (ch > max || ch < min) {
      this.cursor--;
      return true;
    }
    ch -= min;
    if ((s[ch >> 3] & (0x1 << (ch & 0x7))) === 0) {
      this.cursor--;
      return true;
    }
    return false;
  }

  eq_s(s) {
    if (this.limit - this.cursor < s.length) return false;
    const current = this.#current;
    for (let i = 0; i !== s.length; i++) {
      if (current[this.cursor + i] !== s.charCodeAt(i)) return false;
    }
    this.cursor += s.length;
    return true;
  }

  eq_s_b(s) {
    if (this.cursor - this.limit_backward < s.length) return false;
    const current = this.#current;
    for (let i = 0; i !== s.length; i++) {
      if (current[this.cursor - s.length + i] !== s.charCodeAt(i)) return false;
    }
    this.cursor -= s.length;
    return true;
  }

  find_among(v) {
    const current = this.#current;
    let i = 0;
    let j = v.length;

    const c = this.cursor;
    const l = this.limit;

    let common_i = 0;
    let common_j = 0;

    let first_key_inspected = false;

    while (true) {
      const k = i + ((j - i) >> 1);
      let diff = 0;
      let common = common_i < common_j ? common_i : common_j; // smaller
      const w = v[k];
      for (let i2 = common; i2 < w.s.length; i2++) {
        if (c + common === l) {
          diff = -1;
          break;
        }
        diff = current[c + common] - w.s.charCodeAt(i2);
        if (diff !== 0) break;
        common++;
      }
      if (diff < 0) {
        j = k;
        common_j = common;
      } else {
        i = k;
        common_i = common;
      }
      if (j - i <= 1) {
        if (i > 0) break; // v->s has been inspected
        if (j === i) break; // only one item in v

        // - but now we need to go round once more to get
        // v->s inspected. This looks messy, but is actually
        // the optimal approach.

        if (first_key_inspected) break;
        first_key_inspected = true;
      }
    }
    while (true) {
      const w = v[i];
      if (common_i >= w.s.length) {
        this.cursor = c + w.s.length;
        if (w.method === null) return w.result;
        const res = this.#invoke(w.method);
        this.cursor = c + w.s.length;
        if (res) return w.result;
      }
      i = w.substring_i;
      if (i < 0) return 0;
    }
  }

  // find_among_b is for backwards processing. Same comments apply
  find_among_b(v) {
    const current = this.#current;
    let i = 0;
    let j = v.length;

    const c = this.cursor;
    const lb = this.limit_backward;

    let common_i = 0;
    let common_j = 0;

    let first_key_inspected = false;

    while (true) {
      const k = i + ((j - i) >> 1);
      let diff = 0;
      let common = common_i < common_j ? common_i : common_j;
      const w = v[k];
      for (let i2 = w.s.length - 1 - common; i2 >= 0; i2--) {
        if (c - common === lb) {
          diff = -1;
          break;
        }
        diff = current[c - 1 - common] - w.s.charCodeAt(i2);
        if (diff !== 0) break;
        common++;
      }
      if (diff < 0) {
        j = k;
        common_j = common;
      } else {
        i = k;
        common_i = common;
      }
      if (j - i <= 1) {
        if (i > 0) break;
        if (j === i) break;
        if (first_key_inspected) break;
        first_key_inspected = true;
      }
    }
    while (true) {
      const w = v[i];
      if (common_i >= w.s.length) {
        this.cursor = c - w.s.length;
        if (w.method === null) return w.result;

        const res = this.#invoke(w.method);
        this.cursor = c - w.s.length;
        if (res) return w.result;
      }
      i = w.substring_i;
      if (i < 0) return 0;
    }
  }

  /** Calls the routine an Among entry names (Java: MethodHandle.invokeExact(this)). */
  #invoke(methodname) {
    const method = this[methodname];
    if (typeof method !== "function") {
      throw new Error(
        `Snowball program '${this.constructor.name}' is broken, cannot access method: boolean ${methodname}()`);
    }
    return method.call(this) === true;
  }

  /* to replace chars between c_bra and c_ket in current by the
   * chars in s.
   */
  replace_s(c_bra, c_ket, s) {
    const adjustment = s.length - (c_ket - c_bra);
    const newLength = this.limit + adjustment;
    // resize if necessary
    if (newLength > this.#current.length) {
      const newBuffer = new Uint16Array(oversize(newLength));
      newBuffer.set(this.#current.subarray(0, this.limit));
      this.#current = newBuffer;
    }
    const current = this.#current;
    // if the substring being replaced is longer or shorter than the
    // replacement, need to shift things around
    if (adjustment !== 0 && c_ket < this.limit) {
      current.copyWithin(c_bra + s.length, c_ket, this.limit);
    }
    // insert the replacement text
    for (let i = 0; i < s.length; i++) current[c_bra + i] = s.charCodeAt(i);

    this.limit += adjustment;
    if (this.cursor >= c_ket) this.cursor += adjustment;
    else if (this.cursor > c_bra) this.cursor = c_bra;
    return adjustment;
  }

  slice_check() {
    if (this.bra < 0 || this.bra > this.ket || this.ket > this.limit) {
      throw new RangeError(
        "faulty slice operation: bra=" + this.bra + ",ket=" + this.ket + ",limit=" + this.limit);
    }
  }

  slice_from(s) {
    this.slice_check();
    this.replace_s(this.bra, this.ket, s);
  }

  slice_del() {
    this.slice_from("");
  }

  insert(c_bra, c_ket, s) {
    const adjustment = this.replace_s(c_bra, c_ket, s);
    if (c_bra <= this.bra) this.bra += adjustment;
    if (c_bra <= this.ket) this.ket += adjustment;
  }

  /**
   * The slice as a string. Java copies it into a StringBuilder passed in (slice_to(StringBuilder)); JavaScript
   * strings are immutable, so the converter turns {@code slice_to(S_x);} into {@code this.S_x = this.slice_to();}.
   */
  slice_to() {
    this.slice_check();
    const len = this.ket - this.bra;
    return charsToString(this.#current, this.bra, len);
  }

  /** The whole current string (Java: assign_to(StringBuilder)); converted like slice_to. */
  assign_to() {
    return charsToString(this.#current, 0, this.limit);
  }
}

/** Parent class of all snowball stemmers, which must implement stem() (org.tartarus.snowball.SnowballStemmer). */
export class SnowballStemmer extends SnowballProgram {
  /** @returns {boolean} */
  stem() {
    throw new Error(`${this.constructor.name} does not implement stem()`);
  }
}
