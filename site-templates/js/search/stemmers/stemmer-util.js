// Port of org.apache.lucene.analysis.util.StemmerUtil (Lucene 9.12.3).
// A word is an array of UTF-16 code units as one-character strings (Java's char[]), plus a length.

/** Whether the first len units of s start with prefix. */
export function startsWith(s, len, prefix) {
  const prefixLen = prefix.length;
  if (prefixLen > len) return false;
  for (let i = 0; i < prefixLen; i++) if (s[i] !== prefix[i]) return false;
  return true;
}

/** Whether the first len units of s end with suffix. */
export function endsWith(s, len, suffix) {
  const suffixLen = suffix.length;
  if (suffixLen > len) return false;
  for (let i = suffixLen - 1; i >= 0; i--) if (s[len - (suffixLen - i)] !== suffix[i]) return false;
  return true;
}

/** Deletes the unit at pos in place; returns the new length. */
export function deleteAt(s, pos, len) {
  if (pos < len - 1) s.copyWithin(pos, pos + 1, len);
  return len - 1;
}

/** Deletes n units at pos in place; returns the new length. */
export function deleteN(s, pos, len, n) {
  if (pos + n < len) s.copyWithin(pos, pos + n, len);
  return len - n;
}

/** Applies a Lucene-style stemmer (stem(char[] s, int len) → new length) to a term. */
export function applyStemmer(stem, term) {
  const s = term.split('');
  const len = stem(s, s.length);
  return len === s.length ? s.join('') : s.slice(0, len).join('');
}

const LETTER = /\p{L}/u;

/** Java's Character.isLetter(char) for one UTF-16 code unit (a lone surrogate is not a letter). */
export function isLetterUnit(c) {
  return c >= 'a' && c <= 'z' ? true : c.charCodeAt(0) < 0x80 ? (c >= 'A' && c <= 'Z') : LETTER.test(c);
}
